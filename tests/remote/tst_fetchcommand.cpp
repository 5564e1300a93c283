// `spanwise fetch` as a script runs it, against a local server replaying real backend answers:
// the file it writes is the backend's answer and loads back; failures exit 1 with the server's
// message; usage errors exit 2.
#include "corpus.h"
#include "processes.h"
#include "replayserver.h"
#include "traceloader.h"
#include "traceset.h"

#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using namespace Spanwise;
using namespace Spanwise::Test;

namespace {

ProcessRun fetch(const QStringList& arguments, const QStringList& environment = {})
{
    return runProgram(
        QStringLiteral(SPANWISE_EXECUTABLE), QStringList {QStringLiteral("fetch")} + arguments, environment);
}

LoadResult loadFile(const QString& path)
{
    const std::string file = path.toStdString();
    return loadTraceFiles(std::span(&file, 1));
}

QByteArray readAll(const QString& path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

} // namespace

class TestFetchCommand : public QObject
{
    Q_OBJECT

private slots:
    void jaegerTraceWrittenAsAnswered()
    {
        ReplayServer server;
        const QByteArray trace = corpusAnswer(QStringLiteral("public/jaeger/stalk-publish-cv5.json"));
        server.answer("/api/traces/c509f4e535aef38a", {200, trace});
        QTemporaryDir dir;
        const QString out = dir.filePath(QStringLiteral("trace.json"));
        const ProcessRun run = fetch({QStringLiteral("jaeger"), server.url(), QStringLiteral("--trace"),
                                         QStringLiteral("c509f4e535aef38a"), QStringLiteral("-o"), out},
            {QStringLiteral("SPANWISE_TOKEN=from-env")});
        QVERIFY2(run.exitCode == 0, run.err.constData());
        QCOMPARE(readAll(out), trace);
        QVERIFY2(run.err.contains("jaeger-json, 1 traces, 40 spans"), run.err.constData());
        QCOMPARE(server.requests().constFirst().header("authorization"), QByteArray("Bearer from-env"));
    }

    void tempoSearchIntoOneFile()
    {
        ReplayServer server;
        server.answer("/api/search", {200, remoteAnswer(QStringLiteral("tempo-search.json"))});
        server.answer("/api/traces/5b8efff798038103d269b633813fc60c",
            {200, corpusAnswer(QStringLiteral("public/otlp-json/tempo-batches-trace.json"))});
        QTemporaryDir dir;
        const QString out = dir.filePath(QStringLiteral("found.json"));
        const ProcessRun run = fetch({QStringLiteral("tempo"), server.url() + QStringLiteral("/"),
            QStringLiteral("--service"), QStringLiteral("my.service"), QStringLiteral("--lookback"),
            QStringLiteral("30m"), QStringLiteral("--limit"), QStringLiteral("10"), QStringLiteral("--header"),
            QStringLiteral("X-Scope-OrgID: team-a"), QStringLiteral("-o"), out});
        QVERIFY2(run.exitCode == 0, run.err.constData());
        const LoadResult loaded = loadFile(out);
        QCOMPARE(loaded.reports.front().format, std::string("otlp-json"));
        QCOMPARE(loaded.traces->spans().size(), std::size_t(1));
        QCOMPARE(server.requests().constFirst().header("x-scope-orgid"), QByteArray("team-a"));
        QVERIFY(server.requests().constFirst().target.contains("limit=10"));
    }

    void zipkinSearch()
    {
        ReplayServer server;
        server.answer(
            "/api/v2/traces", {200, corpusAnswer(QStringLiteral("public/zipkin-v2/stalk-array-of-traces.json"))});
        QTemporaryDir dir;
        const QString out = dir.filePath(QStringLiteral("found.json"));
        const ProcessRun run =
            fetch({QStringLiteral("zipkin"), server.url(), QStringLiteral("--service"), QStringLiteral("frontend"),
                QStringLiteral("--min-duration"), QStringLiteral("5ms"), QStringLiteral("-o"), out});
        QVERIFY2(run.exitCode == 0, run.err.constData());
        QCOMPARE(loadFile(out).traces->spans().size(), std::size_t(8));
        QVERIFY(server.requests().constFirst().target.contains("minDuration=5000"));
    }

    void serverErrorExitsOneWithItsMessage()
    {
        ReplayServer server;
        server.answer("/api/traces", {500, remoteAnswer(QStringLiteral("jaeger-error-500.json"))});
        QTemporaryDir dir;
        const QString out = dir.filePath(QStringLiteral("none.json"));
        const ProcessRun run = fetch({QStringLiteral("jaeger"), server.url(), QStringLiteral("--service"),
            QStringLiteral("app2"), QStringLiteral("-o"), out});
        QCOMPARE(run.exitCode, 1);
        QVERIFY2(run.err.contains("HTTP 500 from http://127.0.0.1:"), run.err.constData());
        QVERIFY(run.err.contains("elasticsearch: context deadline exceeded"));
        QVERIFY(!QFile::exists(out)); // nothing half-written
    }

    void notFoundAndUnreadableAnswers()
    {
        ReplayServer server;
        server.answer("/api/v2/trace/0000000000000001", {200, "<html>a login page</html>", 0, "text/html"});
        QTemporaryDir dir;
        const QString out = dir.filePath(QStringLiteral("x.json"));
        const ProcessRun missing = fetch({QStringLiteral("zipkin"), server.url(), QStringLiteral("--trace"),
            QStringLiteral("00000000000000000000000000000002"), QStringLiteral("-o"), out});
        QCOMPARE(missing.exitCode, 1);
        QVERIFY2(missing.err.contains("HTTP 404"), missing.err.constData());
        const ProcessRun html = fetch({QStringLiteral("zipkin"), server.url(), QStringLiteral("--trace"),
            QStringLiteral("0000000000000001"), QStringLiteral("-o"), out});
        QCOMPARE(html.exitCode, 1);
        QVERIFY2(html.err.contains("no trace Spanwise can read"), html.err.constData());
    }

    void usageErrors_data()
    {
        QTest::addColumn<QStringList>("arguments");
        const QString url = QStringLiteral("http://127.0.0.1:9");
        QTest::newRow("no backend") << QStringList {};
        QTest::newRow("unknown backend") << QStringList {QStringLiteral("honeycomb"), url, QStringLiteral("--trace"),
            QStringLiteral("0000000000000001"), QStringLiteral("-o"), QStringLiteral("x")};
        QTest::newRow("no -o") << QStringList {
            QStringLiteral("jaeger"), url, QStringLiteral("--trace"), QStringLiteral("0000000000000001")};
        QTest::newRow("neither trace nor search")
            << QStringList {QStringLiteral("jaeger"), url, QStringLiteral("-o"), QStringLiteral("x")};
        QTest::newRow("not a url") << QStringList {QStringLiteral("jaeger"), QStringLiteral("localhost:16686"),
            QStringLiteral("--trace"), QStringLiteral("0000000000000001"), QStringLiteral("-o"), QStringLiteral("x")};
        QTest::newRow("traceql on jaeger") << QStringList {QStringLiteral("jaeger"), url, QStringLiteral("--traceql"),
            QStringLiteral("{}"), QStringLiteral("-o"), QStringLiteral("x")};
        QTest::newRow("bad lookback") << QStringList {QStringLiteral("jaeger"), url, QStringLiteral("--service"),
            QStringLiteral("a"), QStringLiteral("--lookback"), QStringLiteral("60"), QStringLiteral("-o"),
            QStringLiteral("x")};
        QTest::newRow("bad header") << QStringList {QStringLiteral("tempo"), url, QStringLiteral("--service"),
            QStringLiteral("a"), QStringLiteral("--header"), QStringLiteral("novalue"), QStringLiteral("-o"),
            QStringLiteral("x")};
    }

    void usageErrors()
    {
        QFETCH(QStringList, arguments);
        const ProcessRun run = fetch(arguments);
        QCOMPARE(run.exitCode, 2);
        QVERIFY(run.err.startsWith("spanwise fetch: "));
    }
};

QTEST_GUILESS_MAIN(TestFetchCommand)
#include "tst_fetchcommand.moc"
