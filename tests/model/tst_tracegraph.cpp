#include "fixtures.h"
#include "tracegraph.h"
#include "traceset.h"

#include <QTest>

using namespace Spanwise;
using Test::buildTraceSet;

// A trace as a graph of operations (the Trace graph tab). The fixture's figures are in its
// comments; the critical path is worked out by hand below.
class TestTraceGraph : public QObject
{
    Q_OBJECT

    // web GET 0..100 calls cart load twice (10..30, 40..90), each querying db (12..20, 50..85),
    // then db directly (92..95); cache get (41..45) runs beside the second cart call.
    std::shared_ptr<const TraceSet> m_set = buildTraceSet({
        {1, {}, "web", "GET", 0, 100},
        {2, 1, "cart", "load", 10, 20},
        {3, 2, "db", "query", 12, 8},
        {4, 1, "cart", "load", 40, 50},
        {5, 4, "db", "query", 50, 35},
        {6, 1, "db", "query", 92, 3},
        {7, 1, "cache", "get", 41, 4},
    });

    std::uint32_t node(const TraceGraph& g, const char* name) const
    {
        const auto found = g.graph.findNode(name);
        return found ? *found : UINT32_MAX;
    }

    const DependencyEdge* edge(const TraceGraph& g, const char* from, const char* to) const
    {
        for (const DependencyEdge& e : g.graph.edges)
            if (e.from == node(g, from) && e.to == node(g, to))
                return &e;
        return nullptr;
    }

private slots:
    void operationsBecomeNodesAndCallsEdges()
    {
        const TraceGraph g = traceGraphOf(*m_set, TraceIndex {0});
        QCOMPARE(g.graph.nodes.size(), 4u);
        QCOMPARE(g.graph.edges.size(), 4u);
        QCOMPARE(g.graph.nodes[node(g, "db: query")].spans, 3u);
        // Siblings on one pair merge into a count.
        QVERIFY(edge(g, "web: GET", "cart: load"));
        QCOMPARE(edge(g, "web: GET", "cart: load")->calls, 2u);
        QCOMPARE(edge(g, "cart: load", "db: query")->calls, 2u);
        // db is called from two places: one node, two callers (a DAG, not a tree).
        QCOMPARE(edge(g, "web: GET", "db: query")->calls, 1u);
        QCOMPARE(edge(g, "web: GET", "cache: get")->calls, 1u);
        // The node opens at its earliest span: the query at 12.
        QCOMPARE(m_set->span(g.firstSpan[node(g, "db: query")]).startNs, 12);
        // p95 of db's three durations (3, 8, 35 by nearest rank): 35.
        QCOMPARE(g.graph.nodes[node(g, "db: query")].serverP95Ns, 35);
    }

    // Walking back from web's end at 100: db 92..95, then cart 40..90 and inside it db 50..85,
    // then cart 10..30 and its db 12..20. cache 41..45 ends before cart's 90: never waited for.
    void theCriticalPathIsMarked()
    {
        const TraceGraph g = traceGraphOf(*m_set, TraceIndex {0});
        QVERIFY(g.criticalNodes[node(g, "web: GET")]);
        QVERIFY(g.criticalNodes[node(g, "cart: load")]);
        QVERIFY(g.criticalNodes[node(g, "db: query")]);
        QVERIFY(!g.criticalNodes[node(g, "cache: get")]);
        const auto critical = [&](const char* from, const char* to) {
            return g.criticalEdges[static_cast<std::size_t>(edge(g, from, to) - g.graph.edges.data())];
        };
        QVERIFY(critical("web: GET", "cart: load"));
        QVERIFY(critical("cart: load", "db: query"));
        QVERIFY(critical("web: GET", "db: query"));
        QVERIFY(!critical("web: GET", "cache: get"));
    }
};

QTEST_GUILESS_MAIN(TestTraceGraph)
#include "tst_tracegraph.moc"
