#include "corpus.h"
#include "processes.h"

#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

#include <algorithm>

// Every file of tests/data/hostile through every way a user opens it: summary, stats,
// waterfall, graph and the window. Each either loads (exit 0) or fails with a message naming
// the file (exit 1); none crashes, hangs, writes a control character to the terminal or an
// invalid SVG.
namespace {

Spanwise::Test::ProcessRun spanwise(const QStringList& arguments, const QStringList& environment = {})
{
    return Spanwise::Test::runProgram(QStringLiteral(SPANWISE_EXECUTABLE), arguments, environment);
}

QStringList hostileFiles()
{
    const QDir dir(QString::fromStdString(Spanwise::Test::dataFile(QStringLiteral("hostile"))));
    QStringList files;
    for (const QString& name : dir.entryList(QDir::Files, QDir::Name))
        if (!name.endsWith(QStringLiteral(".py")) && !name.endsWith(QStringLiteral(".md")))
            files << dir.filePath(name);
    return files;
}

// Bytes a terminal would act on: anything below space but tab and line feed, and DEL.
bool hasControlBytes(const QByteArray& bytes)
{
    return std::any_of(bytes.begin(), bytes.end(), [](char c) {
        const auto u = static_cast<unsigned char>(c);
        return (u < 0x20 && u != '\t' && u != '\n') || u == 0x7f;
    });
}

} // namespace

class TestHostileInputs : public QObject
{
    Q_OBJECT

private slots:
    void everyWayOfOpening_data()
    {
        QTest::addColumn<QString>("file");
        const QStringList files = hostileFiles();
        QVERIFY2(files.size() >= 14, qPrintable(QString::number(files.size())));
        for (const QString& file : files)
            QTest::newRow(qPrintable(QFileInfo(file).fileName())) << file;
    }
    void everyWayOfOpening()
    {
        QFETCH(QString, file);
        QTemporaryDir dir;
        const QStringList limit = {QStringLiteral("SPANWISE_MAX_DECOMPRESSED=64M")};
        const QString svg = dir.filePath(QStringLiteral("out.svg"));
        const QString map = dir.filePath(QStringLiteral("map.svg"));
        const QString shot = dir.filePath(QStringLiteral("window.png"));
        const QList<QStringList> commands = {
            {QStringLiteral("summary"), file},
            {QStringLiteral("summary"), QStringLiteral("--json"), file},
            {QStringLiteral("stats"), file},
            {QStringLiteral("stats"), QStringLiteral("--csv"), file},
            {QStringLiteral("waterfall"), file, QStringLiteral("-o"), svg},
            {QStringLiteral("graph"), file, QStringLiteral("-o"), map},
        };
        for (const QStringList& command : commands) {
            const auto run = spanwise(command, limit);
            const QString what = command.join(QLatin1Char(' ')) + QStringLiteral(": ") + QString::fromUtf8(run.err);
            // Exit 2 is a usage error: only the waterfall's own, for a file of several traces.
            const bool usage = run.exitCode == 2 && run.err.contains("choose one with --trace");
            QVERIFY2(run.exitCode == 0 || run.exitCode == 1 || usage,
                qPrintable(QStringLiteral("exit %1, ").arg(run.exitCode) + what));
            QVERIFY2(!hasControlBytes(run.out) && !hasControlBytes(run.err), qPrintable(what));
            if (run.exitCode == 1)
                QVERIFY2(run.err.contains(QFileInfo(file).fileName().toUtf8()), qPrintable(what));
        }
        for (const QString& image : {svg, map}) {
            if (!QFile::exists(image))
                continue;
            bool wellFormed = false;
            Spanwise::Test::svgTexts(image, &wellFormed);
            QVERIFY2(wellFormed, qPrintable(image + QStringLiteral(" is not well-formed XML")));
        }
        // The window, off screen: it loads, draws, saves and quits.
        const auto window = spanwise({QStringLiteral("--screenshot"), shot, file},
            limit + QStringList {QStringLiteral("QT_QPA_PLATFORM=offscreen")});
        QVERIFY2(window.exitCode == 0,
            qPrintable(QStringLiteral("window: exit %1: ").arg(window.exitCode) + QString::fromUtf8(window.err)));
        QVERIFY(QFile::exists(shot));
    }

    // A folder, a missing file: one clear error each, naming it.
    void pathsThatAreNotFiles()
    {
        QTemporaryDir dir;
        const auto folder = spanwise({QStringLiteral("summary"), dir.path()});
        QCOMPARE(folder.exitCode, 1);
        QVERIFY2(folder.err.contains(QByteArray(dir.path().toUtf8() + ": byte 0: this is a folder, not a trace file")),
            folder.err.constData());
        const QString missing = dir.filePath(QStringLiteral("nothing.json"));
        const auto absent = spanwise({QStringLiteral("summary"), missing});
        QCOMPARE(absent.exitCode, 1);
        QVERIFY2(absent.err.contains(QByteArray(missing.toUtf8() + ": byte 0: cannot open the file")),
            absent.err.constData());
    }

    // Text cells that start like a formula are neutralised; numbers stay numbers.
    void csvHasNoFormulas()
    {
        const QString file = QString::fromStdString(
            Spanwise::Test::dataFile(QStringLiteral("hostile/jaeger-control-characters-and-formulas.json")));
        const auto run = spanwise({QStringLiteral("stats"), QStringLiteral("--csv"), file});
        QCOMPARE(run.exitCode, 0);
        const QList<QByteArray> lines = run.out.trimmed().split('\n');
        QCOMPARE(lines.size(), 3);
        QVERIFY2(lines[2].startsWith("'@SUM(A1),'=1+2,1,0,0,2000,"), lines[2].constData());
        // The other row's names had control characters: each shows as U+FFFD.
        QVERIFY2(lines[1].startsWith("svc\xef\xbf\xbd\xef\xbf\xbd]0;title\xef\xbf\xbd,evil\xef\xbf\xbd[31mred"),
            lines[1].constData());
    }

    // The decompression cap from the command line: what precedes it loads, the rest is reported.
    void decompressionLimitOption()
    {
        const QString file = QString::fromStdString(
            Spanwise::Test::dataFile(QStringLiteral("hostile/zipkin-inflates-to-4gib.json.zst")));
        const auto run = spanwise({QStringLiteral("summary"), QStringLiteral("--json"),
            QStringLiteral("--max-decompressed"), QStringLiteral("16M"), file});
        QCOMPARE(run.exitCode, 0);
        QCOMPARE(QJsonDocument::fromJson(run.out).object()[QStringLiteral("spans")].toInt(), 1);
        QVERIFY2(run.err.contains("inflates to more than the limit of 16777216 bytes"), run.err.constData());
        const auto bad = spanwise({QStringLiteral("summary"), QStringLiteral("--max-decompressed=lots"), file});
        QCOMPARE(bad.exitCode, 2);
    }

    // An export that cannot be written says so and leaves no file behind.
    void failedExportLeavesNoFile()
    {
        QTemporaryDir dir;
        const QString file = QString::fromStdString(
            Spanwise::Test::corpusFile(QStringLiteral("public/jaeger/jaeger-ui-petclinic-normal.json")));
        const QString target = dir.filePath(QStringLiteral("gone/out.svg"));
        const auto run = spanwise({QStringLiteral("waterfall"), file, QStringLiteral("-o"), target});
        QVERIFY(run.exitCode != 0);
        QVERIFY2(run.err.contains(QByteArray("cannot write " + target.toUtf8())), run.err.constData());
        QVERIFY(!QFile::exists(target));
    }
};

QTEST_GUILESS_MAIN(TestHostileInputs)
#include "tst_hostileinputs.moc"
