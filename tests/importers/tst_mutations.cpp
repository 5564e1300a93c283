#include "corpus.h"
#include "mutate.h"
#include "traceloader.h"
#include "traceset.h"

#include <QFile>
#include <QTest>

using namespace Spanwise;

class TestMutations : public QObject
{
    Q_OBJECT

private slots:
    void damagedFilesNeverCrash_data()
    {
        QTest::addColumn<QString>("file");
        for (const char* file :
            {"public/jaeger/jaeger-converter-ui-01.json", "public/jaeger/stalk-search-410a8604.json",
                "public/zipkin-v2/lens-skew.json", "public/zipkin-v2/lens-yelp.json",
                "public/zipkin-v1/otelcol-v1-single-batch.json", "public/otlp-json/jaeger-memstore-otel-traces.json",
                "public/otlp-json/contrib-azureblob-dotnet-legacy.json", "sdk/traces.otlp.jsonl", "sdk/traces.otlp.pb",
                "sdk/traces.otlp-lenprefixed.bin"})
            QTest::newRow(file) << QString::fromLatin1(file);
    }
    // Each mutant must load or fail with a message; never crash or hang.
    void damagedFilesNeverCrash()
    {
        QFETCH(QString, file);
        // The sdk captures are big: their first 48 KiB hold every structure the readers meet.
        bool read = false;
        const std::string original = Test::corpusBytes(file, &read).left(48 * 1024).toStdString();
        QVERIFY2(read, qPrintable(QStringLiteral("tests/data/corpus/%1 cannot be read").arg(file)));
        std::mt19937_64 random(qHash(file, 0)); // seeded alike in every run
        int loaded = 0, failed = 0;
        for (int i = 0; i < 150; ++i) {
            const NamedBuffer mutant {"mutant", PaddedBuffer(Test::mutate(original, random))};
            const LoadResult result = loadTraceBuffers(std::span<const NamedBuffer>(&mutant, 1));
            QCOMPARE(result.reports.size(), std::size_t(1));
            const ImportReport& report = result.reports.front();
            if (report.failed) {
                ++failed;
                QVERIFY2(report.errorCount > 0 && !report.messages.empty(), "a failed file must say why");
            } else {
                ++loaded;
                QCOMPARE(result.traces->spans().size(), report.spans);
                QCOMPARE(result.traces->forest().depthFirstOrder().size(), result.traces->spans().size());
            }
        }
        QVERIFY(loaded > 0); // most damage leaves something to load
        qInfo("%s: %d mutants loaded, %d failed with a message", qPrintable(file), loaded, failed);
    }
};

QTEST_GUILESS_MAIN(TestMutations)
#include "tst_mutations.moc"
