#include "corpus.h"
#include "dependencygraph.h"
#include "fixtures.h"
#include "loadchecks.h"
#include "traceloader.h"

#include <QTest>

using namespace Spanwise;
using Test::SpanSpec;

namespace {

// Edges as "from>to calls/errors", virtual ones marked "*", messaging ones with "via".
QStringList edges(const DependencyGraph& graph)
{
    QStringList out;
    for (const DependencyEdge& e : graph.edges) {
        QString line = QString::fromStdString(graph.nodes[e.from].name + '>' + graph.nodes[e.to].name) +
            QStringLiteral(" %1/%2").arg(e.calls).arg(e.errors);
        if (e.isVirtual)
            line += QLatin1Char('*');
        if (!e.via.empty())
            line += QStringLiteral(" via ") + QString::fromStdString(e.via);
        out << line;
    }
    return out;
}

constexpr auto Client = SpanKind::Client;
constexpr auto Server = SpanKind::Server;
constexpr auto Producer = SpanKind::Producer;
constexpr auto Consumer = SpanKind::Consumer;

} // namespace

class TestDependencyGraph : public QObject
{
    Q_OBJECT

private slots:
    void edges_data()
    {
        QTest::addColumn<std::shared_ptr<const TraceSet>>("set");
        QTest::addColumn<bool>("foldMesh");
        QTest::addColumn<QStringList>("expected");
        QTest::newRow("parent and child across services")
            << Test::buildTraceSet({{1, {}, "web", "get", 0, 100, false, 1, Server},
                   {2, 1, "web", "call api", 10, 50, false, 1, Client},
                   {3, 2, "api", "serve", 15, 40, true, 1, Server}})
            << false << QStringList {"web>api 1/1"};
        QTest::newRow("Zipkin shared span: server half under its client half")
            << Test::buildTraceSet(
                   {{1, {}, "a", "get", 0, 100, false, 1, Server}, {2, 1, "a", "post", 10, 50, false, 1, Client},
                       {2, 1, "b", "post", 12, 45, false, 1, Server, {}, SpanSharedServerHalf},
                       {3, 2, "b", "async", 20, 5}})
            << false << QStringList {"a>b 1/0"};
        QTest::newRow("producer and consumer, with the destination")
            << Test::buildTraceSet({{1, {}, "orders", "place", 0, 100, false, 1, Server},
                   {2, 1, "orders", "orders publish", 10, 5, false, 1, Producer,
                       {{"messaging.system", "kafka"}, {"messaging.destination.name", "orders"}}},
                   {3, 2, "mailer", "orders process", 50, 20, false, 1, Consumer}})
            << false << QStringList {"orders>mailer 1/0 via kafka orders"};
        QTest::newRow("virtual database peer") << Test::buildTraceSet({{1, {}, "shop", "get", 0, 100, false, 1, Server},
                                                      {2, 1, "shop", "SELECT", 10, 5, false, 1, Client,
                                                          {{"db.system", "postgresql"}, {"db.name", "shop"}}},
                                                      {3, 1, "shop", "SELECT", 20, 5, true, 1, Client,
                                                          {{"db.system", "postgresql"}, {"db.name", "shop"}}}})
                                               << false << QStringList {"shop>postgresql shop 2/1*"};
        QTest::newRow("virtual queue peer: a producer nobody consumed")
            << Test::buildTraceSet({{1, {}, "shop", "get", 0, 100, false, 1, Server},
                   {2, 1, "shop", "publish", 10, 5, false, 1, Producer,
                       {{"messaging.system", "rabbitmq"}, {"messaging.destination", "jobs"}}}})
            << false << QStringList {"shop>rabbitmq jobs 1/0*"};
        QTest::newRow("peer.service wins; a client span with a child elsewhere is no virtual call")
            << Test::buildTraceSet({{1, {}, "web", "get", 0, 100, false, 1, Server},
                   {2, 1, "web", "call", 10, 50, false, 1, Client, {{"peer.service", "api"}, {"db.system", "x"}}},
                   {3, 2, "api", "serve", 15, 40, false, 1, Server},
                   {4, 1, "web", "call", 60, 10, false, 1, Client, {{"peer.service", "billing"}}}})
            << false << QStringList {"web>api 1/0", "web>billing 1/0*"};
        QTest::newRow("a client span naming its own service makes no call")
            << Test::buildTraceSet({{1, {}, "mysql", "query", 0, 10, false, 1, Client, {{"peer.service", "mysql"}}}})
            << false << QStringList {};
        const auto mesh = Test::buildTraceSet({{1, {}, "gateway", "get", 0, 100, false, 1, Server},
            {2, 1, "gateway-sidecar", "egress", 5, 80, false, 1, Client, {{"component", "proxy"}}},
            {3, 2, "api-sidecar", "ingress", 10, 70, false, 1, Server, {{"upstream_cluster", "api"}}},
            {4, 3, "api", "serve", 12, 60, false, 1, Server}});
        QTest::newRow("mesh proxies as nodes")
            << mesh << false
            << QStringList {"api-sidecar>api 1/0", "gateway>gateway-sidecar 1/0", "gateway-sidecar>api-sidecar 1/0"};
        QTest::newRow("mesh proxies folded") << mesh << true << QStringList {"gateway>api 1/0"};
        // Envoy answered 503 before the application saw the request: the inbound sidecar has no
        // child. Folded, it is api's (its upstream_cluster names api) and the call failed.
        const auto inbound503 = Test::buildTraceSet({{1, {}, "gateway", "get", 0, 100, false, 1, Server},
            {2, 1, "gateway-sidecar", "egress", 5, 80, false, 1, Client, {{"component", "proxy"}}},
            {3, 2, "api-sidecar", "ingress", 10, 2, true, 1, Server, {{"upstream_cluster", "api"}}},
            {1, {}, "api", "serve", 0, 60, false, 2, Server}});
        QTest::newRow("inbound sidecar 503, folded") << inbound503 << true << QStringList {"gateway>api 1/1"};
        // The outbound sidecar failed with no upstream span at all: the caller's failed call to
        // the peer the sidecar names.
        const auto outbound503 = Test::buildTraceSet({{1, {}, "gateway", "get", 0, 100, true, 1, Server},
            {2, 1, "gateway-sidecar", "egress", 5, 3, true, 1, Client,
                {{"component", "proxy"}, {"upstream_cluster", "payments"}}}});
        QTest::newRow("outbound sidecar 503, folded") << outbound503 << true << QStringList {"gateway>payments 1/1*"};
        QTest::newRow("outbound sidecar 503, not folded")
            << outbound503 << false << QStringList {"gateway>gateway-sidecar 1/1"};
    }
    void edges()
    {
        QFETCH(std::shared_ptr<const TraceSet>, set);
        QFETCH(bool, foldMesh);
        QFETCH(QStringList, expected);
        DependencyOptions options;
        options.foldMeshProxies = foldMesh;
        QCOMPARE(::edges(computeDependencyGraph(*set, options)), expected);
    }

    void figures()
    {
        const auto set = Test::buildTraceSet(
            {{1, {}, "web", "get", 0, 100, false, 1, Server}, {2, 1, "web", "call", 10, 50, false, 1, Client},
                {3, 2, "api", "serve", 15, 40, true, 1, Server}, {1, {}, "web", "get", 0, 100, false, 2, Server},
                {2, 1, "web", "call", 10, 30, false, 2, Client}, {3, 2, "api", "serve", 15, 20, false, 2, Server}});
        const DependencyGraph graph = computeDependencyGraph(*set);
        QCOMPARE(graph.edges.size(), std::size_t(1));
        const DependencyEdge& e = graph.edges[0];
        QCOMPARE(e.calls, std::uint64_t(2));
        QCOMPARE(e.errors, std::uint64_t(1));
        QCOMPARE(e.errorRate(), 0.5);
        // The caller's client spans measure the calls: 30 and 50.
        QCOMPARE(e.p50Ns, std::int64_t(30));
        QCOMPARE(e.p99Ns, std::int64_t(50));
        QCOMPARE(e.shareOfCalls, 1.0);
        QCOMPARE(e.callSpans.size(), std::size_t(2));
        const DependencyNode& api = graph.nodes[*graph.findNode("api")];
        QCOMPARE(api.spans, std::uint64_t(2));
        QCOMPARE(api.entryCalls, std::uint64_t(2));
        QCOMPARE(api.errors, std::uint64_t(1));
        QCOMPARE(api.serverP95Ns, std::int64_t(40));
        QCOMPARE(graph.nodes[*graph.findNode("web")].entryCalls, std::uint64_t(2)); // trace roots
    }

    // Folded sidecars count as the service they front: in its spans and errors, never dropped.
    void foldedMeshNodeFigures()
    {
        const auto set = Test::buildTraceSet({{1, {}, "gateway", "get", 0, 100, false, 1, Server},
            {2, 1, "gateway-sidecar", "egress", 5, 80, false, 1, Client, {{"component", "proxy"}}},
            {3, 2, "api-sidecar", "ingress", 10, 70, true, 1, Server, {{"istio.mesh_id", "m"}}},
            {4, 3, "api", "serve", 12, 60, true, 1, Server},
            // A second request Envoy refused: no api span under the inbound sidecar.
            {1, {}, "gateway", "get", 0, 100, false, 2, Server},
            {2, 1, "gateway-sidecar", "egress", 5, 8, false, 2, Client, {{"component", "proxy"}}},
            {3, 2, "api-sidecar", "ingress", 6, 4, true, 2, Server, {{"upstream_cluster", "api"}}}});
        DependencyOptions options;
        options.foldMeshProxies = true;
        const DependencyGraph graph = computeDependencyGraph(*set, options);
        QStringList names;
        for (const DependencyNode& node : graph.nodes)
            names << QString::fromStdString(node.name);
        QCOMPARE(names, (QStringList {"api", "gateway"}));
        const DependencyNode& api = graph.nodes[*graph.findNode("api")];
        // api's spans: serve, and both inbound sidecars; errors: all three failed.
        QCOMPARE(api.spans, std::uint64_t(3));
        QCOMPARE(api.errors, std::uint64_t(3));
        QCOMPARE(api.entryCalls, std::uint64_t(2));
        // Its latency: the application's own 60 ns where it ran, the refusing sidecar's 4 ns where not.
        QCOMPARE(api.serverP95Ns, std::int64_t(60));
        const DependencyNode& gateway = graph.nodes[*graph.findNode("gateway")];
        QCOMPARE(gateway.spans, std::uint64_t(4)); // two roots and their outbound sidecars
        QCOMPARE(gateway.errors, std::uint64_t(0));
        QCOMPARE(gateway.entryCalls, std::uint64_t(2));
        QCOMPARE(graph.edges.size(), std::size_t(1));
        const DependencyEdge& call = graph.edges[0];
        QCOMPARE(call.calls, std::uint64_t(2));
        QCOMPARE(call.errors, std::uint64_t(2));
        // Each call measured by the outbound sidecar, the caller side: 80 and 8.
        QCOMPARE(call.p50Ns, std::int64_t(8));
        QCOMPARE(call.p99Ns, std::int64_t(80));
    }

    void reachability()
    {
        // a→b→c→d, x→c, c→e; b and x are independent callers of c.
        const auto set = Test::buildTraceSet(
            {{1, {}, "a", "o", 0, 100}, {2, 1, "b", "o", 1, 90}, {3, 2, "c", "o", 2, 80}, {4, 3, "d", "o", 3, 10},
                {5, 3, "e", "o", 4, 10}, {1, {}, "x", "o", 0, 50, false, 2}, {2, 1, "c", "o", 1, 40, false, 2}});
        const DependencyGraph graph = computeDependencyGraph(*set);
        const std::uint32_t c = *graph.findNode("c");
        QCOMPARE(Test::sortedNodeNames(graph, graph.upstream(c)), (QStringList {"a", "b", "x"}));
        QCOMPARE(Test::sortedNodeNames(graph, graph.downstream(c)), (QStringList {"d", "e"}));
        QCOMPARE(Test::sortedNodeNames(graph, graph.neighbourhood(c, 1)), (QStringList {"b", "c", "d", "e", "x"}));
        QCOMPARE(
            Test::sortedNodeNames(graph, graph.neighbourhood(*graph.findNode("a"), 2)), (QStringList {"a", "b", "c"}));
        const DependencyGraph focus = graph.subgraph(graph.neighbourhood(c, 1));
        QCOMPARE(::edges(focus), (QStringList {"b>c 1/0", "c>d 1/0", "c>e 1/0", "x>c 1/0"}));
    }

    // The same spans through five exporters give the same instrumented edges.
    void sdkEdgesInEveryFormat_data()
    {
        QTest::addColumn<QString>("file");
        for (const char* file : {"sdk/traces.otlp.json", "sdk/traces.otlp.jsonl", "sdk/traces.otlp.pb",
                 "sdk/traces.otlp-lenprefixed.bin", "sdk/traces.zipkin.json"})
            QTest::newRow(file) << QString::fromLatin1(file);
    }
    void sdkEdgesInEveryFormat()
    {
        QFETCH(QString, file);
        const std::string path = Test::corpusFile(file);
        const LoadResult result = loadTraceFiles(std::span<const std::string>(&path, 1));
        SPANWISE_VERIFY_LOADED(result);
        DependencyOptions options;
        options.includeVirtual = false;
        const DependencyGraph graph = computeDependencyGraph(*result.traces, options);
        QCOMPARE(::edges(graph),
            (QStringList {"api-gateway>auth-service 121/0", "api-gateway>catalog-service 169/0",
                "api-gateway>orders-service 96/5", "orders-service>inventory-service 72/5",
                "orders-service>notification-worker 62/1 via kafka orders.created",
                "orders-service>payments-service 67/5", "web-frontend>api-gateway 290/5"}));
        std::uint64_t calls = 0;
        for (const DependencyEdge& e : graph.edges)
            calls += e.calls;
        QCOMPARE(calls, std::uint64_t(877));
    }
};

QTEST_GUILESS_MAIN(TestDependencyGraph)
#include "tst_dependencygraph.moc"
