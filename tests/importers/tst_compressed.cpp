#include "corpus.h"
#include "traceloader.h"
#include "traceset.h"

#include <QFile>
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
        QTest::newRow("gzip") << "gzip" << QStringList {"-c"};
        QTest::newRow("zstd") << "zstd" << QStringList {"-c", "-q"};
    }
    void sameFiguresAsPlain()
    {
        QFETCH(QString, program);
        QFETCH(QStringList, arguments);
        QTemporaryDir dir;
        const QString plain =
            QString::fromStdString(Test::corpusFile(QStringLiteral("public/jaeger/stalk-hotrod-18231c31.json")));
        const QString packed = compressWith(program, arguments, plain, dir, QStringLiteral("trace.bin"));
        const LoadResult expected = loadPath(plain);
        const LoadResult actual = loadPath(packed);
        QVERIFY(!actual.anyFailed());
        QCOMPARE(actual.reports.front().format, std::string("jaeger-json"));
        QCOMPARE(actual.traces->spans().size(), expected.traces->spans().size());
        QCOMPARE(actual.traces->serviceNames().size(), expected.traces->serviceNames().size());
        QCOMPARE(actual.traces->errorSpanCount(), expected.traces->errorSpanCount());
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
        QFile cut(dir.filePath(QStringLiteral("cut.gz")));
        QVERIFY(cut.open(QIODevice::WriteOnly));
        cut.write(bytes.left(bytes.size() / 2));
        cut.close();
        const LoadResult result = loadPath(cut.fileName());
        QVERIFY(result.anyFailed());
        QCOMPARE(result.reports.front().messages.size(), std::size_t(1));
        QVERIFY(QString::fromStdString(result.reports.front().describe(result.reports.front().messages.front()))
                    .contains(QStringLiteral("cut.gz: byte 0: gzip data is truncated")));
    }
};

QTEST_GUILESS_MAIN(TestCompressed)
#include "tst_compressed.moc"
