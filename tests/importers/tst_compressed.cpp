#include "compressing.h"
#include "corpus.h"
#include "decompress.h"
#include "fixtures.h"
#include "loadchecks.h"
#include "processes.h"
#include "traceloader.h"
#include "traceset.h"

#include <QFile>
#include <QtEndian>

#include <algorithm>

#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

using namespace Spanwise;

namespace {

// Runs a system compressor over a plain file and writes the result into `dir`; an empty
// path when the input is missing or the compressor fails (callers verify it).
QString compressWith(const QString& program, const QStringList& arguments, const QString& input,
    const QTemporaryDir& dir, const QString& name)
{
    if (input.isEmpty())
        return {};
    QProcess process;
    process.setStandardInputFile(input);
    const QString output = dir.filePath(name);
    process.setStandardOutputFile(output);
    process.start(program, arguments);
    if (!process.waitForFinished(60000) || process.exitStatus() != QProcess::NormalExit || process.exitCode() != 0)
        return {};
    return output;
}

LoadResult loadPath(const QString& path)
{
    const std::string file = path.toStdString();
    return loadTraceFiles(std::span<const std::string>(&file, 1));
}

} // namespace

class TestCompressed : public QObject
{
    Q_OBJECT

private slots:
    void sameFiguresAsPlain_data()
    {
        QTest::addColumn<QString>("program");
        QTest::addColumn<QStringList>("arguments");
        QTest::addColumn<QString>("file");
        for (const char* file : {"public/jaeger/stalk-hotrod-18231c31.json", "sdk/traces.otlp.json",
                 "sdk/traces.otlp.jsonl", "sdk/traces.otlp.pb", "sdk/traces.otlp-lenprefixed.bin",
                 "sdk/traces.zipkin.json", "public/zipkin-v1/otelcol-v1-single-batch.json"}) {
            QTest::addRow("gzip %s", file) << "gzip" << QStringList {"-c"} << QString::fromLatin1(file);
            QTest::addRow("zstd %s", file) << "zstd" << QStringList {"-c", "-q"} << QString::fromLatin1(file);
        }
    }
    void sameFiguresAsPlain()
    {
        QFETCH(QString, program);
        QFETCH(QStringList, arguments);
        QFETCH(QString, file);
        QTemporaryDir dir;
        const QString plain = Test::plainCorpusCopy(file, dir);
        const QString packed = compressWith(program, arguments, plain, dir, QStringLiteral("trace.bin"));
        QVERIFY2(!packed.isEmpty(), qPrintable(program + QStringLiteral(" could not compress ") + file));
        const LoadResult expected = loadPath(plain);
        SPANWISE_VERIFY_LOADED(expected);
        const LoadResult actual = loadPath(packed);
        SPANWISE_VERIFY_LOADED(actual);
        QVERIFY(!actual.anyFailed());
        QCOMPARE(actual.reports.front().format, expected.reports.front().format);
        QCOMPARE(actual.traces->traces().size(), expected.traces->traces().size());
        QCOMPARE(actual.traces->spans().size(), expected.traces->spans().size());
        QCOMPARE(actual.traces->serviceNames().size(), expected.traces->serviceNames().size());
        QCOMPARE(actual.traces->errorSpanCount(), expected.traces->errorSpanCount());
    }

    // The Collector's file exporter can zstd-compress each length-prefixed message on its own.
    void zstdPerFrame()
    {
        bool read = false;
        const QByteArray plain = Test::corpusBytes(QStringLiteral("sdk/traces.otlp-lenprefixed.bin"), &read);
        QVERIFY2(read, "tests/data/corpus/sdk/traces.otlp-lenprefixed.bin cannot be read");
        QByteArray framed;
        int frames = 0;
        for (qsizetype pos = 0; pos + 4 <= plain.size(); ++frames) {
            const auto length = qFromBigEndian<quint32>(plain.constData() + pos);
            const QByteArray payload = plain.mid(pos + 4, length);
            const QByteArray packed = Test::zstdFrame(payload);
            QVERIFY(!packed.isEmpty());
            char prefix[4];
            qToBigEndian<quint32>(quint32(packed.size()), prefix);
            framed.append(prefix, 4).append(packed);
            pos += 4 + length;
        }
        QVERIFY(frames > 10);
        QTemporaryDir dir;
        const QString framedPath = dir.filePath(QStringLiteral("frames.bin"));
        QVERIFY(Test::writeFile(framedPath, framed));
        const LoadResult result = loadPath(framedPath);
        SPANWISE_VERIFY_LOADED(result);
        QVERIFY(!result.anyFailed());
        QCOMPARE(result.reports.front().format, std::string("otlp-proto"));
        QCOMPARE(result.reports.front().warningCount, std::size_t(0));
        QCOMPARE(result.traces->spans().size(), std::size_t(3898));
        QCOMPARE(result.traces->traces().size(), std::size_t(320));
    }

    void concatenatedGzipMembers()
    {
        QTemporaryDir dir;
        const QString a = Test::plainCorpusCopy(QStringLiteral("public/jaeger/jaeger-ui-petclinic-normal.json"), dir);
        const QString b = Test::plainCorpusCopy(QStringLiteral("public/jaeger/stalk-search-410a8604.json"), dir);
        QFile out(dir.filePath(QStringLiteral("both.gz")));
        QVERIFY(out.open(QIODevice::WriteOnly));
        for (const QString& part :
            {compressWith(QStringLiteral("gzip"), {QStringLiteral("-c")}, a, dir, QStringLiteral("a.gz")),
                compressWith(QStringLiteral("gzip"), {QStringLiteral("-c")}, b, dir, QStringLiteral("b.gz"))}) {
            QFile in(part);
            QVERIFY(in.open(QIODevice::ReadOnly));
            out.write(in.readAll());
        }
        out.close();
        const LoadResult result = loadPath(out.fileName());
        SPANWISE_VERIFY_LOADED(result);
        QVERIFY(!result.anyFailed());
        QCOMPARE(result.traces->spans().size(), std::size_t(5 + 8));
        QCOMPARE(result.traces->traces().size(), std::size_t(2));
    }

    // A cut .gz or .zst keeps what precedes the damage, as a cut plain file does: exactly the
    // spans that the system's own decompressor recovers from the cut file, loaded as text.
    void truncatedCompressedKeepsWhatPrecedesTheCut_data()
    {
        QTest::addColumn<QString>("program");
        QTest::newRow("gzip") << "gzip";
        QTest::newRow("zstd") << "zstd";
    }
    void truncatedCompressedKeepsWhatPrecedesTheCut()
    {
        QFETCH(QString, program);
        QTemporaryDir dir;
        // Large enough for many compressed blocks: a cut inside the only block recovers nothing.
        const QString plain = Test::plainCorpusCopy(QStringLiteral("sdk/traces.otlp.json"), dir);
        const QString packed =
            compressWith(program, {QStringLiteral("-c"), QStringLiteral("-q")}, plain, dir, QStringLiteral("t.packed"));
        QVERIFY2(!packed.isEmpty(), qPrintable(program + QStringLiteral(" failed")));
        QFile file(packed);
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QByteArray bytes = file.readAll();
        file.close();
        const QString cutPath = dir.filePath(QStringLiteral("cut.packed"));
        QVERIFY(Test::writeFile(cutPath, bytes.left(bytes.size() / 2)));

        // What the system tool inflates from the cut file (it complains, and exits non-zero).
        QProcess inflate;
        inflate.setStandardInputFile(cutPath);
        inflate.start(program, {QStringLiteral("-d"), QStringLiteral("-c"), QStringLiteral("-q")});
        QVERIFY(inflate.waitForFinished(60000));
        const QByteArray recovered = inflate.readAllStandardOutput();
        QVERIFY(!recovered.isEmpty());
        const LoadResult expected = Test::loadText(recovered.toStdString(), "recovered.json");

        const LoadResult result = loadPath(cutPath);
        QVERIFY2(!result.anyFailed(), qPrintable(Test::loadFailure(result)));
        QVERIFY(result.traces->spans().size() > 0);
        QCOMPARE(result.traces->spans().size(), expected.traces->spans().size());
        const auto& messages = result.reports.front().messages;
        QVERIFY(std::any_of(messages.begin(), messages.end(), [&](const ImportMessage& m) {
            return QString::fromStdString(m.text).contains(QStringLiteral("truncated")) &&
                QString::fromStdString(m.text).contains(QStringLiteral("what inflated before it is kept"));
        }));
    }

    // A small file that inflates past the cap stops there: what came before is loaded, the rest
    // is reported, and memory stays near the cap (the limit is what the test sets).
    void decompressionIsCapped()
    {
        QTemporaryDir dir;
        const QString plain = Test::plainCorpusCopy(QStringLiteral("public/jaeger/stalk-hotrod-18231c31.json"), dir);
        const QString packed =
            compressWith(QStringLiteral("gzip"), {QStringLiteral("-c")}, plain, dir, QStringLiteral("t.gz"));
        QVERIFY(!packed.isEmpty());
        const std::string path = packed.toStdString();
        LoadOptions options;
        options.maxDecompressedBytes = 40 * 1024; // of the file's 114,278 bytes
        const LoadResult result = loadTraceFiles(std::span<const std::string>(&path, 1), options);
        QVERIFY2(!result.anyFailed(), qPrintable(Test::loadFailure(result)));
        // Exactly what the first 40 KiB of the plain text hold.
        QFile text(plain);
        QVERIFY(text.open(QIODevice::ReadOnly));
        const LoadResult expected = Test::loadText(text.read(40 * 1024).toStdString(), "first-40k.json");
        QVERIFY(expected.traces->spans().size() > 0);
        QCOMPARE(result.traces->spans().size(), expected.traces->spans().size());
        const std::string first = result.reports.front().describe(result.reports.front().messages.front());
        QVERIFY2(
            QString::fromStdString(first).contains(QStringLiteral("inflates to more than the limit of 40960 bytes")),
            first.c_str());
    }

    // A file that states its inflated size (gzip's trailer, a zstd frame header) is inflated
    // into room taken once: the buffer never grows, so it is never held twice.
    void statedSizeIsTakenAtOnce()
    {
        QTemporaryDir dir;
        const QString plain = Test::plainCorpusCopy(QStringLiteral("public/jaeger/stalk-hotrod-18231c31.json"), dir);
        QFile text(plain);
        QVERIFY(text.open(QIODevice::ReadOnly));
        const QByteArray bytes = text.readAll();
        // Growing, the buffer's first step is a 256 KiB chunk: more than this file and the
        // 64 KiB room for the decompressor's last call, so growing shows in the capacity.
        QVERIFY(bytes.size() > 100 * 1024 && bytes.size() < 192 * 1024);
        const QString gzipped =
            compressWith(QStringLiteral("gzip"), {QStringLiteral("-c")}, plain, dir, QStringLiteral("t.gz"));
        QFile gzipFile(gzipped);
        QVERIFY(gzipFile.open(QIODevice::ReadOnly));
        const QByteArray gzip = gzipFile.readAll();
        const QByteArray zstd = Test::zstdFrame(bytes);
        QVERIFY(!zstd.isEmpty());
        for (const QByteArray& packed : {gzip, zstd}) {
            const std::string_view view(packed.constData(), std::size_t(packed.size()));
            const DecompressResult result = decompress(view, detectCompression(view), {});
            QVERIFY(!result.error);
            QCOMPARE(result.bytes.view(), std::string_view(bytes.constData(), std::size_t(bytes.size())));
            // The stated size and a little room for the decompressor's last call, nothing more.
            QVERIFY2(result.bytes.capacity() >= std::size_t(bytes.size()) &&
                    result.bytes.capacity() <= std::size_t(bytes.size()) + 64 * 1024,
                qPrintable(QStringLiteral("capacity %1 for %2 bytes").arg(result.bytes.capacity()).arg(bytes.size())));
        }
    }
};

QTEST_GUILESS_MAIN(TestCompressed)
#include "tst_compressed.moc"
