// The backend clients against a local server replaying real Jaeger, Tempo and Zipkin answers:
// the URLs and headers each API gets, the documents and names that come back, and the errors
// (404, 500 with the server's message, a silent server, cancel) in one sentence.
#include "backendrequest.h"
#include "corpus.h"
#include "replayserver.h"
#include "traceloader.h"
#include "traceset.h"

#include <QNetworkAccessManager>
#include <QSignalSpy>
#include <QTest>
#include <QTimer>
#include <QUrlQuery>

using namespace Spanwise;
using namespace Spanwise::Test;

namespace {

BackendConnection connectionTo(const ReplayServer& server, Backend backend)
{
    BackendConnection connection;
    connection.backend = backend;
    connection.base = QUrl(server.url());
    connection.timeoutMs = 5000;
    return connection;
}

// Runs one request to its end and hands back what it brought.
template <typename Start> BackendResult run(const BackendConnection& connection, Start start)
{
    QNetworkAccessManager network;
    BackendRequest request(connection, &network);
    QSignalSpy finished(&request, &BackendRequest::finished);
    start(request);
    if (!finished.wait(15'000))
        return {{}, {}, 0, QStringLiteral("no answer in the test's time"), 0, false};
    return finished.first().first().value<BackendResult>();
}

std::size_t spansIn(const QByteArray& document)
{
    std::vector<NamedBuffer> buffers;
    buffers.push_back({"answer", PaddedBuffer(std::string_view(document.constData(), std::size_t(document.size())))});
    return loadTraceBuffers(buffers).traces->spans().size();
}

} // namespace

class TestBackendRequest : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase() { qRegisterMetaType<Spanwise::BackendResult>(); }

    void jaegerServicesAndOperations()
    {
        ReplayServer server;
        server.answer("/api/services", {200, remoteAnswer(QStringLiteral("jaeger-services.json"))});
        server.answer("/api/services/app2/operations", {200, remoteAnswer(QStringLiteral("jaeger-operations.json"))});
        const auto connection = connectionTo(server, Backend::Jaeger);
        const BackendResult services = run(connection, [](BackendRequest& r) { r.listServices(); });
        QVERIFY2(services.error.isEmpty(), qPrintable(services.error));
        QCOMPARE(services.names,
            QStringList({QStringLiteral("app2"), QStringLiteral("socket2-worker"), QStringLiteral("webapi-worker")}));
        const BackendResult operations =
            run(connection, [](BackendRequest& r) { r.listOperations(QStringLiteral("app2")); });
        QCOMPARE(operations.names.size(), 3);
    }

    void jaegerTraceByIdWithToken()
    {
        ReplayServer server;
        const QByteArray trace = corpusAnswer(QStringLiteral("public/jaeger/stalk-publish-cv5.json"));
        server.answer("/api/traces/c509f4e535aef38a", {200, trace});
        auto connection = connectionTo(server, Backend::Jaeger);
        connection.token = QStringLiteral("secret-token");
        connection.headers.append(qMakePair(QByteArray("X-Team"), QByteArray("checkout")));
        const BackendResult result =
            run(connection, [](BackendRequest& r) { r.fetchTrace(QStringLiteral("C509F4E535AEF38A")); });
        QVERIFY2(result.error.isEmpty(), qPrintable(result.error));
        QCOMPARE(result.document, trace);
        QCOMPARE(spansIn(result.document), std::size_t(40)); // MANIFEST.md
        const ReplayedRequest asked = server.requests().constFirst();
        QCOMPARE(asked.header("authorization"), QByteArray("Bearer secret-token"));
        QCOMPARE(asked.header("x-team"), QByteArray("checkout"));
    }

    void jaegerSearchParameters()
    {
        ReplayServer server;
        server.answer("/api/traces", {200, corpusAnswer(QStringLiteral("public/jaeger/stalk-search-410a8604.json"))});
        TraceSearch search;
        search.service = QStringLiteral("app2");
        search.operation = QStringLiteral("publish");
        search.tags = {{QStringLiteral("http.status_code"), QStringLiteral("500")}};
        search.minDurationNs = 250'000'000;
        search.lookbackSeconds = 7200;
        search.limit = 5;
        const BackendResult result =
            run(connectionTo(server, Backend::Jaeger), [&](BackendRequest& r) { r.search(search); });
        QVERIFY2(result.error.isEmpty(), qPrintable(result.error));
        QCOMPARE(spansIn(result.document), std::size_t(8));
        const QUrlQuery query(QUrl(QString::fromLatin1(server.requests().constFirst().target)));
        QCOMPARE(query.queryItemValue(QStringLiteral("service")), QStringLiteral("app2"));
        QCOMPARE(query.queryItemValue(QStringLiteral("operation")), QStringLiteral("publish"));
        QCOMPARE(query.queryItemValue(QStringLiteral("tags"), QUrl::FullyDecoded),
            QStringLiteral(R"({"http.status_code":"500"})"));
        QCOMPARE(query.queryItemValue(QStringLiteral("minDuration")), QStringLiteral("250000us"));
        QCOMPARE(query.queryItemValue(QStringLiteral("limit")), QStringLiteral("5"));
        const qint64 start = query.queryItemValue(QStringLiteral("start")).toLongLong();
        const qint64 end = query.queryItemValue(QStringLiteral("end")).toLongLong();
        QCOMPARE(end - start, qint64(7200) * 1'000'000); // microseconds
    }

    void tempoSearchFetchesEachTrace()
    {
        ReplayServer server;
        server.answer("/api/search", {200, remoteAnswer(QStringLiteral("tempo-search.json"))});
        server.answer("/api/traces/5b8efff798038103d269b633813fc60c",
            {200, corpusAnswer(QStringLiteral("public/otlp-json/tempo-batches-trace.json"))});
        auto connection = connectionTo(server, Backend::Tempo);
        connection.headers.append(qMakePair(QByteArray("X-Scope-OrgID"), QByteArray("team-a")));
        TraceSearch search;
        search.service = QStringLiteral("my.service");
        const BackendResult result = run(connection, [&](BackendRequest& r) { r.search(search); });
        QVERIFY2(result.error.isEmpty(), qPrintable(result.error));
        QCOMPARE(result.traces, 1);
        QCOMPARE(spansIn(result.document), std::size_t(1));
        const auto requests = server.requests();
        QCOMPARE(requests.size(), 2);
        QVERIFY(requests[0].target.startsWith("/api/search?"));
        QCOMPARE(QUrlQuery(QUrl(QString::fromLatin1(requests[0].target)))
                     .queryItemValue(QStringLiteral("tags"), QUrl::FullyDecoded),
            QStringLiteral("service.name=my.service"));
        for (const ReplayedRequest& r : requests) {
            QCOMPARE(r.header("x-scope-orgid"), QByteArray("team-a"));
            QCOMPARE(r.header("accept"), QByteArray("application/json"));
        }
    }

    void tempoServiceNames()
    {
        ReplayServer server;
        server.answer(
            "/api/search/tag/service.name/values", {200, remoteAnswer(QStringLiteral("tempo-service-values.json"))});
        const BackendResult result =
            run(connectionTo(server, Backend::Tempo), [](BackendRequest& r) { r.listServices(); });
        QCOMPARE(result.names, QStringList({QStringLiteral("cart"), QStringLiteral("my.service")}));
    }

    void zipkinTraceAndSearch()
    {
        ReplayServer server;
        server.answer("/api/v2/services", {200, remoteAnswer(QStringLiteral("zipkin-services.json"))});
        server.answer("/api/v2/trace/4d1e00c0db9010db86154a4ba6e91385",
            {200, corpusAnswer(QStringLiteral("public/zipkin-v2/contrib-sample3-error.json"))});
        server.answer(
            "/api/v2/traces", {200, corpusAnswer(QStringLiteral("public/zipkin-v2/stalk-array-of-traces.json"))});
        const auto connection = connectionTo(server, Backend::Zipkin);
        QCOMPARE(run(connection, [](BackendRequest& r) { r.listServices(); }).names.size(), 2);
        const BackendResult trace = run(
            connection, [](BackendRequest& r) { r.fetchTrace(QStringLiteral("4d1e00c0db9010db86154a4ba6e91385")); });
        QCOMPARE(spansIn(trace.document), std::size_t(1));
        TraceSearch search;
        search.service = QStringLiteral("frontend");
        search.operation = QStringLiteral("get");
        search.tags = {{QStringLiteral("error"), QStringLiteral("true")}};
        search.lookbackSeconds = 60;
        const BackendResult found = run(connection, [&](BackendRequest& r) { r.search(search); });
        QCOMPARE(spansIn(found.document), std::size_t(8));
        const QUrlQuery query(QUrl(QString::fromLatin1(server.requests().constLast().target)));
        QCOMPARE(query.queryItemValue(QStringLiteral("serviceName")), QStringLiteral("frontend"));
        QCOMPARE(query.queryItemValue(QStringLiteral("spanName")), QStringLiteral("get"));
        QCOMPARE(
            query.queryItemValue(QStringLiteral("annotationQuery"), QUrl::FullyDecoded), QStringLiteral("error=true"));
        QCOMPARE(query.queryItemValue(QStringLiteral("lookback")), QStringLiteral("60000")); // milliseconds
    }

    void notFoundSaysSo()
    {
        ReplayServer server;
        server.answer("/api/traces/00000000000000000000000000000001",
            {404, remoteAnswer(QStringLiteral("jaeger-not-found.json"))});
        const BackendResult result = run(connectionTo(server, Backend::Jaeger),
            [](BackendRequest& r) { r.fetchTrace(QStringLiteral("00000000000000000000000000000001")); });
        QCOMPARE(result.httpStatus, 404);
        QVERIFY2(result.error.startsWith(QStringLiteral("HTTP 404 from http://127.0.0.1:")), qPrintable(result.error));
        QVERIFY(result.error.endsWith(QStringLiteral(": trace not found")));
    }

    void serverErrorCarriesItsMessage()
    {
        ReplayServer server;
        server.answer("/api/traces", {500, remoteAnswer(QStringLiteral("jaeger-error-500.json"))});
        TraceSearch search;
        search.service = QStringLiteral("app2");
        const BackendResult result =
            run(connectionTo(server, Backend::Jaeger), [&](BackendRequest& r) { r.search(search); });
        QCOMPARE(result.error,
            QStringLiteral("HTTP 500 from %1/api/traces?%2: search query: elasticsearch: context deadline exceeded")
                .arg(server.url(), QString::fromLatin1(server.requests().constFirst().target.mid(12))));
    }

    void silentServerTimesOut()
    {
        ReplayServer server;
        server.answer("/api/services", {200, remoteAnswer(QStringLiteral("jaeger-services.json")), 10'000});
        auto connection = connectionTo(server, Backend::Jaeger);
        connection.timeoutMs = 300;
        const BackendResult result = run(connection, [](BackendRequest& r) { r.listServices(); });
        QVERIFY2(result.error.contains(QStringLiteral("did not answer within 0.3 s")), qPrintable(result.error));
        QVERIFY(!result.cancelled);
    }

    void cancelStopsAtOnce()
    {
        ReplayServer server;
        server.answer("/api/services", {200, remoteAnswer(QStringLiteral("jaeger-services.json")), 10'000});
        QNetworkAccessManager network;
        BackendRequest request(connectionTo(server, Backend::Jaeger), &network);
        QSignalSpy finished(&request, &BackendRequest::finished);
        request.listServices();
        QVERIFY(request.isRunning());
        QTimer::singleShot(100, &request, &BackendRequest::cancel);
        QVERIFY(finished.wait(5000)); // well before the server's 10 s
        const auto result = finished.first().first().value<BackendResult>();
        QVERIFY(result.cancelled);
        QVERIFY(!request.isRunning());
    }

    void basicAuthenticationAndBadIds()
    {
        ReplayServer server;
        server.answer("/api/services", {200, remoteAnswer(QStringLiteral("jaeger-services.json"))});
        auto connection = connectionTo(server, Backend::Jaeger);
        connection.user = QStringLiteral("ops");
        connection.password = QStringLiteral("pa:ss");
        QVERIFY(run(connection, [](BackendRequest& r) { r.listServices(); }).error.isEmpty());
        QCOMPARE(server.requests().constFirst().header("authorization"), "Basic " + QByteArray("ops:pa:ss").toBase64());
        const BackendResult bad = run(connection, [](BackendRequest& r) { r.fetchTrace(QStringLiteral("not-an-id")); });
        QVERIFY(bad.error.contains(QStringLiteral("is not a trace id")));
        QCOMPARE(server.requests().size(), 1); // nothing was sent for it
    }
};

QTEST_GUILESS_MAIN(TestBackendRequest)
#include "tst_backendrequest.moc"
