// A file read by several threads at once (importers/parallelread.h) must give what one reader
// gives: the same model, id for id, and the same messages. Every corpus file, the hostile
// files and damaged copies are read by one, two and three readers (the share size lowered so
// that small files are cut too) and the results compared field by field.
#include "corpus.h"
#include "jsonrecords.h"
#include "loadcomparison.h"
#include "mutate.h"
#include "parallelread.h"
#include "traceloader.h"
#include "traceset.h"

#include <QDirIterator>
#include <QTest>

#include <algorithm>
#include <tuple>
#include <utility>

using namespace Spanwise;

namespace {

LoadResult load(const std::string& text, unsigned readers)
{
    LoadOptions options;
    options.readers = readers;
    options.minShareBytes = 1;                // cut even a small file into as many shares as there are readers
    options.maxDecompressedBytes = 16u << 20; // the hostile file that inflates to 4 GiB, cut short
    const NamedBuffer buffer {"input", PaddedBuffer(text)};
    return loadTraceBuffers(std::span<const NamedBuffer>(&buffer, 1), options);
}

QString compare(const std::string& text, unsigned readers)
{
    return loadDifferences(load(text, 1), load(text, readers));
}

QStringList corpusFiles()
{
    QStringList files;
    const QString root = QString::fromStdString(Test::sourceFile(QStringLiteral("tests/data/corpus")));
    for (QDirIterator it(root, QDir::Files, QDirIterator::Subdirectories); it.hasNext();) {
        QString path = QDir(root).relativeFilePath(it.next());
        if (path.endsWith(QLatin1String(".md")) || path.endsWith(QLatin1String("SOURCES.json")) ||
            path.endsWith(QLatin1String("capture-info.json")))
            continue;
        if (path.endsWith(QLatin1String(".zst")))
            path.chop(4);
        files << path;
    }
    files.sort();
    return files;
}

} // namespace

class TestParallelRead : public QObject
{
    Q_OBJECT

private slots:
    void sameAsOneReader_data()
    {
        QTest::addColumn<QString>("file");
        for (const QString& file : corpusFiles())
            QTest::newRow(qPrintable(file)) << file;
    }
    void sameAsOneReader()
    {
        QFETCH(QString, file);
        bool read = false;
        const std::string text = Test::corpusBytes(file, &read).toStdString();
        QVERIFY2(read, qPrintable(file));
        for (const unsigned readers : {2u, 3u}) {
            const QString problems = compare(text, readers);
            QVERIFY2(problems.isEmpty(), qPrintable(QStringLiteral("%1 readers: %2").arg(readers).arg(problems)));
        }
    }

    // Readers share a resource among equal records (Jaeger's inline processes, OTLP entries
    // without a resource, spans without a process): each share made its own, and the join must
    // keep one, as one reader would. Written here so that every share meets each of them.
    void sharedResourcesStayShared_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<int>("resources");
        QString jaeger = QStringLiteral("[");
        for (int i = 0; i < 40; ++i) {
            const QString process = i % 2
                ? QStringLiteral(R"({"serviceName":"cart","tags":[{"key":"host","type":"string","value":"h1"}]})")
                : QStringLiteral(
                      R"({"serviceName":"shop","tags":[{"key":"zone","type":"string","value":"z9"},{"key":"pid","type":"int64","value":7}]})");
            jaeger += QStringLiteral(
                R"(%1{"traceID":"%2","spanID":"%3","operationName":"op","startTime":1000,"duration":5,"tags":[{"key":"i","type":"int64","value":%4}],%5})")
                          .arg(i ? QStringLiteral(",\n") : QString())
                          .arg(i / 4 + 1, 16, 16, QLatin1Char('0'))
                          .arg(i + 1, 16, 16, QLatin1Char('0'))
                          .arg(i)
                          .arg(i % 5 == 4 ? QStringLiteral(R"("warnings":null)")
                                          : QStringLiteral(R"("process":)") + process);
        }
        jaeger += QStringLiteral("]\n");
        // Two inline processes, and the unknown service's for the spans that name none.
        QTest::newRow("jaeger inline processes") << jaeger << 3;
        QString otlp;
        for (int i = 0; i < 30; ++i)
            otlp += QStringLiteral(
                R"({"resourceSpans":[{"scopeSpans":[{"spans":[{"traceId":"%1","spanId":"%2","name":"n","startTimeUnixNano":"1","endTimeUnixNano":"2"}]}]}]})"
                "\n")
                        .arg(i + 1, 32, 16, QLatin1Char('0'))
                        .arg(i + 1, 16, 16, QLatin1Char('0'));
        // Every entry lacks a resource: one empty resource for them all.
        QTest::newRow("otlp entries without a resource") << otlp << 1;
    }
    void sharedResourcesStayShared()
    {
        QFETCH(QString, text);
        QFETCH(int, resources);
        const std::string bytes = text.toStdString();
        for (const unsigned readers : {2u, 3u}) {
            const QString problems = compare(bytes, readers);
            QVERIFY2(problems.isEmpty(), qPrintable(QStringLiteral("%1 readers: %2").arg(readers).arg(problems)));
            QCOMPARE(load(bytes, readers).traces->resources().size(), std::size_t(resources));
        }
    }

    // The hostile files, and every input that once broke a fuzz target (fuzz_load's check of
    // the shares among them).
    void filesOfAFolderToo_data()
    {
        QTest::addColumn<QString>("folder");
        QTest::newRow("hostile") << QString::fromStdString(Test::dataFile(QStringLiteral("hostile")));
        QTest::newRow("fuzz regressions")
            << QString::fromStdString(Test::sourceFile(QStringLiteral("tests/fuzz/regressions")));
    }
    void filesOfAFolderToo()
    {
        QFETCH(QString, folder);
        int files = 0;
        for (QDirIterator it(folder, QDir::Files); it.hasNext(); ++files) {
            QFile file(it.next());
            QVERIFY(file.open(QIODevice::ReadOnly));
            const std::string text = file.readAll().toStdString();
            for (const unsigned readers : {2u, 3u}) {
                const QString problems = compare(text, readers);
                QVERIFY2(problems.isEmpty(),
                    qPrintable(QStringLiteral("%1, %2 readers: %3").arg(it.fileName()).arg(readers).arg(problems)));
            }
        }
        QVERIFY(files > 10);
    }

    // Damage anywhere, a share's border included: breaks, cuts and repeats give the same result.
    void damagedFilesToo_data()
    {
        QTest::addColumn<QString>("file");
        for (const char* file :
            {"public/jaeger/stalk-search-410a8604.json", "public/zipkin-v2/lens-yelp.json",
                "public/otlp-json/jaeger-memstore-otel-traces.json", "sdk/traces.otlp.jsonl", "sdk/traces.zipkin.json"})
            QTest::newRow(file) << QString::fromLatin1(file);
    }
    void damagedFilesToo()
    {
        QFETCH(QString, file);
        bool read = false;
        const std::string original = Test::corpusBytes(file, &read).left(64 * 1024).toStdString();
        QVERIFY2(read, qPrintable(file));
        std::mt19937_64 random(qHash(file, 0)); // seeded alike in every run
        for (int i = 0; i < 300; ++i) {
            const std::string mutant = Test::mutate(original, random);
            const QString problems = compare(mutant, 2 + i % 2);
            QVERIFY2(problems.isEmpty(), qPrintable(QStringLiteral("mutant %1: %2").arg(i).arg(problems)));
        }
    }

    // A reader stops once its walk has passed its share. A message found after that point about
    // an earlier place (here: at the end of the file, about the '[' at its start) is then the
    // later share's to give, or no reader would give it.
    void lateMessageAboutAnEarlierPlace()
    {
        std::string text = "[";
        for (int i = 0; i < 30; ++i)
            text += QStringLiteral(
                R"(%1{"resourceSpans":[{"scopeSpans":[{"spans":[{"traceId":"%2","spanId":"%2","name":"n"}]}]}]})")
                        .arg(i ? QStringLiteral(",") : QString())
                        .arg(i + 1, 16, 16, QLatin1Char('0'))
                        .toStdString(); // one line: no JSON Lines to resume reading in
        const LoadResult one = load(text, 1);
        QCOMPARE(one.reports.front().spans, std::size_t(30));
        QVERIFY(std::ranges::any_of(one.reports.front().messages, [](const ImportMessage& message) {
            return message.byteOffset == 0 && message.text.find("opened here") != std::string::npos;
        }));
        for (const unsigned readers : {2u, 3u}) {
            const QString problems = compare(text, readers);
            QVERIFY2(problems.isEmpty(), qPrintable(QStringLiteral("%1 readers: %2").arg(readers).arg(problems)));
        }
    }

    // JSON Lines: a later share starts at its first line instead of walking the lines before
    // it, and is read again, walking, when that start proves wrong.
    void jsonLinesShareStartsAtItsFirstLine_data()
    {
        QTest::addColumn<bool>("damaged");
        QTest::newRow("whole lines") << false;
        QTest::newRow("a broken line across the border") << true;
    }
    void jsonLinesShareStartsAtItsFirstLine()
    {
        QFETCH(bool, damaged);
        // The middle line is long, so the even border falls inside it; the third line is the
        // later share's first. Broken, the middle line costs only itself, and one reader says
        // where reading resumes: in the later share, though the earlier share's reader met it.
        const std::string first = "{\"resourceSpans\":[]}\n";
        const std::string middle = "{\"resourceSpans\":[" + std::string(200, ' ') + (damaged ? "\n" : "]}\n");
        const std::string text = first + middle + "{\"resourceSpans\":[]}\n";
        const std::size_t third = first.size() + middle.size();
        const PaddedBuffer bytes(text);
        TraceSetBuilder builder;
        ImportReport report;
        ImportContext context(PaddedView(bytes), builder, report);
        context.setReaders(2, 1);
        ShareReaders shares(context);
        QCOMPARE(shares.count(), std::size_t(2));
        QCOMPARE(shares.context(1).topLevelStart(), std::uint64_t(third));
        std::vector<std::size_t> firstVisited(2);
        shares.run([&](std::size_t share) {
            JsonRecords records(shares.context(share));
            bool first = true;
            records.forEachTopLevelValue([&](std::size_t pos) {
                if (std::exchange(first, false))
                    firstVisited[share] = pos;
                return records.scanner().valueEnd(pos);
            });
        });
        QCOMPARE(shares.readAgain(), std::size_t(damaged ? 1 : 0));
        // Read again, the later share walked from the file's first value.
        QCOMPARE(firstVisited[1], damaged ? std::size_t(0) : third);
    }
};

QTEST_GUILESS_MAIN(TestParallelRead)
#include "tst_parallelread.moc"
