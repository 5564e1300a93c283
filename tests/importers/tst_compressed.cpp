#include "corpus.h"
#include "processes.h"
#include "traceloader.h"
#include "traceset.h"

#include <QFile>
#include <QtEndian>

#include <zstd.h>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

using namespace Spanwise;

namespace {

// Runs a system compressor over a corpus file and writes the result into `dir`.
QString compressWith(const QString& program, const QStringList& arguments, const QString& input,
    const QTemporaryDir& dir, const QString& name)
{
    QProcess process;
    process.setStandardInputFile(input);
    const QString output = dir.filePath(name);
    process.setStandardOutputFile(output);
    process.start(program, arguments);
    if (!process.waitForFinished(60000) || process.exitCode() != 0)
        qFatal("%s failed", qPrintable(program));
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
        for (const char* file : {"public/jaeger/stalk-hotrod-18231c31.json", "sdk/traces.otlp.json", "sdk/traces.otlp.jsonl",
                                 "sdk/traces.otlp.pb", "sdk/traces.otlp-lenprefixed.bin", "sdk/traces.zipkin.json",
                                 "public/zipkin-v1/otelcol-v1-single-batch.json"}) {
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
        const QString plain = QString::fromStdString(Test::corpusFile(file));
        const QString packed = compressWith(program, arguments, plain, dir, QStringLiteral("trace.bin"));
        const LoadResult expected = loadPath(plain);
        const LoadResult actual = loadPath(packed);
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
        QFile file(QString::fromStdString(Test::corpusFile(QStringLiteral("sdk/traces.otlp-lenprefixed.bin"))));
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QByteArray plain = file.readAll();
        QByteArray framed;
        int frames = 0;
        for (qsizetype pos = 0; pos + 4 <= plain.size(); ++frames) {
            const auto length = qFromBigEndian<quint32>(plain.constData() + pos);
            const QByteArray payload = plain.mid(pos + 4, length);
            QByteArray packed(qsizetype(ZSTD_compressBound(std::size_t(payload.size()))), Qt::Uninitialized);
            const std::size_t size = ZSTD_compress(packed.data(), std::size_t(packed.size()), payload.constData(),
                                                   std::size_t(payload.size()), 3);
            QVERIFY(!ZSTD_isError(size));
            packed.resize(qsizetype(size));
            char prefix[4];
            qToBigEndian<quint32>(quint32(size), prefix);
            framed.append(prefix, 4).append(packed);
            pos += 4 + length;
        }
        QVERIFY(frames > 10);
        QTemporaryDir dir;
        const QString framedPath = dir.filePath(QStringLiteral("frames.bin"));
        QVERIFY(Test::writeFile(framedPath, framed));
        const LoadResult result = loadPath(framedPath);
        QVERIFY(!result.anyFailed());
        QCOMPARE(result.reports.front().format, std::string("otlp-proto"));
        QCOMPARE(result.reports.front().warningCount, std::size_t(0));
        QCOMPARE(result.traces->spans().size(), std::size_t(3898));
        QCOMPARE(result.traces->traces().size(), std::size_t(320));
    }

    void concatenatedGzipMembers()
    {
        QTemporaryDir dir;
        const QString a =
            QString::fromStdString(Test::corpusFile(QStringLiteral("public/jaeger/jaeger-ui-petclinic-normal.json")));
        const QString b =
            QString::fromStdString(Test::corpusFile(QStringLiteral("public/jaeger/stalk-search-410a8604.json")));
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
        QVERIFY(!result.anyFailed());
        QCOMPARE(result.traces->spans().size(), std::size_t(5 + 8));
        QCOMPARE(result.traces->traces().size(), std::size_t(2));
    }

    void corruptGzipIsOneClearError()
    {
        QTemporaryDir dir;
        const QString plain =
            QString::fromStdString(Test::corpusFile(QStringLiteral("public/jaeger/stalk-hotrod-18231c31.json")));
        const QString packed =
            compressWith(QStringLiteral("gzip"), {QStringLiteral("-c")}, plain, dir, QStringLiteral("t.gz"));
        QFile file(packed);
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QByteArray bytes = file.readAll();
        file.close();
        const QString cutPath = dir.filePath(QStringLiteral("cut.gz"));
        QVERIFY(Test::writeFile(cutPath, bytes.left(bytes.size() / 2)));
        const LoadResult result = loadPath(cutPath);
        QVERIFY(result.anyFailed());
        QCOMPARE(result.reports.front().messages.size(), std::size_t(1));
        QVERIFY(QString::fromStdString(result.reports.front().describe(result.reports.front().messages.front()))
                    .contains(QStringLiteral("cut.gz: byte 0: gzip data is truncated")));
    }
};

QTEST_GUILESS_MAIN(TestCompressed)
#include "tst_compressed.moc"
