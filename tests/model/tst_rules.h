#pragma once

// Declared apart from its definitions: moc cannot read the raw string literals the tests use.
#include <QObject>

class TestRules : public QObject
{
    Q_OBJECT

private slots:
    void parsesEveryForm();
    void malformedRulesSayWhere();
    void evaluatesAsTheStatisticsDo();
    void noDataFailsUnlessAllowed();
};
