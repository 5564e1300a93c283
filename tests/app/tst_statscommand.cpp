#include "corpus.h"
#include "processes.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTest>

namespace {

QByteArray runStats(const QStringList& arguments, int* exitCode)
{
    const Spanwise::Test::ProcessRun result = Spanwise::Test::runProgram(
        QStringLiteral(SPANWISE_EXECUTABLE), QStringList {QStringLiteral("stats")} + arguments);
    *exitCode = result.exitCode;
    return result.out;
}

} // namespace

class TestStatsCommand : public QObject
{
    Q_OBJECT

private slots:
    void countsSumToEverySpan_data()
    {
        QTest::addColumn<QString>("by");
        QTest::addColumn<int>("groups");
        QTest::newRow("operation") << "operation" << 57;
        QTest::newRow("service") << "service" << 9;
        QTest::newRow("attribute") << "http.route" << -1;
    }
    void countsSumToEverySpan()
    {
        QFETCH(QString, by);
        QFETCH(int, groups);
        int exitCode = -1;
        const QByteArray out =
            runStats({QStringLiteral("--json"), QStringLiteral("--by"), by,
                         QString::fromStdString(Spanwise::Test::corpusFile(QStringLiteral("sdk/traces.otlp.json")))},
                &exitCode);
        QCOMPARE(exitCode, 0);
        const QJsonArray rows = QJsonDocument::fromJson(out).object()[QStringLiteral("rows")].toArray();
        if (groups > 0)
            QCOMPARE(rows.size(), groups);
        qint64 count = 0, errors = 0, previousP99 = std::numeric_limits<qint64>::max();
        for (const QJsonValue& row : rows) {
            count += row[QStringLiteral("count")].toInteger();
            errors += row[QStringLiteral("errors")].toInteger();
            QVERIFY(row[QStringLiteral("p50Ns")].toInteger() <= row[QStringLiteral("p95Ns")].toInteger());
            QVERIFY(row[QStringLiteral("p95Ns")].toInteger() <= row[QStringLiteral("p99Ns")].toInteger());
            QVERIFY(row[QStringLiteral("p99Ns")].toInteger() <= previousP99); // slowest first
            previousP99 = row[QStringLiteral("p99Ns")].toInteger();
        }
        QCOMPARE(count, qint64(3898));
        QCOMPARE(errors, qint64(96));
    }

    void csv()
    {
        int exitCode = -1;
        const QByteArray out =
            runStats({QStringLiteral("--csv"), QStringLiteral("--by"), QStringLiteral("service"),
                         QString::fromStdString(Spanwise::Test::corpusFile(QStringLiteral("sdk/traces.otlp.json")))},
                &exitCode);
        QCOMPARE(exitCode, 0);
        const QList<QByteArray> lines = out.trimmed().split('\n');
        QCOMPARE(lines.size(), 1 + 9);
        QVERIFY(lines[0].startsWith("service,count,errors,errorRate,minNs,p50Ns"));
    }

    void usage()
    {
        int exitCode = -1;
        runStats({}, &exitCode);
        QCOMPARE(exitCode, 2);
        runStats({QStringLiteral("--csv"), QStringLiteral("--json"), QStringLiteral("x.json")}, &exitCode);
        QCOMPARE(exitCode, 2);
    }
};

QTEST_GUILESS_MAIN(TestStatsCommand)
#include "tst_statscommand.moc"
