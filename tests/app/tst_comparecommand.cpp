#include "corpus.h"
#include "processes.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

using Spanwise::Test::runProgram;
using Spanwise::Test::writeFile;

namespace {

const QString spanwise = QStringLiteral(SPANWISE_EXECUTABLE);

// A Jaeger span; times in microseconds as Jaeger writes them.
QJsonObject jaegerSpan(const QString& trace, const QString& id, const QString& parent, const QString& operation,
    qint64 startUs, qint64 durationUs, const QString& process)
{
    QJsonArray references;
    if (!parent.isEmpty())
        references.append(QJsonObject {{QStringLiteral("refType"), QStringLiteral("CHILD_OF")},
            {QStringLiteral("traceID"), trace}, {QStringLiteral("spanID"), parent}});
    return {{QStringLiteral("traceID"), trace}, {QStringLiteral("spanID"), id},
        {QStringLiteral("operationName"), operation}, {QStringLiteral("references"), references},
        {QStringLiteral("startTime"), startUs}, {QStringLiteral("duration"), durationUs},
        {QStringLiteral("processID"), process}, {QStringLiteral("tags"), QJsonArray {}}};
}

QJsonObject processes()
{
    const auto process = [](const char* name) {
        return QJsonObject {
            {QStringLiteral("serviceName"), QString::fromLatin1(name)}, {QStringLiteral("tags"), QJsonArray {}}};
    };
    return {{QStringLiteral("p1"), process("web")}, {QStringLiteral("p2"), process("cart")},
        {QStringLiteral("p3"), process("payments")}};
}

// A checkout trace: web (100 ms) calls cart (40 ms), and payments (paymentsMs) unless left out.
QJsonObject checkoutTrace(const QString& trace, qint64 paymentsMs, bool withPayments = true)
{
    QJsonArray spans {
        jaegerSpan(trace, QStringLiteral("1"), {}, QStringLiteral("GET /checkout"), 0, 100'000, QStringLiteral("p1")),
        jaegerSpan(trace, QStringLiteral("2"), QStringLiteral("1"), QStringLiteral("load"), 1'000, 40'000,
            QStringLiteral("p2"))};
    if (withPayments)
        spans.append(jaegerSpan(trace, QStringLiteral("3"), QStringLiteral("1"), QStringLiteral("charge"), 50'000,
            paymentsMs * 1000, QStringLiteral("p3")));
    return {{QStringLiteral("traceID"), trace}, {QStringLiteral("spans"), spans},
        {QStringLiteral("processes"), processes()}};
}

QByteArray jaegerFile(const QJsonArray& traces)
{
    return QJsonDocument(QJsonObject {{QStringLiteral("data"), traces}}).toJson();
}

QString pathText(const QJsonObject& node)
{
    QStringList steps;
    for (const QJsonValue step : node.value(QStringLiteral("path")).toArray())
        steps << step[QStringLiteral("service")].toString() + u':' + step[QStringLiteral("operation")].toString();
    return steps.join(QStringLiteral(" > "));
}

} // namespace

// `spanwise compare` as scripts call it (docs/cli.md). The fixtures' figures are written above;
// the corpus figures come from the file's own JSON (noted where used).
class TestCompareCommand : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;

private slots:
    void twoTracesOfOneFile()
    {
        const QString file = m_dir.filePath(QStringLiteral("two.json"));
        QVERIFY(writeFile(
            file, jaegerFile({checkoutTrace(QStringLiteral("a1"), 30), checkoutTrace(QStringLiteral("b2"), 80)})));
        const auto run = runProgram(spanwise,
            {QStringLiteral("compare"), file, QStringLiteral("--trace"), QStringLiteral("a1"),
                QStringLiteral("--against"), QStringLiteral("b2"), QStringLiteral("--json")});
        QVERIFY2(run.exitCode == 0, run.err.constData());
        const QJsonObject json = QJsonDocument::fromJson(run.out).object();
        QCOMPARE(json[QStringLiteral("added")].toInt(), 0);
        QCOMPARE(json[QStringLiteral("removed")].toInt(), 0);
        QCOMPARE(json[QStringLiteral("changed")].toInt(), 1);
        const QJsonArray nodes = json[QStringLiteral("nodes")].toArray();
        QCOMPARE(nodes.size(), 3);
        // The largest change first: payments, 30 ms → 80 ms.
        const QJsonObject first = nodes.first().toObject();
        QCOMPARE(pathText(first), QStringLiteral("web:GET /checkout > payments:charge"));
        QCOMPARE(first[QStringLiteral("status")].toString(), QStringLiteral("changed"));
        QCOMPARE(first[QStringLiteral("countA")].toInt(), 1);
        QCOMPARE(first[QStringLiteral("countB")].toInt(), 1);
        QCOMPARE(first[QStringLiteral("totalNsA")].toInteger(), 30'000'000);
        QCOMPARE(first[QStringLiteral("totalNsB")].toInteger(), 80'000'000);
        QCOMPARE(first[QStringLiteral("selfNsB")].toInteger(), 80'000'000);
        // web's self time: 100 ms less cart (40) and payments (30, then 80 overlapping past its end:
        // clipped at 100 ms, so 50).
        const QJsonObject web = nodes.at(1).toObject().value(QStringLiteral("path")).toArray().size() == 1
            ? nodes.at(1).toObject()
            : nodes.at(2).toObject();
        QCOMPARE(pathText(web), QStringLiteral("web:GET /checkout"));
        QCOMPARE(web[QStringLiteral("selfNsA")].toInteger(), 30'000'000);
        QCOMPARE(web[QStringLiteral("selfNsB")].toInteger(), 10'000'000);
        QCOMPARE(web[QStringLiteral("status")].toString(), QStringLiteral("same"));
    }

    void thresholdsAreFlags()
    {
        const QString file = m_dir.filePath(QStringLiteral("close.json"));
        QVERIFY(writeFile(
            file, jaegerFile({checkoutTrace(QStringLiteral("a1"), 30), checkoutTrace(QStringLiteral("b2"), 32)})));
        const QStringList base {QStringLiteral("compare"), file, QStringLiteral("--trace"), QStringLiteral("a1"),
            QStringLiteral("--against"), QStringLiteral("b2"), QStringLiteral("--json")};
        const auto changed = [&](const QStringList& extra) {
            const auto run = runProgram(spanwise, base + extra);
            return QJsonDocument::fromJson(run.out).object()[QStringLiteral("changed")].toInt(-1);
        };
        QCOMPARE(changed({}), 0); // +2 ms is under 10 %
        QCOMPARE(changed({QStringLiteral("--min-change-percent"), QStringLiteral("5")}), 1);
        QCOMPARE(changed({QStringLiteral("--min-change-percent"), QStringLiteral("5"),
                     QStringLiteral("--min-change-ms"), QStringLiteral("3")}),
            0);
    }

    // PATH:ID takes each side from its own file: one trace id captured twice compares.
    void oneTraceIdFromTwoFiles()
    {
        const QString before = m_dir.filePath(QStringLiteral("before.json"));
        const QString after = m_dir.filePath(QStringLiteral("after.json"));
        QVERIFY(writeFile(before, jaegerFile({checkoutTrace(QStringLiteral("c3"), 30)})));
        QVERIFY(writeFile(after, jaegerFile({checkoutTrace(QStringLiteral("c3"), 30, false)})));
        const auto run = runProgram(spanwise,
            {QStringLiteral("compare"), QStringLiteral("--trace"), before + QStringLiteral(":c3"),
                QStringLiteral("--against"), after + QStringLiteral(":c3"), QStringLiteral("--json")});
        QVERIFY2(run.exitCode == 0, run.err.constData());
        const QJsonObject json = QJsonDocument::fromJson(run.out).object();
        QCOMPARE(json[QStringLiteral("removed")].toInt(), 1);
        QCOMPARE(json[QStringLiteral("added")].toInt(), 0);
        const QJsonObject removed = json[QStringLiteral("nodes")].toArray().first().toObject();
        QCOMPARE(pathText(removed), QStringLiteral("web:GET /checkout > payments:charge"));
        QCOMPARE(removed[QStringLiteral("countB")].toInt(), 0);

        // Without --json: the merged tree, indented, marked.
        const auto text = runProgram(spanwise,
            {QStringLiteral("compare"), QStringLiteral("--trace"), before + QStringLiteral(":c3"),
                QStringLiteral("--against"), after + QStringLiteral(":c3")});
        QCOMPARE(text.exitCode, 0);
        QVERIFY2(text.out.contains("0 added (+), 1 removed (-), 0 changed (~)"), text.out.constData());
        QVERIFY2(text.out.contains("\n-   payments: charge"), text.out.constData());
        QVERIFY2(text.out.contains("\n  web: GET /checkout"), text.out.constData());
    }

    void badUsageAndUnknownTraces()
    {
        const QString file = m_dir.filePath(QStringLiteral("one.json"));
        QVERIFY(writeFile(file, jaegerFile({checkoutTrace(QStringLiteral("a1"), 30)})));
        QCOMPARE(
            runProgram(spanwise, {QStringLiteral("compare"), file, QStringLiteral("--trace"), QStringLiteral("a1")})
                .exitCode,
            2);
        QCOMPARE(runProgram(spanwise,
                     {QStringLiteral("compare"), QStringLiteral("--trace"), QStringLiteral("a1"),
                         QStringLiteral("--against"), QStringLiteral("a1")})
                     .exitCode,
            2);
        const auto unknown = runProgram(spanwise,
            {QStringLiteral("compare"), file, QStringLiteral("--trace"), QStringLiteral("a1"),
                QStringLiteral("--against"), QStringLiteral("ff")});
        QCOMPARE(unknown.exitCode, 1);
        QVERIFY2(unknown.err.contains("no trace ff"), unknown.err.constData());
    }

    // The OpenTelemetry SDK capture: the fastest and the slowest POST /checkout. Their root
    // durations, 2,115,808 ns and 5,433,512,169 ns, are end − start of the root spans in the file.
    void twoCheckoutsOfTheSdkCapture()
    {
        const QString file =
            QString::fromStdString(Spanwise::Test::corpusFile(QStringLiteral("sdk/traces.otlp.jsonl.zst")));
        const auto run = runProgram(spanwise,
            {QStringLiteral("compare"), file, QStringLiteral("--trace"),
                QStringLiteral("579d3e3fdb4cab1d824a3886016fa560"), QStringLiteral("--against"),
                QStringLiteral("08ac14f521df0d8034ad51a9004d8c2b"), QStringLiteral("--json")});
        QVERIFY2(run.exitCode == 0, run.err.constData());
        const QJsonObject json = QJsonDocument::fromJson(run.out).object();
        const QJsonArray nodes = json[QStringLiteral("nodes")].toArray();
        int added = 0, removed = 0, changed = 0;
        double previous = INFINITY;
        for (const QJsonValue value : nodes) {
            const QJsonObject node = value.toObject();
            const QString status = node[QStringLiteral("status")].toString();
            added += status == QStringLiteral("added");
            removed += status == QStringLiteral("removed");
            changed += status == QStringLiteral("changed");
            QCOMPARE(status == QStringLiteral("added"), node[QStringLiteral("countA")].toInt() == 0);
            const double change =
                std::abs(node[QStringLiteral("totalNsB")].toDouble() - node[QStringLiteral("totalNsA")].toDouble());
            QVERIFY2(change <= previous, qPrintable(pathText(node)));
            previous = change;
            if (pathText(node) == QStringLiteral("web-frontend:POST /checkout")) {
                QCOMPARE(node[QStringLiteral("totalNsA")].toInteger(), 2'115'808);
                QCOMPARE(node[QStringLiteral("totalNsB")].toInteger(), 5'433'512'169);
                QCOMPARE(status, QStringLiteral("changed"));
            }
        }
        QCOMPARE(json[QStringLiteral("added")].toInt(), added);
        QCOMPARE(json[QStringLiteral("removed")].toInt(), removed);
        QCOMPARE(json[QStringLiteral("changed")].toInt(), changed);
        // The slow checkout reached orders and payments; the fast one stopped at the gateway.
        QVERIFY(added > 0);
        QCOMPARE(removed, 0);
    }
};

QTEST_GUILESS_MAIN(TestCompareCommand)
#include "tst_comparecommand.moc"
