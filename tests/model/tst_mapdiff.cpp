#include "dependencygraph.h"
#include "fixtures.h"
#include "mapdiff.h"

#include <QTest>

using namespace Spanwise;
using Test::SpanSpec;

namespace {

constexpr auto Client = SpanKind::Client;
constexpr auto Server = SpanKind::Server;

// Services as "name:status", virtual ones marked "*".
QStringList services(const MapDiff& diff)
{
    QStringList out;
    for (const ServiceDiff& s : diff.services)
        out << QString::fromStdString(s.name) + (s.isVirtual ? "*" : "") + ':' + diffStatusName(s.status);
    return out;
}

const EdgeDiff* findEdge(const MapDiff& diff, std::string_view from, std::string_view to)
{
    for (const EdgeDiff& e : diff.edges)
        if (e.from == from && e.to == to)
            return &e;
    return nullptr;
}

// Before: web calls api twice (client spans of 50 and 30 ns, one call failing), legacy once, a
// postgresql database once, auth once and search once (failing).
std::shared_ptr<const TraceSet> before()
{
    return Test::buildTraceSet({{1, {}, "web", "get", 0, 200, false, 1, Server},
        {2, 1, "web", "call api", 10, 50, false, 1, Client}, {3, 2, "api", "serve", 15, 40, false, 1, Server},
        {4, 1, "web", "SELECT", 70, 5, false, 1, Client, {{"db.system", "postgresql"}}},
        {5, 1, "web", "call auth", 80, 20, false, 1, Client}, {6, 5, "auth", "check", 81, 18, false, 1, Server},
        {7, 1, "web", "call search", 110, 20, false, 1, Client}, {8, 7, "search", "find", 111, 18, true, 1, Server},
        {1, {}, "web", "get", 0, 200, false, 2, Server}, {2, 1, "web", "call api", 10, 30, false, 2, Client},
        {3, 2, "api", "serve", 15, 20, true, 2, Server}, {4, 1, "web", "call legacy", 50, 10, false, 2, Client},
        {5, 4, "legacy", "serve", 51, 8, false, 2, Server}});
}

// After: web calls api three times (100, 120 and 110 ns, two failing), auth as before, search
// once without failing; api now calls a redis cache; legacy and postgresql are gone.
std::shared_ptr<const TraceSet> after()
{
    return Test::buildTraceSet({{1, {}, "web", "get", 0, 200, false, 1, Server},
        {2, 1, "web", "call api", 10, 100, false, 1, Client}, {3, 2, "api", "serve", 15, 90, true, 1, Server},
        {4, 1, "web", "call auth", 120, 20, false, 1, Client}, {5, 4, "auth", "check", 121, 18, false, 1, Server},
        {6, 1, "web", "call search", 150, 20, false, 1, Client}, {7, 6, "search", "find", 151, 18, false, 1, Server},
        {1, {}, "web", "get", 0, 200, false, 2, Server}, {2, 1, "web", "call api", 10, 120, false, 2, Client},
        {3, 2, "api", "serve", 15, 110, true, 2, Server}, {1, {}, "web", "get", 0, 200, false, 3, Server},
        {2, 1, "web", "call api", 10, 110, false, 3, Client}, {3, 2, "api", "serve", 15, 100, false, 3, Server},
        {4, 3, "api", "GET", 20, 3, false, 3, Client, {{"db.system", "redis"}}}});
}

} // namespace

class TestMapDiff : public QObject
{
    Q_OBJECT

private slots:
    void servicesAddedAndRemoved()
    {
        const MapDiff diff = diffDependencyGraphs(computeDependencyGraph(*before()), computeDependencyGraph(*after()));
        QCOMPARE(services(diff),
            QStringList({"api:same", "auth:same", "legacy:removed", "postgresql*:removed", "redis*:added",
                "search:same", "web:same"}));
    }

    void edgeFigures()
    {
        const MapDiff diff = diffDependencyGraphs(computeDependencyGraph(*before()), computeDependencyGraph(*after()));
        QCOMPARE(diff.edges.size(), std::size_t(6));
        // web -> api: 2 calls, 1 failing (50 %) -> 3 calls, 2 failing (66.7 %): +16.7 points.
        // p95 by nearest rank of the client spans: rank ceil(0.95 * 2) = 2 of {30, 50} = 50;
        // rank ceil(0.95 * 3) = 3 of {100, 110, 120} = 120.
        const EdgeDiff* api = findEdge(diff, "web", "api");
        QVERIFY(api);
        QCOMPARE(api->status, DiffStatus::Changed);
        QCOMPARE(api->trend, DiffTrend::Worse);
        QCOMPARE(api->callsBefore, std::uint64_t(2));
        QCOMPARE(api->callsAfter, std::uint64_t(3));
        QCOMPARE(api->errorsBefore, std::uint64_t(1));
        QCOMPARE(api->errorsAfter, std::uint64_t(2));
        QCOMPARE(api->p95NsBefore, std::optional<std::int64_t>(50));
        QCOMPARE(api->p95NsAfter, std::optional<std::int64_t>(120));
        QVERIFY(api->errorRateMoved && api->p95Moved);

        const EdgeDiff* legacy = findEdge(diff, "web", "legacy");
        QVERIFY(legacy);
        QCOMPARE(legacy->status, DiffStatus::Removed);
        QCOMPARE(legacy->callsAfter, std::uint64_t(0));
        QVERIFY(!legacy->p95NsAfter); // no calls: no p95
        QCOMPARE(legacy->p95NsBefore, std::optional<std::int64_t>(10));

        const EdgeDiff* postgres = findEdge(diff, "web", "postgresql");
        QVERIFY(postgres && postgres->isVirtual && postgres->status == DiffStatus::Removed);
        const EdgeDiff* redis = findEdge(diff, "api", "redis");
        QVERIFY(redis && redis->isVirtual && redis->status == DiffStatus::Added);
        QVERIFY(!redis->p95NsBefore);
        QCOMPARE(redis->callsAfter, std::uint64_t(1));

        // Nothing moved on web -> auth; web -> search stopped failing (100 % -> 0 %).
        QCOMPARE(findEdge(diff, "web", "auth")->status, DiffStatus::Same);
        QCOMPARE(findEdge(diff, "web", "search")->status, DiffStatus::Changed);
        QCOMPARE(findEdge(diff, "web", "search")->trend, DiffTrend::Better);
    }

    void thresholds()
    {
        MapDiffThresholds loose;
        loose.callsPercent = 60;    // +50 % calls stays under it
        loose.errorRatePoints = 20; // +16.7 points stays under it
        loose.p95Percent = 200;     // 50 -> 120 ns is +140 %
        MapDiff diff = diffDependencyGraphs(computeDependencyGraph(*before()), computeDependencyGraph(*after()), loose);
        QCOMPARE(findEdge(diff, "web", "api")->status, DiffStatus::Same);
        loose.p95Percent = 139;
        diff = diffDependencyGraphs(computeDependencyGraph(*before()), computeDependencyGraph(*after()), loose);
        QCOMPARE(findEdge(diff, "web", "api")->status, DiffStatus::Changed);
        QCOMPARE(findEdge(diff, "web", "api")->trend, DiffTrend::Worse);
        // The error rate alone: +16.7 points.
        loose.p95Percent = 200;
        loose.errorRatePoints = 16;
        diff = diffDependencyGraphs(computeDependencyGraph(*before()), computeDependencyGraph(*after()), loose);
        QCOMPARE(findEdge(diff, "web", "api")->status, DiffStatus::Changed);
        QCOMPARE(findEdge(diff, "web", "api")->trend, DiffTrend::Worse);
        QVERIFY(findEdge(diff, "web", "api")->errorRateMoved && !findEdge(diff, "web", "api")->p95Moved);
        // Volume alone: changed, but neither worse nor better.
        loose.errorRatePoints = 20;
        loose.p95Percent = 200;
        loose.callsPercent = 49;
        diff = diffDependencyGraphs(computeDependencyGraph(*before()), computeDependencyGraph(*after()), loose);
        QCOMPARE(findEdge(diff, "web", "api")->status, DiffStatus::Changed);
        QCOMPARE(findEdge(diff, "web", "api")->trend, DiffTrend::Neutral);
    }
};

QTEST_APPLESS_MAIN(TestMapDiff)
#include "tst_mapdiff.moc"
