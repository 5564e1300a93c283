#pragma once

// Declared apart from its definitions: moc cannot read the raw string literals the tests use.
#include <QObject>

class TestJsonScanner : public QObject
{
    Q_OBJECT

private slots:
    void arrays_data();
    void arrays();
    void objectMembers();
    void brokenElementIsNamed();
    void agreesWithAByteByByteWalk();
    void deepValuesAgreeToo();
    void blockMasksAgreeWithEachByte();
    void aBreakIsWalkedOnce_data();
    void aBreakIsWalkedOnce();
    void valuesInsideABreakAgreeWithTheWalk();
};
