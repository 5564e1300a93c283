#include "corpus.h"
#include "processes.h"

#include <QFile>
#include <QImage>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>
#include <QXmlStreamReader>

using Spanwise::Test::runProgram;

namespace {

const QString spanwise = QStringLiteral(SPANWISE_EXECUTABLE);
// The OpenTelemetry SDK capture's slowest checkout: 29 spans, its root 5,433,512,169 ns long
// (end − start in the file), so its frame reads "5.43 s".
const QString slowCheckout = QStringLiteral("08ac14f521df0d8034ad51a9004d8c2b");

QString sdkFile()
{
    return QString::fromStdString(Spanwise::Test::corpusFile(QStringLiteral("sdk/traces.otlp.jsonl.zst")));
}

// Every <title> of an SVG, and whether the file is well-formed XML.
QStringList svgTitles(const QString& path, bool* wellFormed)
{
    QFile file(path);
    QStringList titles;
    *wellFormed = file.open(QIODevice::ReadOnly);
    QXmlStreamReader xml(&file);
    while (*wellFormed && !xml.atEnd())
        if (xml.readNext() == QXmlStreamReader::StartElement && xml.name() == QStringLiteral("title"))
            titles << xml.readElementText();
    *wellFormed = *wellFormed && !xml.hasError();
    return titles;
}

// A Jaeger file with one trace: a chain of `depth` spans, each calling the next.
QByteArray chainTrace(int depth)
{
    QJsonArray spans;
    for (int i = 1; i <= depth; ++i) {
        QJsonArray references;
        if (i > 1)
            references.append(QJsonObject {{QStringLiteral("refType"), QStringLiteral("CHILD_OF")},
                {QStringLiteral("traceID"), QStringLiteral("c1")},
                {QStringLiteral("spanID"), QString::number(i - 1, 16)}});
        spans.append(QJsonObject {{QStringLiteral("traceID"), QStringLiteral("c1")},
            {QStringLiteral("spanID"), QString::number(i, 16)},
            {QStringLiteral("operationName"), QStringLiteral("step")}, {QStringLiteral("references"), references},
            {QStringLiteral("startTime"), 1000 + i}, {QStringLiteral("duration"), 10'000 - 2 * i},
            {QStringLiteral("processID"), QStringLiteral("p1")}});
    }
    const QJsonObject trace {{QStringLiteral("traceID"), QStringLiteral("c1")}, {QStringLiteral("spans"), spans},
        {QStringLiteral("processes"),
            QJsonObject {
                {QStringLiteral("p1"), QJsonObject {{QStringLiteral("serviceName"), QStringLiteral("deep")}}}}}};
    return QJsonDocument(QJsonObject {{QStringLiteral("data"), QJsonArray {trace}}}).toJson();
}

} // namespace

// `spanwise flamegraph` as scripts call it (docs/cli.md).
class TestFlameGraphCommand : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;

private slots:
    // Every frame carries a <title> with service, operation and duration (as flamegraph.pl's).
    void svgFramesHaveSearchableTitles()
    {
        const QString svg = m_dir.filePath(QStringLiteral("checkout.svg"));
        const auto run = runProgram(spanwise,
            {QStringLiteral("flamegraph"), sdkFile(), QStringLiteral("--trace"), slowCheckout, QStringLiteral("-o"),
                svg});
        QVERIFY2(run.exitCode == 0, run.err.constData());
        bool wellFormed = false;
        const QStringList titles = svgTitles(svg, &wellFormed);
        QVERIFY(wellFormed);
        // One frame a span, the narrowest included.
        QCOMPARE(titles.size(), 29);
        const QRegularExpression shape(QStringLiteral("^[^:]+: .+ — [0-9.]+ (ns|µs|ms|s)(, self|$)"));
        for (const QString& title : titles)
            QVERIFY2(shape.match(title).hasMatch(), qPrintable(title));
        QVERIFY2(titles.front().startsWith(QStringLiteral("web-frontend: POST /checkout — 5.43 s")),
            qPrintable(titles.front()));
    }

    void severalTracesNeedTraceOrMerged()
    {
        const QString png = m_dir.filePath(QStringLiteral("all.png"));
        const auto ambiguous =
            runProgram(spanwise, {QStringLiteral("flamegraph"), sdkFile(), QStringLiteral("-o"), png});
        QCOMPARE(ambiguous.exitCode, 2);
        QVERIFY2(ambiguous.err.contains("--trace"), ambiguous.err.constData());
        const auto merged = runProgram(
            spanwise, {QStringLiteral("flamegraph"), sdkFile(), QStringLiteral("--merged"), QStringLiteral("-o"), png});
        QVERIFY2(merged.exitCode == 0, merged.err.constData());
        QImage image(png);
        QCOMPARE(image.width(), 1400);
        QVERIFY(image.height() > 100);
        QCOMPARE(runProgram(spanwise,
                     {QStringLiteral("flamegraph"), sdkFile(), QStringLiteral("--merged"), QStringLiteral("--trace"),
                         slowCheckout, QStringLiteral("-o"), png})
                     .exitCode,
            2);
        QCOMPARE(runProgram(spanwise,
                     {QStringLiteral("flamegraph"), sdkFile(), QStringLiteral("--trace"), QStringLiteral("ff"),
                         QStringLiteral("-o"), png})
                     .exitCode,
            1);
    }

    // 1,200 levels do not fit a PNG: the top 900 are written, the rest reported, exit 0.
    void aDeepTraceKeepsItsTopLevelsInAPng()
    {
        const QString file = m_dir.filePath(QStringLiteral("deep.json"));
        QVERIFY(Spanwise::Test::writeFile(file, chainTrace(1200)));
        const QString png = m_dir.filePath(QStringLiteral("deep.png"));
        const auto run = runProgram(spanwise, {QStringLiteral("flamegraph"), file, QStringLiteral("-o"), png});
        QVERIFY2(run.exitCode == 0, run.err.constData());
        QVERIFY2(run.err.contains("first 900 of 1200 levels; 300 deeper levels were left out"), run.err.constData());
        QCOMPARE(QImage(png).height(), 28 + 900 * 18 + 4);
        // The SVG keeps every level.
        const QString svg = m_dir.filePath(QStringLiteral("deep.svg"));
        QCOMPARE(runProgram(spanwise, {QStringLiteral("flamegraph"), file, QStringLiteral("-o"), svg}).exitCode, 0);
        bool wellFormed = false;
        QCOMPARE(svgTitles(svg, &wellFormed).size(), 1200);
        QVERIFY(wellFormed);
    }
};

QTEST_GUILESS_MAIN(TestFlameGraphCommand)
#include "tst_flamegraphcommand.moc"
