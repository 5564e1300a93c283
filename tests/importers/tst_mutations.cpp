#include "corpus.h"
#include "traceloader.h"
#include "traceset.h"

#include <QFile>
#include <QTest>

#include <random>

using namespace Spanwise;

namespace {

// Deterministic damage: flipped bytes, a cut, a chunk repeated, garbage inserted, brackets
// swapped. Each mutant must load or fail with a message; never crash or hang.
std::string mutate(const std::string& original, std::mt19937_64& random)
{
    std::string text = original;
    if (text.empty())
        return text;
    const auto at = [&](std::size_t limit) {
        return static_cast<std::size_t>(random() % std::max<std::size_t>(1, limit));
    };
    switch (random() % 6) {
    case 0:
        for (int i = 0; i < 8; ++i)
            text[at(text.size())] = static_cast<char>(random() & 0xff);
        break;
    case 1:
        text.resize(at(text.size()));
        break;
    case 2: {
        const std::size_t begin = at(text.size());
        text.insert(at(text.size()), text.substr(begin, at(200)));
        break;
    }
    case 3:
        text.insert(at(text.size()), "\x00\xff{[\"\\", 6);
        break;
    case 4:
        for (char& c : text)
            if ((c == '{' || c == '[') && random() % 50 == 0)
                c = c == '{' ? '[' : '{';
        break;
    default:
        text.erase(at(text.size()), at(64));
        break;
    }
    return text;
}

} // namespace

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
    void damagedFilesNeverCrash()
    {
        QFETCH(QString, file);
        // The sdk captures are big: their first 48 KiB hold every structure the readers meet.
        bool read = false;
        const std::string original = Test::corpusBytes(file, &read).left(48 * 1024).toStdString();
        QVERIFY2(read, qPrintable(QStringLiteral("tests/data/corpus/%1 cannot be read").arg(file)));
        std::mt19937_64 random(qHash(file));
        int loaded = 0, failed = 0;
        for (int i = 0; i < 150; ++i) {
            const NamedBuffer mutant {"mutant", PaddedBuffer(mutate(original, random))};
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
