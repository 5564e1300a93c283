#include "corpus.h"
#include "fixtures.h"
#include "loadchecks.h"
#include "traceloader.h"
#include "traceset.h"

#include <QHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QMap>
#include <QTest>

using namespace Spanwise;

namespace {

struct Figures {
    std::size_t traces = 0, spans = 0, services = 0, errorSpans = 0;
    QStringList edges;
};

// Loads the files and fills `figures`; returns why the load cannot be used, or nothing.
QString figuresOf(const std::vector<std::string>& files, Figures& figures, std::string* format = nullptr)
{
    const LoadResult result = loadTraceFiles(files);
    if (const QString failure = Test::loadFailure(result); !failure.isEmpty())
        return failure;
    if (format)
        *format = result.reports.front().format;
    const TraceSet& set = *result.traces;
    figures = {
        set.traces().size(), set.spans().size(), set.serviceNames().size(), set.errorSpanCount(), Test::dumpEdges(set)};
    return {};
}

// The calls between services, derived from the OTLP JSON capture with Qt's own JSON parser and
// the rule docs/dependency-map.md states: a span whose parent (same trace) belongs to another
// service is one call from the parent's service to its own, an error when the span is one.
// Written independently of the importers, so the edge figures have a source outside them.
QStringList edgesFromOtlpJson(const QByteArray& text)
{
    struct Node {
        QString service, parent;
        bool error = false;
    };
    QHash<QString, Node> spans; // by trace id + span id
    const QJsonArray resources = QJsonDocument::fromJson(text).object().value(QLatin1String("resourceSpans")).toArray();
    for (const QJsonValue& resource : resources) {
        QString service;
        for (const QJsonValue& attribute : resource[QLatin1String("resource")][QLatin1String("attributes")].toArray())
            if (attribute[QLatin1String("key")].toString() == QLatin1String("service.name"))
                service = attribute[QLatin1String("value")][QLatin1String("stringValue")].toString();
        for (const QJsonValue& scope : resource[QLatin1String("scopeSpans")].toArray()) {
            for (const QJsonValue& span : scope[QLatin1String("spans")].toArray()) {
                const QString trace = span[QLatin1String("traceId")].toString();
                const QString parent = span[QLatin1String("parentSpanId")].toString();
                spans.insert(trace + span[QLatin1String("spanId")].toString(),
                    {service, parent.isEmpty() ? QString() : trace + parent,
                        span[QLatin1String("status")][QLatin1String("code")].toInt() == 2});
            }
        }
    }
    QMap<QString, QPair<int, int>> edges; // "from>to" -> calls, errors
    for (const Node& span : std::as_const(spans)) {
        const auto parent = spans.constFind(span.parent);
        if (span.parent.isEmpty() || parent == spans.cend() || parent->service == span.service)
            continue;
        auto& [calls, errors] = edges[parent->service + QLatin1Char('>') + span.service];
        ++calls;
        errors += span.error ? 1 : 0;
    }
    QStringList lines;
    for (auto it = edges.cbegin(); it != edges.cend(); ++it)
        lines << QStringLiteral("%1 %2/%3").arg(it.key()).arg(it->first).arg(it->second);
    return lines;
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
        QTest::newRow("OTLP JSON") << "sdk/traces.otlp.json"
                                   << "otlp-json";
        QTest::newRow("OTLP JSON Lines") << "sdk/traces.otlp.jsonl"
                                         << "otlp-jsonl";
        QTest::newRow("OTLP protobuf") << "sdk/traces.otlp.pb"
                                       << "otlp-proto";
        QTest::newRow("OTLP protobuf, length-prefixed") << "sdk/traces.otlp-lenprefixed.bin"
                                                        << "otlp-proto";
        QTest::newRow("Zipkin v2 JSON") << "sdk/traces.zipkin.json"
                                        << "zipkin-v2-json";
    }
    void sameFiguresInEveryFormat()
    {
        QFETCH(QString, file);
        QFETCH(QString, format);
        std::string detected;
        Figures figures;
        const QString failure = figuresOf({Test::corpusFile(file)}, figures, &detected);
        QVERIFY2(failure.isEmpty(), qPrintable(failure));
        QCOMPARE(QString::fromStdString(detected), format);
        QCOMPARE(figures.traces, std::size_t(320));
        QCOMPARE(figures.spans, std::size_t(3898));
        QCOMPARE(figures.services, std::size_t(9));
        QCOMPARE(figures.errorSpans, std::size_t(96));
        bool read = false;
        const QByteArray otlpJson = Test::corpusBytes(QStringLiteral("sdk/traces.otlp.json"), &read);
        QVERIFY2(read, "tests/data/corpus/sdk/traces.otlp.json cannot be read");
        const QStringList expected = edgesFromOtlpJson(otlpJson);
        QCOMPARE(expected.size(), 7); // the capture's seven service-to-service paths
        QCOMPARE(figures.edges, expected);
    }

    // Spans of one trace spread over files (and formats) join into one trace.
    void filesJoinIntoTraces()
    {
        Figures figures;
        const QString failure = figuresOf({Test::corpusFile(QStringLiteral("sdk/traces.otlp.json")),
                                              Test::corpusFile(QStringLiteral("sdk/traces.zipkin.json"))},
            figures);
        QVERIFY2(failure.isEmpty(), qPrintable(failure));
        QCOMPARE(figures.traces, std::size_t(320));
        QCOMPARE(figures.spans, std::size_t(2 * 3898));
        QCOMPARE(figures.services, std::size_t(9));
    }

    void everySpanRemembersItsFile()
    {
        const std::vector<std::string> files = {
            Test::corpusFile(QStringLiteral("public/jaeger/stalk-hotrod-18231c31.json")),
            Test::corpusFile(QStringLiteral("public/zipkin-v2/lens-yelp.json"))};
        const LoadResult result = loadTraceFiles(files);
        SPANWISE_VERIFY_LOADED(result);
        const TraceSet& set = *result.traces;
        QCOMPARE(set.files().size(), std::size_t(2));
        std::size_t fromSecond = 0;
        for (std::uint32_t span = 0; span < set.spans().size(); ++span)
            fromSecond += set.fileOf(SpanIndex {span}).value == 1 ? 1 : 0;
        QCOMPARE(fromSecond, std::size_t(16));
    }
};

QTEST_GUILESS_MAIN(TestSdkFormats)
#include "tst_sdkformats.moc"
