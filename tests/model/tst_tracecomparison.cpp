#include "calltree.h"
#include "fixtures.h"
#include "spanscope.h"
#include "tracecomparison.h"
#include "traceset.h"

#include <QTest>

using namespace Spanwise;
using Test::buildTraceSet;
using Test::SpanSpec;

namespace {

constexpr std::int64_t ms = 1'000'000;

std::vector<TraceIndex> allTraces(const TraceSet& set)
{
    return tracesInScope(set, {});
}

TraceComparison compareSets(const TraceSet& a, const TraceSet& b, CompareThresholds thresholds = {})
{
    return compareCallTrees(buildCallTree(a, allTraces(a)), buildCallTree(b, allTraces(b)), thresholds);
}

// "web:GET /cart > cart:load > db:query" style, to name a node in failure messages and lookups.
QString pathText(const TraceComparison& comparison, std::uint32_t node)
{
    QStringList steps;
    for (const std::uint32_t step : comparison.pathTo(node))
        steps << QString::fromStdString(comparison.nodes[step].service + ':' + comparison.nodes[step].operation);
    return steps.join(QStringLiteral(" > "));
}

std::uint32_t nodeAt(const TraceComparison& comparison, const QString& path)
{
    for (std::uint32_t i = 1; i < comparison.nodes.size(); ++i)
        if (pathText(comparison, i) == path)
            return i;
    return 0;
}

// A checkout: web calls cart, cart queries the database three times (same path, merged), and
// web calls payments. Durations in ms; the leaves' self time is their duration.
std::vector<SpanSpec> checkout(std::int64_t paymentsMs = 30)
{
    return {
        {1, {}, "web", "GET /checkout", 0, 100 * ms},
        {2, 1, "cart", "load", 1 * ms, 40 * ms},
        {3, 2, "db", "query", 2 * ms, 5 * ms},
        {4, 2, "db", "query", 8 * ms, 5 * ms},
        {5, 2, "db", "query", 14 * ms, 5 * ms},
        {6, 1, "payments", "charge", 50 * ms, paymentsMs * ms},
    };
}

} // namespace

// Comparing traces by the path of service+operation from the root (spanwise compare, the
// compare tab). Expected figures are derived by hand from the fixtures above.
class TestTraceComparison : public QObject
{
    Q_OBJECT

private slots:
    void siblingsOnOnePathMergeWithACount()
    {
        const auto set = buildTraceSet(checkout());
        const CallTree tree = buildCallTree(*set, allTraces(*set));
        // Virtual root, web, cart, db (three spans), payments.
        QCOMPARE(tree.nodes.size(), 5u);
        const std::uint32_t web = tree.childOf(CallTree::root, "web", "GET /checkout");
        const std::uint32_t cart = tree.childOf(web, "cart", "load");
        const std::uint32_t db = tree.childOf(cart, "db", "query");
        QVERIFY(db != CallTree::none);
        QCOMPARE(tree.nodes[db].count, 3u);
        QCOMPARE(tree.nodes[db].totalNs, 15 * ms);
        // cart's self time: 40 ms less three 5 ms queries inside it.
        QCOMPARE(tree.nodes[cart].selfNs, 25 * ms);
        // web's: 100 ms less cart (40) and payments (30).
        QCOMPARE(tree.nodes[web].selfNs, 30 * ms);
    }

    void aTraceAgainstItselfChangesNothing()
    {
        const auto set = buildTraceSet(checkout());
        const TraceComparison comparison = compareSets(*set, *set);
        QCOMPARE(comparison.added, 0u);
        QCOMPARE(comparison.removed, 0u);
        QCOMPARE(comparison.changed, 0u);
        QCOMPARE(comparison.nodes.size(), 5u);
        for (std::uint32_t i = 1; i < comparison.nodes.size(); ++i)
            QVERIFY2(comparison.nodes[i].status == NodeChange::Same, qPrintable(pathText(comparison, i)));
    }

    void aRemovedLeafIsOneRemovedNode()
    {
        std::vector<SpanSpec> without = checkout();
        without.pop_back(); // no payments call
        const auto a = buildTraceSet(checkout()), b = buildTraceSet(without);
        const TraceComparison comparison = compareSets(*a, *b);
        QCOMPARE(comparison.removed, 1u);
        QCOMPARE(comparison.added, 0u);
        const std::uint32_t payments = nodeAt(comparison, QStringLiteral("web:GET /checkout > payments:charge"));
        QVERIFY(payments != 0);
        QCOMPARE(comparison.nodes[payments].status, NodeChange::Removed);
        QCOMPARE(comparison.nodes[payments].countA, 1u);
        QCOMPARE(comparison.nodes[payments].countB, 0u);
        QVERIFY(!comparison.nodes[payments].p50NsB);
        // The other way round it is added.
        const TraceComparison reverse = compareSets(*b, *a);
        QCOMPARE(reverse.added, 1u);
        QCOMPARE(reverse.removed, 0u);
    }

    void aSlowerSpanIsChangedWithItsDeltaAndComesFirst()
    {
        // payments takes 80 ms instead of 30; web's duration stays (the fixture keeps it), so
        // the only node whose total moves is payments.
        const auto a = buildTraceSet(checkout(30)), b = buildTraceSet(checkout(80));
        const TraceComparison comparison = compareSets(*a, *b);
        QCOMPARE(comparison.changed, 1u);
        const std::uint32_t payments = comparison.byChange.front();
        QCOMPARE(pathText(comparison, payments), QStringLiteral("web:GET /checkout > payments:charge"));
        const ComparedNode& node = comparison.nodes[payments];
        QCOMPARE(node.status, NodeChange::Changed);
        QCOMPARE(node.totalNsA, 30 * ms);
        QCOMPARE(node.totalNsB, 80 * ms);
        QCOMPARE(node.totalChangeNs(), double(50 * ms));
        QCOMPARE(node.selfNsB - node.selfNsA, 50 * ms);
        QCOMPARE(node.selfChangeNs(), double(50 * ms));
        // Under web, the regression is the first child.
        const std::uint32_t web = nodeAt(comparison, QStringLiteral("web:GET /checkout"));
        QCOMPARE(comparison.nodes[web].children.front(), payments);
    }

    void smallChangesStaySame()
    {
        // +2 ms on 30 ms is under 10 % (but over 5 %, and over 1 ms though not 3 ms).
        const auto a = buildTraceSet(checkout(30)), b = buildTraceSet(checkout(32));
        QCOMPARE(compareSets(*a, *b).changed, 0u);
        QCOMPARE(compareSets(*a, *b, {.minChangePercent = 5, .minChangeNs = 1 * ms}).changed, 1u);
        QCOMPARE(compareSets(*a, *b, {.minChangePercent = 5, .minChangeNs = 3 * ms}).changed, 0u);
    }

    void aCountThatDiffersIsChanged()
    {
        std::vector<SpanSpec> fewer = checkout();
        fewer.erase(fewer.begin() + 4); // two queries instead of three
        const auto a = buildTraceSet(checkout()), b = buildTraceSet(fewer);
        const TraceComparison comparison = compareSets(*a, *b);
        const std::uint32_t db = nodeAt(comparison, QStringLiteral("web:GET /checkout > cart:load > db:query"));
        QCOMPARE(comparison.nodes[db].status, NodeChange::Changed);
        QCOMPARE(comparison.nodes[db].countA, 3u);
        QCOMPARE(comparison.nodes[db].countB, 2u);
    }

    void severalRootsMeetUnderOneVirtualRoot()
    {
        // An orphan (its parent 99 was never recorded) is a second root.
        std::vector<SpanSpec> withOrphan = checkout();
        withOrphan.push_back({7, 99, "mail", "send", 60 * ms, 4 * ms});
        const auto a = buildTraceSet(checkout()), b = buildTraceSet(withOrphan);
        const TraceComparison comparison = compareSets(*a, *b);
        QCOMPARE(comparison.nodes[0].children.size(), 2u);
        QCOMPARE(comparison.added, 1u);
        QCOMPARE(pathText(comparison, nodeAt(comparison, QStringLiteral("mail:send"))), QStringLiteral("mail:send"));
    }

    // Groups: two traces against one; figures per trace decide, p50 is over each side's spans.
    void groupsCompareFiguresPerTrace()
    {
        std::vector<SpanSpec> two = checkout(20);
        for (SpanSpec span : checkout(40)) {
            span.trace = 2;
            two.push_back(span);
        }
        const auto a = buildTraceSet(two), b = buildTraceSet(checkout(30));
        const TraceComparison comparison = compareSets(*a, *b);
        QCOMPARE(comparison.tracesA, 2u);
        QCOMPARE(comparison.tracesB, 1u);
        const std::uint32_t payments = nodeAt(comparison, QStringLiteral("web:GET /checkout > payments:charge"));
        const ComparedNode& node = comparison.nodes[payments];
        // 2 spans over 2 traces against 1 over 1: the same per trace; 60 ms / 2 = 30 ms each.
        QCOMPARE(node.countA, 2u);
        QCOMPARE(node.status, NodeChange::Same);
        QCOMPARE(node.meanTotalNsA, double(30 * ms));
        QCOMPARE(*node.p50NsA, 20 * ms); // the lower middle of 20 and 40
        QCOMPARE(*node.p50NsB, 30 * ms);
        QCOMPARE(comparison.changed, 0u);
    }

    void medianIsTheLowerMiddle()
    {
        QCOMPARE(medianOf({}), std::optional<std::int64_t> {});
        QCOMPARE(*medianOf({5}), 5);
        QCOMPARE(*medianOf({9, 1, 5}), 5);
        QCOMPARE(*medianOf({4, 1, 3, 2}), 2);
    }

    // A chain tens of thousands deep (hostile files make them) must not exhaust the stack.
    void deepChainsAreWalkedWithoutRecursion()
    {
        std::vector<SpanSpec> chain;
        for (std::uint64_t i = 1; i <= 50'000; ++i)
            chain.push_back({i, i == 1 ? std::optional<std::uint64_t> {} : i - 1, "s", "op", std::int64_t(i), 10});
        const auto set = buildTraceSet(chain);
        const TraceComparison comparison = compareSets(*set, *set);
        QCOMPARE(comparison.nodes.size(), 50'001u);
        QCOMPARE(comparison.changed, 0u);
    }
};

QTEST_GUILESS_MAIN(TestTraceComparison)
#include "tst_tracecomparison.moc"
