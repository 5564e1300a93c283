#include "calltree.h"
#include "fixtures.h"
#include "flamegraph.h"
#include "spanscope.h"
#include "traceset.h"

#include <QTest>

using namespace Spanwise;
using Test::buildTraceSet;

namespace {

// "service:operation" of a frame's span, to name frames in checks.
QString nameOf(const TraceSet& set, const FlameFrame& frame)
{
    const Span& span = set.span(frame.span);
    return QString::fromStdString(
        std::string(set.serviceName(span.service)) + ':' + std::string(set.text(span.operation)));
}

std::vector<TraceIndex> allTraces(const TraceSet& set)
{
    return tracesInScope(set, {});
}

} // namespace

// Flame-graph geometry on hand-made traces; every expected figure is read off the fixture.
class TestFlameGraph : public QObject
{
    Q_OBJECT

private slots:
    // One trace: frames where the spans ran, children clipped to their parent.
    void aFlameChartPlacesFramesByTime()
    {
        // root 0..100; b 10..40 with d 20..30 and e 45..50 (after b ended); c 50..130 (outlives root).
        const auto set = buildTraceSet({
            {1, {}, "web", "root", 0, 100},
            {2, 1, "web", "b", 10, 30},
            {3, 2, "db", "d", 20, 10},
            {4, 2, "db", "e", 45, 5},
            {5, 1, "pay", "c", 50, 80},
        });
        const FlameGraph graph = flameChartOf(*set, TraceIndex {0});
        QVERIFY(!graph.merged);
        QCOMPARE(graph.startNs, 0);
        QCOMPARE(graph.endNs, 130); // the trace runs until c ends
        QCOMPARE(graph.depthCount, 3u);
        QCOMPARE(graph.frames.size(), 5u);
        struct Expected {
            const char* name;
            std::int64_t start, end;
            std::uint32_t depth;
            bool clipped;
            std::int64_t self;
        };
        const Expected expected[] = {
            {"web:root", 0, 100, 0, false, 100 - 30 - 50}, // b covers 10..40, c 50..100
            {"web:b", 10, 40, 1, false, 30 - 10},          // d covers 20..30; e lies outside b
            {"db:d", 20, 30, 2, false, 10},
            {"db:e", 40, 40, 2, true, 5}, // starts after b ends: no width left, marked
            {"pay:c", 50, 100, 1, true, 80},
        };
        for (std::size_t i = 0; i < std::size(expected); ++i) {
            const FlameFrame& frame = graph.frames[i];
            const Expected& want = expected[i];
            QCOMPARE(nameOf(*set, frame), QString::fromLatin1(want.name));
            QCOMPARE(frame.startNs, want.start);
            QCOMPARE(frame.endNs, want.end);
            QCOMPARE(frame.depth, want.depth);
            QCOMPARE(frame.clipped, want.clipped);
            QCOMPARE(frame.selfNs, want.self);
            QCOMPARE(frame.count, 1u);
        }
        QCOMPARE(graph.frames[1].parent, 0u);
        QCOMPARE(graph.frames[2].parent, 1u);
        QCOMPARE(graph.frames[4].parent, 0u);
        QCOMPARE(graph.frames[4].durationNs, 80); // the span's own duration, unclipped
    }

    // Several traces merged by path: widths are totals, siblings side by side by name.
    void aMergedGraphAddsUpPaths()
    {
        const auto set = buildTraceSet({
            {1, {}, "web", "GET", 0, 100, false, 1},
            {2, 1, "db", "query", 10, 20, false, 1},
            {3, 1, "cache", "get", 40, 10, false, 1},
            {1, {}, "web", "GET", 0, 50, false, 2},
            {2, 1, "db", "query", 5, 30, false, 2},
        });
        const FlameGraph graph = mergedFlameGraph(buildCallTree(*set, allTraces(*set)));
        QVERIFY(graph.merged);
        QCOMPARE(graph.startNs, 0);
        QCOMPARE(graph.endNs, 150); // web:GET 100 + 50
        QCOMPARE(graph.frames.size(), 3u);
        const FlameFrame& web = graph.frames[0];
        QCOMPARE(web.count, 2u);
        QCOMPARE(web.widthNs(), 150);
        QCOMPARE(web.selfNs, (100 - 20 - 10) + (50 - 30));
        // cache sorts before db.
        QCOMPARE(nameOf(*set, graph.frames[1]), QStringLiteral("cache:get"));
        QCOMPARE(graph.frames[1].startNs, 0);
        QCOMPARE(graph.frames[1].endNs, 10);
        QCOMPARE(nameOf(*set, graph.frames[2]), QStringLiteral("db:query"));
        QCOMPARE(graph.frames[2].startNs, 10);
        QCOMPARE(graph.frames[2].endNs, 60); // 20 + 30
        QCOMPARE(graph.frames[2].count, 2u);
        QVERIFY(!web.clipped);
    }

    // Parallel children add up to more than their parent: scaled to fit it, the parent marked.
    void parallelChildrenAreScaledToTheirParent()
    {
        const auto set = buildTraceSet({
            {1, {}, "api", "fan-out", 0, 100},
            {2, 1, "a", "call", 0, 80},
            {3, 1, "b", "call", 0, 80},
            {4, 1, "c", "call", 0, 80},
        });
        const FlameGraph graph = mergedFlameGraph(buildCallTree(*set, allTraces(*set)));
        QCOMPARE(graph.frames.size(), 4u);
        QVERIFY(graph.frames[0].clipped);
        // 240 ns of children in 100: a third each, rounded at the edges.
        QCOMPARE(graph.frames[1].startNs, 0);
        QCOMPARE(graph.frames[1].endNs, 33);
        QCOMPARE(graph.frames[2].startNs, 33);
        QCOMPARE(graph.frames[2].endNs, 67);
        QCOMPARE(graph.frames[3].startNs, 67);
        QCOMPARE(graph.frames[3].endNs, 100);
        QCOMPARE(graph.frames[3].durationNs, 80); // the label keeps the real total
    }

    void deepChainsDoNotRecurse()
    {
        std::vector<Test::SpanSpec> chain;
        for (std::uint64_t i = 1; i <= 50'000; ++i)
            chain.push_back({i, i == 1 ? std::optional<std::uint64_t> {} : i - 1, "s", "op", std::int64_t(i), 100'000});
        const auto set = buildTraceSet(chain);
        QCOMPARE(mergedFlameGraph(buildCallTree(*set, allTraces(*set))).depthCount, 50'000u);
        QCOMPARE(flameChartOf(*set, TraceIndex {0}).depthCount, 50'000u);
    }
};

QTEST_GUILESS_MAIN(TestFlameGraph)
#include "tst_flamegraph.moc"
