// A compressed file that is not read in segments is inflated whole into a temporary file and
// mapped (importers/inflationfile.h), so that its text is given back behind the reader as a
// plain file's is. The file must hold the text exactly, a file that takes no more must send
// the text back to memory with nothing lost or repeated, and the loader must give the model and
// messages that inflating into memory gives.
#include "compressing.h"
#include "corpus.h"
#include "decompress.h"
#include "inflationfile.h"
#include "loadcomparison.h"
#include "traceloader.h"

#include <QDir>
#include <QFileInfo>
#include <QTemporaryDir>
#include <QTest>

#include <csignal>
#include <fcntl.h>
#include <optional>
#include <sys/resource.h>
#include <unistd.h>

using namespace Spanwise;

namespace {

std::string_view view(const QByteArray& bytes)
{
    return {bytes.constData(), std::size_t(bytes.size())};
}

std::string fileContent(int fd)
{
    std::string content;
    char chunk[65536];
    for (off_t at = 0;;) {
        const ssize_t count = ::pread(fd, chunk, sizeof chunk, at);
        if (count <= 0)
            return content;
        content.append(chunk, std::size_t(count));
        at += count;
    }
}

QByteArray sdkText(const QString& name)
{
    bool ok = false;
    const QByteArray text = Test::corpusBytes(QStringLiteral("sdk/") + name, &ok);
    return ok ? text : QByteArray();
}

// Write failures beyond `bytes` (EFBIG, its signal ignored) while in scope.
class FileSizeLimit
{
public:
    explicit FileSizeLimit(rlim_t bytes)
    {
        ::getrlimit(RLIMIT_FSIZE, &m_saved);
        m_savedHandler = std::signal(SIGXFSZ, SIG_IGN);
        rlimit limit = m_saved;
        limit.rlim_cur = bytes;
        ::setrlimit(RLIMIT_FSIZE, &limit);
    }
    ~FileSizeLimit()
    {
        ::setrlimit(RLIMIT_FSIZE, &m_saved);
        std::signal(SIGXFSZ, m_savedHandler);
    }

private:
    rlimit m_saved {};
    void (*m_savedHandler)(int);
};

} // namespace

class TestInflationFile : public QObject
{
    Q_OBJECT

private slots:
    void theFileHoldsTheText_data()
    {
        QTest::addColumn<bool>("gzip");
        QTest::addColumn<int>("segmentBytes"); // 0: whole from the start; else turned down
        for (const bool gzip : {false, true})
            for (const int segmentBytes : {0, 4096})
                QTest::addRow("%s, %s", gzip ? "gzip" : "zstd", segmentBytes ? "first segment turned down" : "whole")
                    << gzip << segmentBytes;
    }

    void theFileHoldsTheText()
    {
        QFETCH(bool, gzip);
        QFETCH(int, segmentBytes);
        // Lines: the first segment is handed over (a text without a line end goes whole unasked).
        const QByteArray text = sdkText(QStringLiteral("traces.otlp.jsonl"));
        QVERIFY(text.size() > 1000000);
        const QByteArray packed = gzip ? Test::gzipMember(text) : Test::zstdFrame(text);
        // In the build tree, which lies on a disk (a folder in memory is turned down).
        QTemporaryDir dir(QDir::currentPath() + QStringLiteral("/inflation-XXXXXX"));
        const InflationFile file(dir.path().toStdString(), std::size_t(text.size()));
        QVERIFY2(file.valid(), "the build tree must lie on a disk with room");
        int segments = 0;
        const DecompressResult result = decompress(view(packed), gzip ? Compression::Gzip : Compression::Zstd, {},
            SegmentOptions {std::size_t(segmentBytes),
                [&](const InflatedSegment&) {
                    ++segments;
                    return SegmentAnswer::Whole;
                },
                file.fd()});
        QVERIFY(!result.error);
        QCOMPARE(segments, segmentBytes ? 1 : 0);
        QVERIFY(result.inFile);
        QVERIFY(result.bytes.empty());
        QCOMPARE(result.fileBytes, std::uint64_t(text.size()));
        QVERIFY(fileContent(file.fd()) == view(text));
    }

    // A file that takes nothing, or stops taking bytes part way (a full disk): the text comes
    // back whole into memory, its start read back from the file.
    void aFileThatStopsTakingBytesSendsTheTextBack_data()
    {
        QTest::addColumn<int>("takes"); // bytes the file takes; -1: none (opened for reading)
        QTest::newRow("none") << -1;
        QTest::newRow("100,000 bytes") << 100000;
        QTest::newRow("a chunk and a bit") << 300001;
    }

    void aFileThatStopsTakingBytesSendsTheTextBack()
    {
        QFETCH(int, takes);
        const QByteArray text = sdkText(QStringLiteral("traces.zipkin.json"));
        QVERIFY(text.size() > 1000000);
        const QByteArray packed = Test::zstdFrame(text);
        QTemporaryDir dir(QDir::currentPath() + QStringLiteral("/inflation-XXXXXX"));
        const QString path = dir.filePath(QStringLiteral("text"));
        const int fd = ::open(path.toLocal8Bit().constData(), (takes < 0 ? O_RDONLY : O_RDWR) | O_CREAT, 0600);
        QVERIFY(fd >= 0);
        DecompressResult result;
        {
            std::optional<FileSizeLimit> limit;
            if (takes > 0)
                limit.emplace(rlim_t(takes));
            result = decompress(view(packed), Compression::Zstd, {}, SegmentOptions {0, {}, fd});
        }
        if (takes > 0)
            QCOMPARE(QFileInfo(path).size(), qint64(takes)); // it did stop part way
        ::close(fd);
        QVERIFY(!result.error);
        QVERIFY(!result.inFile);
        QCOMPARE(result.fileBytes, std::uint64_t(0));
        QVERIFY(result.bytes.view() == view(text));
    }

    // Every SDK capture's format, compressed: the same model, report and messages as inflating
    // into memory, on one reader and on two (whose shares give pages back at once).
    void sameAsInMemory_data()
    {
        QTest::addColumn<QString>("name");
        QTest::addColumn<bool>("gzip");
        QTest::addColumn<bool>("cut");
        QTest::addColumn<int>("readers");
        for (const char* name :
            {"traces.otlp.json", "traces.zipkin.json", "traces.otlp.pb", "traces.otlp-lenprefixed.bin"})
            for (const int readers : {1, 2})
                QTest::addRow("%s, zstd, %d readers", name, readers) << name << false << false << readers;
        QTest::newRow("otlp json, gzip") << "traces.otlp.json" << true << false << 2;
        QTest::newRow("zipkin, gzip, cut") << "traces.zipkin.json" << true << true << 2;
    }

    void sameAsInMemory()
    {
        QFETCH(QString, name);
        QFETCH(bool, gzip);
        QFETCH(bool, cut);
        QFETCH(int, readers);
        const QByteArray text = sdkText(name);
        QVERIFY(text.size() > 500000);
        QByteArray packed = gzip ? Test::gzipMember(text) : Test::zstdFrame(text);
        if (cut)
            packed.truncate(packed.size() * 2 / 3);
        QTemporaryDir dir(QDir::currentPath() + QStringLiteral("/inflation-XXXXXX"));
        const auto load = [&](bool intoFile) {
            LoadOptions options;
            options.readers = unsigned(readers);
            options.minShareBytes = 1;
            options.inflateIntoFile = intoFile;
            // A file that fits in one segment stays in memory: decide after 64 KiB, not 64 MiB.
            options.inflateSegmentBytes = 65536;
            options.inflationDirectory = dir.path().toStdString();
            const NamedBuffer buffer {"input", PaddedBuffer(view(packed))};
            return loadTraceBuffers(std::span<const NamedBuffer>(&buffer, 1), options);
        };
        const LoadResult inFile = load(true);
        const LoadResult inMemory = load(false);
        QVERIFY(inFile.reports.front().inflatedIntoFile);
        QVERIFY(!inMemory.reports.front().inflatedIntoFile);
        QVERIFY(inFile.reports.front().spans > 1000);
        QCOMPARE(loadDifferences(inMemory, inFile), QString());
        if (cut)
            QVERIFY(std::ranges::any_of(inFile.reports.front().messages,
                [](const ImportMessage& m) { return m.text.find("truncated") != std::string::npos; }));
    }
};

QTEST_GUILESS_MAIN(TestInflationFile)
#include "tst_inflationfile.moc"
