#include "corpus.h"
#include "loadchecks.h"
#include "processes.h"
#include "statisticsview.h"
#include "traceloader.h"
#include "tracesession.h"
#include "tracesetpresentation.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QSignalSpy>
#include <QTemporaryDir>
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

    // One CSV dialect: the window's statistics export and `stats --csv` are the same bytes.
    void windowExportIsTheCommandsCsv_data()
    {
        QTest::addColumn<QString>("by");
        QTest::newRow("operation") << "operation";
        QTest::newRow("service") << "service";
        QTest::newRow("attribute") << "http.route";
    }
    void windowExportIsTheCommandsCsv()
    {
        QFETCH(QString, by);
        const QString file = QString::fromStdString(Spanwise::Test::corpusFile(QStringLiteral("sdk/traces.otlp.json")));
        int exitCode = -1;
        const QByteArray cli = runStats({QStringLiteral("--csv"), QStringLiteral("--by"), by, file}, &exitCode);
        QCOMPARE(exitCode, 0);

        const std::string path = file.toStdString();
        const Spanwise::LoadResult loaded = Spanwise::loadTraceFiles(std::span<const std::string>(&path, 1));
        SPANWISE_VERIFY_LOADED(loaded);
        Spanwise::TraceSession session;
        Spanwise::StatisticsView view(&session);
        view.show(); // views compute only while shown
        QSignalSpy ready(&view, &Spanwise::StatisticsView::statisticsReady);
        session.setLoaded(std::make_shared<Spanwise::TraceSetPresentation>(loaded.traces), {}, {});
        QVERIFY(ready.wait(20000));
        using By = Spanwise::StatsGrouping::By;
        const Spanwise::StatsGrouping grouping = by == QStringLiteral("operation")
            ? Spanwise::StatsGrouping {By::ServiceOperation, {}}
            : by == QStringLiteral("service") ? Spanwise::StatsGrouping {By::Service, {}}
                                              : Spanwise::StatsGrouping {By::Attribute, by.toStdString()};
        view.setGrouping(grouping, true);
        QVERIFY(ready.wait(20000));
        QTemporaryDir dir;
        const QString csv = dir.filePath(QStringLiteral("stats.csv"));
        QCOMPARE(view.exportCsvTo(csv), QString());
        QFile written(csv);
        QVERIFY(written.open(QIODevice::ReadOnly));
        const QByteArray window = written.readAll();
        QVERIFY(window.count('\n') > 1);
        QCOMPARE(window, cli);
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

QTEST_MAIN(TestStatsCommand)
#include "tst_statscommand.moc"
