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
                keys << QString::fromStdString(std::string(set.text(a.key())));
        QCOMPARE(keys.join(u','), QStringLiteral("user,http,pid"));
    }

    // A LogsData in protobuf, encoded here by hand from logs.proto's field numbers: one record of
    // cart, ERROR (17), "boom", naming span …e869 of trace …0a01 of ../mapdiff/after.json.
    void protobufLogsData()
    {
        const auto field = [](int number, int type, const QByteArray& body = QByteArray()) {
            QByteArray out;
            out.append(char(number << 3 | type));
            if (type == 2)
                out.append(char(body.size())); // every body here is under 128 bytes
            out.append(body);
            return out;
        };
        QByteArray traceId(16, '\0'), spanId(8, '\0');
        traceId[14] = '\x0a';
        traceId[15] = '\x01';
        spanId[5] = '\x03';
        spanId[6] = '\xe8';
        spanId[7] = '\x69';
        QByteArray time(8, '\0'); // 1,700,000,000,060,000,000 ns, little-endian
        std::uint64_t ns = 1'700'000'000'060'000'000;
        for (int i = 0; i < 8; ++i, ns >>= 8)
            time[i] = char(ns & 0xff);
        const QByteArray record = field(1, 1) + time + field(2, 0) + char(17) + field(5, 2, field(1, 2, "boom")) +
            field(9, 2, traceId) + field(10, 2, spanId);
        const QByteArray resource = field(1, 2, field(1, 2, "service.name") + field(2, 2, field(1, 2, "cart")));
        const QByteArray logsData = field(1, 2, field(1, 2, resource) + field(2, 2, field(2, 2, record)));
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("logs.pb"));
        QVERIFY(Test::writeFile(path, logsData));
        const LoadResult result = load({Test::dataFile(QStringLiteral("mapdiff/after.json")), path.toStdString()});
        QVERIFY(!result.anyFailed());
        QCOMPARE(result.reports[1].format, std::string("otlp-logs-proto"));
        QCOMPARE(result.reports[1].logRecords, std::size_t(1));
        QCOMPARE(result.reports[1].warningCount, std::size_t(0));
        const TraceSet& set = *result.traces;
        const LogRecord& log = set.logs()[0];
        QCOMPARE(set.text(log.body), std::string_view("boom"));
        QCOMPARE(set.text(log.service), std::string_view("cart"));
        QCOMPARE(log.severityNumber, std::uint8_t(17));
        QCOMPARE(log.timeNs, std::int64_t(1'700'000'000'060'000'000));
        QCOMPARE(spanIdOf(set, log), std::string("000000000003e869"));
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
