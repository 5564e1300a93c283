#pragma once

// Declared apart from its definitions: moc cannot read the raw string literals the tests use.
#include <QObject>

class TestJaegerMalformed : public QObject
{
    Q_OBJECT

private slots:
    void baseFixtureIsClean();
    void recoverable_data();
    void recoverable();
    void wrongTypeKeepsTheRestOfTheSpan();
    void unloadable_data();
    void unloadable();
    void missingSpansKeyIsNamed();
    void apiErrorIsReported();
    void byteOrderMarkAndCrlf();
    void jsonLinesOfTraces();
    void truncatedRealFile();
    void unreadableFile();
};
