// `spanwise receive` as a script runs it: the first line names the port, SIGTERM and SIGINT
// flush the file and exit 0, --idle-exit ends a quiet receiver, a taken port or wrong
// arguments exit 2.
#include "processes.h"
#include "receiverharness.h"
#include "traceloader.h"
#include "traceset.h"

#include <QProcess>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QTest>

#include <csignal>

using namespace Spanwise;
using namespace Spanwise::Test;

namespace {

const QByteArray oneSpan =
    R"({"resourceSpans":[{"resource":{"attributes":[{"key":"service.name","value":{"stringValue":"cart"}}]},"scopeSpans":[{"spans":[{"traceId":"0102030405060708090a0b0c0d0e0f10","spanId":"0102030405060708","name":"GET /cart","startTimeUnixNano":"1000","endTimeUnixNano":"2000"}]}]}]})";

// Starts a receiver on a free port; its port, or 0.
quint16 startReceive(QProcess& process, const QString& output, const QStringList& more = {})
{
    process.start(QStringLiteral(SPANWISE_EXECUTABLE),
        QStringList {
            QStringLiteral("receive"), QStringLiteral("--listen"), QStringLiteral(":0"), QStringLiteral("-o"), output} +
            more);
    if (!process.waitForReadyRead(10'000))
        return 0;
    const QByteArray first = process.readLine().trimmed();
    if (!first.startsWith("listening on 127.0.0.1:"))
        return 0;
    return first.mid(first.lastIndexOf(':') + 1).toUShort();
}

std::size_t spansIn(const QString& path)
{
    const std::string file = path.toStdString();
    return loadTraceFiles(std::span(&file, 1)).traces->spans().size();
}

} // namespace

class TestReceiveCommand : public QObject
{
    Q_OBJECT

private slots:
    void stopSignalsFlushAndExitZero_data()
    {
        QTest::addColumn<int>("signal");
        QTest::newRow("SIGTERM") << int(SIGTERM);
        QTest::newRow("SIGINT") << int(SIGINT);
    }

    void stopSignalsFlushAndExitZero()
    {
        QFETCH(int, signal);
        QTemporaryDir dir;
        const QString output = dir.filePath(QStringLiteral("out.jsonl"));
        QProcess receive;
        const quint16 port = startReceive(receive, output);
        QVERIFY(port != 0);
        QCOMPARE(exchange(port, exportRequest("application/json", oneSpan)).status, 200);
        QCOMPARE(exchange(port, exportRequest("application/json", oneSpan)).status, 200);
        ::kill(pid_t(receive.processId()), signal);
        QVERIFY(receive.waitForFinished(10'000));
        QCOMPARE(receive.exitStatus(), QProcess::NormalExit);
        QCOMPARE(receive.exitCode(), 0);
        QVERIFY(receive.readAllStandardError().contains("2 spans in 2 requests written to"));
        QCOMPARE(spansIn(output), std::size_t(2));
    }

    void idleExit()
    {
        QTemporaryDir dir;
        QProcess receive;
        QVERIFY(startReceive(receive, dir.filePath(QStringLiteral("idle.jsonl")),
                    {QStringLiteral("--idle-exit"), QStringLiteral("0.5")}) != 0);
        QVERIFY(receive.waitForFinished(10'000));
        QCOMPARE(receive.exitCode(), 0);
        QVERIFY(receive.readAllStandardError().contains("0 spans in 0 requests"));
    }

    void takenPortExitsTwo()
    {
        QTcpServer taken;
        QVERIFY(taken.listen(QHostAddress::LocalHost, 0));
        QTemporaryDir dir;
        const ProcessRun run = runProgram(QStringLiteral(SPANWISE_EXECUTABLE),
            {QStringLiteral("receive"), QStringLiteral("--listen"), QString::number(taken.serverPort()),
                QStringLiteral("-o"), dir.filePath(QStringLiteral("x.jsonl"))});
        QCOMPARE(run.exitCode, 2);
        const QByteArray expected = "cannot listen on 127.0.0.1:" + QByteArray::number(taken.serverPort());
        QVERIFY2(run.err.contains(expected), run.err.constData());
    }

    void usageErrors_data()
    {
        QTest::addColumn<QStringList>("arguments");
        QTest::newRow("no -o") << QStringList {QStringLiteral("--listen"), QStringLiteral(":0")};
        QTest::newRow("bad address") << QStringList {
            QStringLiteral("--listen"), QStringLiteral("nowhere:80"), QStringLiteral("-o"), QStringLiteral("x")};
        QTest::newRow("bad port") << QStringList {
            QStringLiteral("--listen"), QStringLiteral("70000"), QStringLiteral("-o"), QStringLiteral("x")};
        QTest::newRow("zero spans") << QStringList {
            QStringLiteral("-o"), QStringLiteral("x"), QStringLiteral("--max-spans"), QStringLiteral("0")};
        QTest::newRow("files") << QStringList {QStringLiteral("-o"), QStringLiteral("x"), QStringLiteral("trace.json")};
    }

    void usageErrors()
    {
        QFETCH(QStringList, arguments);
        const ProcessRun run =
            runProgram(QStringLiteral(SPANWISE_EXECUTABLE), QStringList {QStringLiteral("receive")} + arguments);
        QCOMPARE(run.exitCode, 2);
        QVERIFY(run.err.startsWith("spanwise receive: "));
    }
};

QTEST_GUILESS_MAIN(TestReceiveCommand)
#include "tst_receivecommand.moc"
