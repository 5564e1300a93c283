#include "corpus.h"
#include "processes.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

namespace {

Spanwise::Test::ProcessRun check(const QStringList& arguments)
{
    return Spanwise::Test::runProgram(
        QStringLiteral(SPANWISE_EXECUTABLE), QStringList {QStringLiteral("check")} + arguments);
}

QString sdk()
{
    return QString::fromStdString(Spanwise::Test::corpusFile(QStringLiteral("sdk/traces.otlp.json")));
}

} // namespace

// `spanwise check`: the gate's exit codes and its JSON, on the SDK capture. Expected figures:
// MANIFEST.md gives 3,898 spans and 96 error spans for the capture.
class TestCheckCommand : public QObject
{
    Q_OBJECT

private slots:
    void passAndFail()
    {
        auto run = check({sdk(), QStringLiteral("--rule"), QStringLiteral("spans() = 3898"), QStringLiteral("--rule"),
            QStringLiteral("error_rate() < 3%")});
        QCOMPARE(run.exitCode, 0);
        QVERIFY(run.out.contains("pass  spans() = 3898"));
        // 96 / 3898 = 2.46%: a 2% ceiling fails.
        run = check({sdk(), QStringLiteral("--rule"), QStringLiteral("error_rate() < 2%")});
        QCOMPARE(run.exitCode, 1);
        QVERIFY(run.out.contains("FAIL  error_rate() < 2%"));
        QVERIFY(run.out.contains("2.46%"));
    }

    void json()
    {
        const auto run =
            check({sdk(), QStringLiteral("--json"), QStringLiteral("--rule"), QStringLiteral("error_rate() < 3%"),
                QStringLiteral("--rule"), QStringLiteral("p95(service=\"nope\") < 1s")});
        QCOMPARE(run.exitCode, 1); // the second has no data
        const QJsonArray rules = QJsonDocument::fromJson(run.out).object()[QStringLiteral("rules")].toArray();
        QCOMPARE(rules.size(), 2);
        const QJsonObject rate = rules[0].toObject();
        QCOMPARE(rate[QStringLiteral("rule")].toString(), QStringLiteral("error_rate() < 3%"));
        QCOMPARE(rate[QStringLiteral("unit")].toString(), QStringLiteral("ratio"));
        QCOMPARE(rate[QStringLiteral("value")].toDouble(), 96.0 / 3898.0);
        QCOMPARE(rate[QStringLiteral("pass")].toBool(), true);
        const QJsonObject empty = rules[1].toObject();
        QVERIFY(empty[QStringLiteral("value")].isNull());
        QCOMPARE(empty[QStringLiteral("unit")].toString(), QStringLiteral("ns"));
        QCOMPARE(empty[QStringLiteral("pass")].toBool(), false);
        // --allow-empty lets it pass.
        QCOMPARE(check({sdk(), QStringLiteral("--allow-empty"), QStringLiteral("--rule"),
                           QStringLiteral("p95(service=\"nope\") < 1s")})
                     .exitCode,
            0);
    }

    void malformedRuleIsUsage()
    {
        const auto run = check({sdk(), QStringLiteral("--rule"), QStringLiteral("p95(service=\"x\" < 1s")});
        QCOMPARE(run.exitCode, 2);
        QVERIFY(run.err.contains("column 17"));
        QCOMPARE(check({sdk()}).exitCode, 2); // no rule
    }

    void nothingLoadedIsThree()
    {
        QCOMPARE(
            check({QStringLiteral("/nonexistent/trace.json"), QStringLiteral("--rule"), QStringLiteral("spans() > 0")})
                .exitCode,
            3);
    }

    void rulesFromAFile()
    {
        QTemporaryDir dir;
        const QString rules = dir.filePath(QStringLiteral("rules.txt"));
        QVERIFY(Spanwise::Test::writeFile(rules, "# release gate\nspans() > 100\n\nerror_rate() < 5%  # budget\n"));
        const auto run = check({sdk(), QStringLiteral("--rules"), rules});
        QCOMPARE(run.exitCode, 0);
        QCOMPARE(run.out.count("pass"), 2);
    }
};

QTEST_GUILESS_MAIN(TestCheckCommand)
#include "tst_checkcommand.moc"
