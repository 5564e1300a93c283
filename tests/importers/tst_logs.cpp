// Log records loaded beside traces and attached to them: OTLP logs among a Collector's JSON
// lines, and JSON Lines application logs in every spelling of trace context
// (tests/data/logs/README.md gives each line's expected outcome).
#include "corpus.h"
#include "hexid.h"
#include "processes.h"
#include "traceloader.h"
#include "traceset.h"

#include <QTemporaryDir>
#include <QTest>

using namespace Spanwise;

namespace {

LoadResult load(const std::vector<std::string>& files)
{
    return loadTraceFiles(files);
}

std::string spanIdOf(const TraceSet& set, const LogRecord& log)
{
    return log.span.isValid() ? formatSpanId(set.span(log.span).spanId) : std::string("-");
}

std::string traceIdOf(const TraceSet& set, const LogRecord& log)
{
    return log.trace.isValid() ? formatTraceId(set.trace(log.trace).id) : std::string("-");
}

} // namespace

class TestLogs : public QObject
{
    Q_OBJECT

private slots:
    // MANIFEST.md: the otel-tui mixed capture holds 23 log records; 13 name a trace and span of
    // its own resourceSpans lines, 10 carry empty ids.
    void otlpLogsAmongCollectorLines()
    {
        const LoadResult result =
            load({Test::corpusFile(QStringLiteral("public/otlp-jsonl/otel-tui-otel-demo-mixed.jsonl"))});
        QVERIFY(!result.anyFailed());
        const TraceSet& set = *result.traces;
        QCOMPARE(result.reports[0].format, std::string("otlp-jsonl"));
        QCOMPARE(result.reports[0].logRecords, std::size_t(23));
        QCOMPARE(set.logs().size(), std::size_t(23));
        QCOMPARE(set.attachedLogCount(), std::size_t(13));
        std::size_t onSpans = 0;
        for (const LogRecord& log : set.logs())
            onSpans += log.span.isValid() ? 1 : 0;
        QCOMPARE(onSpans, std::size_t(13));
        // Services that only logged are no services of the traces (MANIFEST: 8 services).
        QCOMPARE(set.serviceNames().size(), std::size_t(8));
        // A span's logs come back in time order.
        for (const LogRecord& log : set.logs())
            if (log.span.isValid()) {
                const auto logs = set.logsOf(log.span);
                QVERIFY(!logs.empty());
                for (std::size_t i = 1; i < logs.size(); ++i)
                    QVERIFY(set.logs()[logs[i - 1]].timeNs <= set.logs()[logs[i]].timeNs);
            }
    }

    void everySpellingOfTraceContext()
    {
        const LoadResult result = load({Test::dataFile(QStringLiteral("mapdiff/after.json")),
            Test::dataFile(QStringLiteral("logs/app-logs.jsonl"))});
        const ImportReport& logs = result.reports[1];
        QCOMPARE(logs.format, std::string("json-logs"));
        QCOMPARE(logs.failed, false);
        QCOMPARE(logs.logRecords, std::size_t(11)); // 12 lines, the last broken
        QCOMPARE(logs.warningCount + logs.errorCount, std::size_t(1));
        const TraceSet& set = *result.traces;
        QCOMPARE(set.logs().size(), std::size_t(11));
        QCOMPARE(set.attachedLogCount(), std::size_t(9));
        QStringList seen;
        for (const LogRecord& log : set.logs())
            seen << QStringLiteral("%1 %2 %3 %4")
                        .arg(QString::fromStdString(std::string(set.text(log.body))))
                        .arg(QString::fromStdString(traceIdOf(set, log)).right(3))
                        .arg(QString::fromStdString(spanIdOf(set, log)).right(3))
                        .arg(QString::fromStdString(std::string(severityName(log.severityNumber))));
        QCOMPARE(seen,
            QStringList({"checkout started a01 865 INFO", "cart is slow a01 867 WARN", "card declined a01 869 ERROR",
                "payment failed a02 8cd ERROR", "datadog flat a01 865 DEBUG", "datadog nested a03 92d INFO",
                "w3c a03 931 INFO", "another request - - INFO", "server listening on :8080 - - INFO",
                "span not exported a02 - INFO", "pino error a02 8c9 ERROR"}));
        // Times in each form: ISO 8601, epoch seconds as a float, epoch milliseconds.
        QCOMPARE(set.logs()[0].timeNs, std::int64_t(1'700'000'000'002'000'000));
        QCOMPARE(set.logs()[1].timeNs, std::int64_t(1'700'000'000'003'500'000));
        QCOMPARE(set.logs()[10].timeNs, std::int64_t(1'700'000'000'010'000'000));
        // The service, in its spellings; other members kept as attributes.
        QCOMPARE(set.text(set.logs()[1].service), std::string_view("cart"));
        QCOMPARE(set.text(set.logs()[3].service), std::string_view("payments"));
        QCOMPARE(set.text(set.logs()[4].service), std::string_view("frontend"));
        QStringList keys;
        for (const LogRecord* log : {&set.logs()[0], &set.logs()[2], &set.logs()[10]})
            for (const Attribute& a : set.attributes(log->attributes))
                keys << QString::fromStdString(std::string(set.text(a.key)));
        QCOMPARE(keys.join(u','), QStringLiteral("user,http,pid"));
    }

    void logsAloneAreALoad()
    {
        QTemporaryDir dir;
        const QString json = dir.filePath(QStringLiteral("logs.json"));
        const QByteArray request =
            "{\"resourceLogs\":[{\"resource\":{\"attributes\":[{\"key\":\"service.name\","
            "\"value\":{\"stringValue\":\"cart\"}}]},\"scopeLogs\":[{\"logRecords\":["
            "{\"timeUnixNano\":\"1700000000000000000\",\"severityNumber\":17,"
            "\"body\":{\"stringValue\":\"boom\"},\"traceId\":\"5b8efff798038103d269b633813fc60c\","
            "\"spanId\":\"eee19b7ec3c1b174\"}]}]}]}";
        QVERIFY(Test::writeFile(json, request));
        QVERIFY(Test::writeFile(dir.filePath(QStringLiteral("logs.jsonl")), request + '\n' + request + '\n'));
        const LoadResult result = load({json.toStdString(), dir.filePath(QStringLiteral("logs.jsonl")).toStdString()});
        QVERIFY(!result.anyFailed());
        QCOMPARE(result.reports[0].format, std::string("otlp-logs-json"));
        QCOMPARE(result.reports[1].format, std::string("otlp-logs-jsonl"));
        QCOMPARE(result.traces->logs().size(), std::size_t(3));
        const LogRecord& log = result.traces->logs()[0];
        QCOMPARE(result.traces->text(log.service), std::string_view("cart"));
        QCOMPARE(log.severityNumber, std::uint8_t(17));
        QCOMPARE(result.traces->text(log.body), std::string_view("boom"));
        QVERIFY(!log.trace.isValid()); // no such trace loaded
        QCOMPARE(formatTraceId(log.traceId), std::string("5b8efff798038103d269b633813fc60c"));
    }
};

QTEST_GUILESS_MAIN(TestLogs)
#include "tst_logs.moc"
