#include "dependencygraph.h"
#include "fixtures.h"
#include "impact.h"

#include <QTest>

using namespace Spanwise;
using Test::SpanSpec;

namespace {

constexpr auto Client = SpanKind::Client;
constexpr auto Server = SpanKind::Server;

// A hand-made set of five traces:
//   1: gateway "GET /checkout" -> checkout -> payments -> bank (an uninstrumented peer)
//   2: web "GET /cart" -> cart
//   3: admin "POST /refund" -> payments
//   4: gateway "GET /checkout" -> checkout (stopped before paying)
//   5: cart "reconcile" -> payments
// The merged map has web -> cart -> payments, yet no trace goes from web to payments.
std::shared_ptr<const TraceSet> shop()
{
    return Test::buildTraceSet({{1, {}, "gateway", "GET /checkout", 0, 100, false, 1, Server},
        {2, 1, "checkout", "checkout", 5, 90, false, 1, Server}, {3, 2, "payments", "pay", 10, 50, false, 1, Server},
        {4, 3, "payments", "authorize", 12, 40, false, 1, Client, {{"peer.service", "bank"}}},
        {1, {}, "web", "GET /cart", 0, 50, false, 2, Server}, {2, 1, "cart", "view", 5, 40, false, 2, Server},
        {1, {}, "admin", "POST /refund", 0, 50, false, 3, Server},
        {2, 1, "payments", "refund", 5, 40, false, 3, Server},
        {1, {}, "gateway", "GET /checkout", 0, 50, false, 4, Server},
        {2, 1, "checkout", "checkout", 5, 40, true, 4, Server}, {1, {}, "cart", "reconcile", 0, 50, false, 5, Server},
        {2, 1, "payments", "settle", 5, 40, false, 5, Server}});
}

// "name traces" per service.
QStringList listed(const std::vector<ImpactService>& services)
{
    QStringList out;
    for (const ImpactService& s : services)
        out << QStringLiteral("%1 %2").arg(QString::fromStdString(s.name)).arg(s.traces);
    return out;
}

QStringList entries(const Impact& impact)
{
    QStringList out;
    for (const ImpactEntryPoint& e : impact.entryPoints)
        out << QStringLiteral("%1 %2 %3/%4")
                   .arg(QString::fromStdString(e.service), QString::fromStdString(e.operation))
                   .arg(e.traces)
                   .arg(e.tracesTotal);
    return out;
}

Impact impactOf(const TraceSet& set, ImpactTarget target)
{
    const DependencyGraph graph = computeDependencyGraph(set);
    return computeImpact(set, graph, {}, target);
}

} // namespace

class TestImpact : public QObject
{
    Q_OBJECT

private slots:
    void serviceCountedPerTrace()
    {
        const auto set = shop();
        const Impact impact = impactOf(*set, {"payments", {}});
        QVERIFY(impact.found);
        QCOMPARE(impact.traces, std::uint64_t(3));
        QCOMPARE(impact.tracesInScope, std::uint64_t(5));
        QCOMPARE(listed(impact.upstream), QStringList({"admin 1", "cart 1", "checkout 1", "gateway 1"}));
        QCOMPARE(listed(impact.downstream), QStringList({"bank 1"}));
        QCOMPARE(entries(impact),
            QStringList({"admin POST /refund 1/1", "cart reconcile 1/1", "gateway GET /checkout 1/2"}));
        QCOMPARE(impact.entryPoints[2].share(), 0.5);
    }

    void mergedClosureWouldOverCount()
    {
        // The merged map's transitive callers include web; no trace passes from web to payments.
        const auto set = shop();
        const DependencyGraph graph = computeDependencyGraph(*set);
        QStringList merged;
        for (const std::uint32_t n : graph.upstream(*graph.findNode("payments")))
            merged << QString::fromStdString(graph.nodes[n].name);
        QVERIFY(merged.contains("web"));
        QVERIFY(!listed(impactOf(*set, {"payments", {}}).upstream).join(' ').contains("web"));
    }

    void downstreamOfAService()
    {
        const Impact impact = impactOf(*shop(), {"checkout", {}});
        QCOMPARE(impact.traces, std::uint64_t(2));
        QCOMPARE(listed(impact.upstream), QStringList({"gateway 2"}));
        QCOMPARE(listed(impact.downstream), QStringList({"bank 1", "payments 1"}));
        QCOMPARE(entries(impact), QStringList({"gateway GET /checkout 2/2"}));
    }

    void virtualPeer()
    {
        const Impact impact = impactOf(*shop(), {"bank", {}});
        QCOMPARE(impact.traces, std::uint64_t(1));
        QCOMPARE(listed(impact.upstream), QStringList({"checkout 1", "gateway 1", "payments 1"}));
        QVERIFY(impact.downstream.empty());
    }

    void edge()
    {
        const Impact impact = impactOf(*shop(), {"checkout", std::string("payments")});
        QCOMPARE(impact.traces, std::uint64_t(1));
        // An edge's caller is upstream of it and its callee downstream.
        QCOMPARE(listed(impact.upstream), QStringList({"checkout 1", "gateway 1"}));
        QCOMPARE(listed(impact.downstream), QStringList({"bank 1", "payments 1"}));
        const Impact toPeer = impactOf(*shop(), {"payments", std::string("bank")});
        QCOMPARE(toPeer.traces, std::uint64_t(1));
        QCOMPARE(listed(toPeer.upstream), QStringList({"checkout 1", "gateway 1", "payments 1"}));
        QCOMPARE(listed(toPeer.downstream), QStringList({"bank 1"}));
    }

    void notOnTheMap()
    {
        QVERIFY(!impactOf(*shop(), {"nowhere", {}}).found);
        QVERIFY(!impactOf(*shop(), {"checkout", std::string("nowhere")}).found);
    }
};

QTEST_APPLESS_MAIN(TestImpact)
#include "tst_impact.moc"
