// A compressed file of JSON Lines is read a segment at a time as it inflates
// (importers/segmentedread.h), so its whole text is never held. Decompression must hand the
// text over in whole lines, in order, and say where it broke; the loader must then give the
// model and messages reading the whole text at once gives, whatever the segment size.
#include "compressing.h"
#include "corpus.h"
#include "decompress.h"
#include "loadcomparison.h"
#include "traceloader.h"
#include "traceset.h"

#include <QTest>

using namespace Spanwise;

namespace {

QByteArray packed(const QByteArray& text, const QString& compression)
{
    return compression == QLatin1String("gzip") ? Test::gzipMember(text) : Test::zstdFrame(text);
}

Compression compressionOf(const QString& name)
{
    return name == QLatin1String("gzip") ? Compression::Gzip : Compression::Zstd;
}

std::string_view view(const QByteArray& bytes)
{
    return {bytes.constData(), std::size_t(bytes.size())};
}

// segmentBytes 0: inflated whole, then read.
LoadResult load(const QByteArray& file, std::size_t segmentBytes, unsigned readers)
{
    LoadOptions options;
    options.readers = readers;
    options.minShareBytes = 1; // a segment of a few lines is cut into shares too
    options.inflateSegmentBytes = segmentBytes;
    const NamedBuffer buffer {"input", PaddedBuffer(view(file))};
    return loadTraceBuffers(std::span<const NamedBuffer>(&buffer, 1), options);
}

struct Handed {
    std::string text;
    std::uint64_t offset;
    bool last;
    std::optional<std::string> damage;
};

// What decompression hands over, answering `answer(i)` to the i-th segment.
std::vector<Handed> segmentsOf(const QByteArray& file, Compression compression, std::size_t bytes,
    DecompressResult& result, const std::function<SegmentAnswer(std::size_t)>& answer = {})
{
    std::vector<Handed> handed;
    const SegmentOptions options {bytes, [&](const InflatedSegment& segment) {
                                      handed.push_back({std::string(segment.text.view()), segment.offset, segment.last,
                                          segment.damage ? *segment.damage : std::nullopt});
                                      return answer ? answer(handed.size() - 1) : SegmentAnswer::Next;
                                  }};
    result = decompress(view(file), compression, DecompressLimits {}, options);
    return handed;
}

// Inflated a chunk (256 KiB) at a time, segments are cut where a chunk ends: lines of every
// length over many chunks, one line longer than a chunk, the last without a line end.
QByteArray lines()
{
    QByteArray text;
    for (int i = 0; i < 60000; ++i) {
        text += QByteArray(i % 77, char('a' + i % 26)) + '\n';
        if (i == 30000)
            text += QByteArray(600000, 'x') + '\n';
    }
    text += "no line end after this";
    return text;
}

QByteArray sdkJsonLines()
{
    bool ok = false;
    const QByteArray text = Test::corpusBytes(QStringLiteral("sdk/traces.otlp.jsonl"), &ok);
    return ok ? text : QByteArray();
}

} // namespace

class TestSegmentedRead : public QObject
{
    Q_OBJECT

private slots:
    void segmentsAreWholeLinesInOrder_data()
    {
        QTest::addColumn<QString>("compression");
        QTest::addColumn<int>("segmentBytes");
        for (const char* compression : {"gzip", "zstd"})
            for (const int bytes : {1, 7, 100, 3000})
                QTest::addRow("%s, %d bytes", compression, bytes) << QString::fromLatin1(compression) << bytes;
    }

    void segmentsAreWholeLinesInOrder()
    {
        QFETCH(QString, compression);
        QFETCH(int, segmentBytes);
        const QByteArray text = lines();
        DecompressResult result;
        const auto handed = segmentsOf(packed(text, compression), compressionOf(compression), segmentBytes, result);
        QVERIFY(result.segmented);
        QVERIFY(result.bytes.empty());
        QVERIFY(!result.error);
        QVERIFY(handed.size() > 2);
        std::string joined;
        for (std::size_t i = 0; i < handed.size(); ++i) {
            QCOMPARE(handed[i].offset, std::uint64_t(joined.size()));
            QCOMPARE(handed[i].last, i + 1 == handed.size());
            if (!handed[i].last) {
                QVERIFY(handed[i].text.ends_with('\n'));
                // At least a segment's worth, unless it had to stop at the end of a line.
                QVERIFY(handed[i].text.size() >= std::size_t(segmentBytes) ||
                    handed[i].text.find('\n') == handed[i].text.size() - 1);
            }
            joined += handed[i].text;
        }
        QCOMPARE(joined, std::string(view(text)));
    }

    void aFileTurnedDownComesWhole()
    {
        const QByteArray text = lines();
        DecompressResult result;
        const auto handed = segmentsOf(
            Test::zstdFrame(text), Compression::Zstd, 100, result, [](std::size_t) { return SegmentAnswer::Whole; });
        QCOMPARE(handed.size(), std::size_t(1));
        QVERIFY(!result.segmented);
        QCOMPARE(result.bytes.view(), view(text));
    }

    // No line end in a whole first segment: no JSON Lines, so nothing is handed over.
    void aFirstSegmentWithoutLineEndsComesWhole()
    {
        const QByteArray text = QByteArray(600000, 'x') + '\n' + lines();
        DecompressResult result;
        const auto handed = segmentsOf(Test::gzipMember(text), Compression::Gzip, 100, result);
        QVERIFY(handed.empty());
        QVERIFY(!result.segmented);
        QCOMPARE(result.bytes.view(), view(text));
    }

    void stoppingEndsInflating()
    {
        DecompressResult result;
        const auto handed = segmentsOf(Test::gzipMember(lines()), Compression::Gzip, 100, result,
            [](std::size_t i) { return i == 1 ? SegmentAnswer::Stop : SegmentAnswer::Next; });
        QCOMPARE(handed.size(), std::size_t(2));
        QVERIFY(!handed.back().last);
        QVERIFY(!result.error); // stopping is no damage, and no cap
        QVERIFY(!result.capped);
    }

    void damageComesWithTheLastSegment()
    {
        const QByteArray text = lines();
        const QByteArray file = Test::gzipMember(text);
        DecompressResult result;
        const auto handed = segmentsOf(file.left(file.size() * 2 / 3), Compression::Gzip, 100, result);
        QVERIFY(handed.size() > 1);
        QVERIFY(handed.back().last);
        QVERIFY(handed.back().damage.has_value());
        QVERIFY(handed.back().damage->find("truncated") != std::string::npos);
        std::string joined;
        for (const Handed& segment : handed)
            joined += segment.text;
        QVERIFY(!joined.empty());
        QVERIFY(std::string(view(text)).starts_with(joined));
    }

    void sameAsTheWholeText_data()
    {
        QTest::addColumn<QString>("compression");
        QTest::addColumn<int>("segmentBytes");
        QTest::addColumn<int>("readers");
        for (const char* compression : {"gzip", "zstd"})
            for (const int bytes : {1, 20000, 300000})
                for (const int readers : {1, 2})
                    QTest::addRow("%s, %d bytes, %d readers", compression, bytes, readers)
                        << QString::fromLatin1(compression) << bytes << readers;
    }

    // The SDK capture of JSON Lines (manifest: tests/data/corpus), whole and in segments.
    void sameAsTheWholeText()
    {
        QFETCH(QString, compression);
        QFETCH(int, segmentBytes);
        QFETCH(int, readers);
        const QByteArray text = sdkJsonLines();
        QVERIFY(text.size() > 300000);
        const QByteArray file = packed(text, compression);
        const LoadResult whole = load(file, 0, unsigned(readers));
        const LoadResult segmented = load(file, std::size_t(segmentBytes), unsigned(readers));
        QCOMPARE(whole.reports.front().segments, std::size_t(0));
        QVERIFY(whole.reports.front().spans > 0);
        // A segment holds the whole lines inflated by the time it had its size (a chunk of them).
        QVERIFY2(segmented.reports.front().segments > 1,
            qPrintable(QStringLiteral("%1 segments").arg(segmented.reports.front().segments)));
        QCOMPARE(loadDifferences(whole, segmented), QString());
    }

    // A cut file: what inflated is read, and the damage is said where the text ends, as when
    // the text is inflated whole.
    void aCutFileReadsAsFarAsTheWholeText_data()
    {
        QTest::addColumn<QString>("compression");
        QTest::newRow("gzip") << "gzip";
        QTest::newRow("zstd") << "zstd";
    }

    void aCutFileReadsAsFarAsTheWholeText()
    {
        QFETCH(QString, compression);
        const QByteArray file = packed(sdkJsonLines(), compression);
        const QByteArray cut = file.left(file.size() * 3 / 4);
        const LoadResult whole = load(cut, 0, 2);
        const LoadResult segmented = load(cut, 20000, 2);
        QVERIFY(segmented.reports.front().segments > 1);
        QVERIFY(segmented.reports.front().spans > 0);
        QVERIFY(std::ranges::any_of(segmented.reports.front().messages,
            [](const ImportMessage& m) { return m.text.find("truncated") != std::string::npos; }));
        QCOMPARE(loadDifferences(whole, segmented), QString());
    }

    // Messages about a later segment give the file's line, column and byte, as when the text is
    // read whole: one span with a bad id in every tenth line (few enough to keep every message).
    void messagesNameTheFilesPlaces()
    {
        const QList<QByteArray> original = sdkJsonLines().split('\n');
        QVERIFY(original.size() > 100);
        QByteArray text;
        for (qsizetype i = 0; i < original.size(); ++i) {
            QByteArray line = original[i];
            if (i % 10 == 9) {
                const qsizetype at = line.indexOf("\"traceId\":\"");
                QVERIFY(at >= 0);
                line.insert(at + 11, "zz");
            }
            text += line + (i + 1 < original.size() ? "\n" : "");
        }
        const QByteArray file = Test::zstdFrame(text);
        const LoadResult whole = load(file, 0, 2);
        const LoadResult segmented = load(file, 4096, 2);
        QVERIFY(segmented.reports.front().segments > 3);
        const ImportReport& report = segmented.reports.front();
        QVERIFY(report.warningCount > 10);
        QCOMPARE(report.messagesDropped, std::size_t(0));
        QVERIFY(std::ranges::any_of(report.messages, [](const ImportMessage& m) { return m.line > 100; }));
        QCOMPARE(loadDifferences(whole, segmented), QString());
    }
};

QTEST_GUILESS_MAIN(TestSegmentedRead)
#include "tst_segmentedread.moc"
