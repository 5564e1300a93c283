#include "corpus.h"
#include "loadchecks.h"
#include "manifest.h"
#include "traceloader.h"
#include "traceset.h"

#include <QTest>

#include <map>

using namespace Spanwise;

Q_DECLARE_METATYPE(Spanwise::Test::ManifestEntry)

namespace {

// Where Spanwise's documented semantics (docs/formats.md, docs/summary.md) count differently
// from the manifest, which counts raw records.
struct Difference {
    int spans;
    int services;
    int warnings;
    const char* why;
};

const std::map<QString, Difference>& differences()
{
    static const std::map<QString, Difference> table = {
        {QStringLiteral("public/zipkin-v1/zipkin-bench-v1-rpc-span.json"),
            {2, 2, 0, "one v1 record holding cs/cr and sr/ss from two hosts splits into a client and a server span"}},
        {QStringLiteral("public/zipkin-v2/otelcol-sample1-duplicates.json"),
            {1, 1, 1, "nine exact repeats of one span load once, with a warning"}},
        {QStringLiteral("public/zipkin-v2/lens-smartthings-mobile-web-install.json"),
            {1037, 16, 1,
                "five records of one pusher server span (same id, side, service) merge into one, with a warning"}},
        {QStringLiteral("public/zipkin-v2/lens-smartthings-oauth-authorization.json"),
            {171, 8, 1,
                "five records of one pusher server span (same id, side, service) merge into one, with a warning"}},
    };
    return table;
}

// Warnings a clean load still gives, because the file itself says something is off.
int expectedWarnings(const Test::ManifestEntry& entry)
{
    if (entry.path.endsWith(QStringLiteral("otelcol-v1-error-batch.json")))
        return 1; // a parentId that is not hex: the fixture exists to test that
    if (entry.path.endsWith(QStringLiteral("otel-tui-otel-demo-mixed.jsonl")))
        return 1; // one note for the lines holding logs and metrics
    return 0;
}

QString ourFormatName(const QString& manifestFormat)
{
    return manifestFormat == QStringLiteral("otlp-protobuf") ? QStringLiteral("otlp-proto") : manifestFormat;
}

} // namespace

class TestFormatCorpus : public QObject
{
    Q_OBJECT

private slots:
    // Every trace file of the corpus, public and sdk, loads to the manifest's figures.
    void manifestFigures_data()
    {
        QTest::addColumn<Test::ManifestEntry>("entry");
        int rows = 0;
        for (const char* format :
            {"jaeger-json", "zipkin-v1-json", "zipkin-v2-json", "otlp-json", "otlp-jsonl", "otlp-protobuf"}) {
            for (const Test::ManifestEntry& entry : Test::manifestEntries(QString::fromLatin1(format))) {
                QTest::newRow(qPrintable(entry.path)) << entry;
                ++rows;
            }
        }
        QVERIFY2(rows >= 57, "the manifest should list every corpus trace file");
    }

    void manifestFigures()
    {
        QFETCH(Test::ManifestEntry, entry);
        const std::string file = Test::corpusFile(entry.path);
        const LoadResult result = loadTraceFiles(std::span<const std::string>(&file, 1));
        SPANWISE_VERIFY_LOADED(result);
        const ImportReport& report = result.reports.front();
        QVERIFY2(!report.failed, report.messages.empty() ? "" : report.describe(report.messages.front()).c_str());
        QCOMPARE(QString::fromStdString(report.format), ourFormatName(entry.format));
        const TraceSet& set = *result.traces;

        int spans = entry.spans;
        // Spans without a service name belong to unknown_service, which the manifest leaves out.
        int services = entry.services + (entry.noServiceName ? 1 : 0);
        int warnings = expectedWarnings(entry);
        if (const auto it = differences().find(entry.path); it != differences().end()) {
            qInfo("%s: %s", qPrintable(entry.path), it->second.why);
            spans = it->second.spans;
            services = it->second.services;
            warnings += it->second.warnings;
        }
        QCOMPARE(int(report.warningCount), warnings);
        QCOMPARE(int(set.spans().size()), spans);
        QCOMPARE(int(set.traces().size()), entry.traces);
        QCOMPARE(int(set.serviceNames().size()), services);
        QCOMPARE(int(set.errorSpanCount()), entry.errors);
    }
};

QTEST_GUILESS_MAIN(TestFormatCorpus)
#include "tst_formatcorpus.moc"
