#include "corpus.h"
#include "fixtures.h"
#include "traceloader.h"
#include "traceset.h"

#include <QTest>

using namespace Spanwise;

namespace {

struct Figures {
    std::size_t traces = 0, spans = 0, services = 0, errorSpans = 0;
    QStringList edges;
};

Figures figuresOf(const std::vector<std::string>& files, std::string* format = nullptr)
{
    const LoadResult result = loadTraceFiles(files);
    if (format)
        *format = result.reports.front().format;
    const TraceSet& set = *result.traces;
    return {set.traces().size(), set.spans().size(), set.serviceNames().size(), set.errorSpanCount(), Test::dumpEdges(set)};
}

} // namespace

// The same spans captured from the OpenTelemetry JS SDK through five exporters give the same
// answer, whichever format they arrive in.
class TestSdkFormats : public QObject
{
    Q_OBJECT

private slots:
    void sameFiguresInEveryFormat_data()
    {
        QTest::addColumn<QString>("file");
        QTest::addColumn<QString>("format");
        QTest::newRow("OTLP JSON") << "sdk/traces.otlp.json" << "otlp-json";
        QTest::newRow("OTLP JSON Lines") << "sdk/traces.otlp.jsonl" << "otlp-jsonl";
        QTest::newRow("OTLP protobuf") << "sdk/traces.otlp.pb" << "otlp-proto";
        QTest::newRow("OTLP protobuf, length-prefixed") << "sdk/traces.otlp-lenprefixed.bin" << "otlp-proto";
        QTest::newRow("Zipkin v2 JSON") << "sdk/traces.zipkin.json" << "zipkin-v2-json";
    }
    void sameFiguresInEveryFormat()
    {
        QFETCH(QString, file);
        QFETCH(QString, format);
        std::string detected;
        const Figures figures = figuresOf({Test::corpusFile(file)}, &detected);
        QCOMPARE(QString::fromStdString(detected), format);
        QCOMPARE(figures.traces, std::size_t(320));
        QCOMPARE(figures.spans, std::size_t(3898));
        QCOMPARE(figures.services, std::size_t(9));
        QCOMPARE(figures.errorSpans, std::size_t(96));
        QCOMPARE(figures.edges, (QStringList{"api-gateway>auth-service 121/0", "api-gateway>catalog-service 169/0",
                                             "api-gateway>orders-service 96/5", "orders-service>inventory-service 72/5",
                                             "orders-service>notification-worker 62/1", "orders-service>payments-service 67/5",
                                             "web-frontend>api-gateway 290/5"}));
        int calls = 0;
        for (const QString& edge : figures.edges)
            calls += edge.section(QLatin1Char(' '), 1).section(QLatin1Char('/'), 0, 0).toInt();
        QCOMPARE(calls, 877);
    }

    // Spans of one trace spread over files (and formats) join into one trace.
    void filesJoinIntoTraces()
    {
        const Figures figures = figuresOf({Test::corpusFile(QStringLiteral("sdk/traces.otlp.json")),
                                           Test::corpusFile(QStringLiteral("sdk/traces.zipkin.json"))});
        QCOMPARE(figures.traces, std::size_t(320));
        QCOMPARE(figures.spans, std::size_t(2 * 3898));
        QCOMPARE(figures.services, std::size_t(9));
    }

    void everySpanRemembersItsFile()
    {
        const std::vector<std::string> files = {Test::corpusFile(QStringLiteral("public/jaeger/stalk-hotrod-18231c31.json")),
                                                Test::corpusFile(QStringLiteral("public/zipkin-v2/lens-yelp.json"))};
        const LoadResult result = loadTraceFiles(files);
        const TraceSet& set = *result.traces;
        QCOMPARE(set.files().size(), std::size_t(2));
        std::size_t fromSecond = 0;
        for (const Span& span : set.spans())
            fromSecond += span.file.value == 1 ? 1 : 0;
        QCOMPARE(fromSecond, std::size_t(16));
    }
};

QTEST_GUILESS_MAIN(TestSdkFormats)
#include "tst_sdkformats.moc"
