#include "mapdiff.h"

#include "dependencygraph.h"

#include <cassert>
#include <cmath>
#include <map>
#include <tuple>

namespace Spanwise {
namespace {

double percentOf(std::uint64_t part, std::uint64_t whole)
{
    return whole ? 100.0 * static_cast<double>(part) / static_cast<double>(whole) : 0;
}

// The relative change from `before` to `after`, in percent of `before`.
double relativeChange(double before, double after)
{
    return before > 0 ? 100.0 * (after - before) / before : (after > 0 ? INFINITY : 0);
}

// Status and trend of an edge on both maps, by the thresholds.
void judge(EdgeDiff& edge, const MapDiffThresholds& thresholds)
{
    const double calls = relativeChange(static_cast<double>(edge.callsBefore), static_cast<double>(edge.callsAfter));
    const double errorPoints =
        percentOf(edge.errorsAfter, edge.callsAfter) - percentOf(edge.errorsBefore, edge.callsBefore);
    const double p95 = relativeChange(
        static_cast<double>(edge.p95NsBefore.value_or(0)), static_cast<double>(edge.p95NsAfter.value_or(0)));
    const bool errorsRose = errorPoints > thresholds.errorRatePoints;
    const bool errorsFell = -errorPoints > thresholds.errorRatePoints;
    const bool slower = p95 > thresholds.p95Percent;
    const bool faster = -p95 > thresholds.p95Percent;
    const bool volume = std::abs(calls) > thresholds.callsPercent;
    edge.errorRateMoved = errorsRose || errorsFell;
    edge.p95Moved = slower || faster;
    edge.status = errorsRose || errorsFell || slower || faster || volume ? DiffStatus::Changed : DiffStatus::Same;
    edge.trend = errorsRose || slower ? DiffTrend::Worse
        : errorsFell || faster        ? DiffTrend::Better
                                      : DiffTrend::Neutral;
}

} // namespace

const char* diffStatusName(DiffStatus status)
{
    switch (status) {
    case DiffStatus::Same:
        return "same";
    case DiffStatus::Added:
        return "added";
    case DiffStatus::Removed:
        return "removed";
    case DiffStatus::Changed:
        return "changed";
    }
    return "same";
}

MapDiff diffDependencyGraphs(
    const DependencyGraph& before, const DependencyGraph& after, const MapDiffThresholds& thresholds)
{
    MapDiff diff;
    // By name: a peer that became instrumented (or the reverse) is the same node; it is virtual
    // when it is virtual on the map that has it last.
    std::map<std::string, ServiceDiff> services;
    for (const DependencyNode& node : before.nodes)
        services[node.name] = {node.name, node.isVirtual, DiffStatus::Removed};
    for (const DependencyNode& node : after.nodes) {
        auto [it, inserted] =
            services.try_emplace(node.name, ServiceDiff {node.name, node.isVirtual, DiffStatus::Added});
        if (!inserted) {
            it->second.status = DiffStatus::Same;
            it->second.isVirtual = node.isVirtual;
        }
    }
    for (auto& [name, service] : services)
        diff.services.push_back(std::move(service));

    using Key = std::pair<std::string, std::string>;
    std::map<Key, EdgeDiff> edges;
    for (const DependencyEdge& e : before.edges) {
        EdgeDiff& edge = edges[{before.nodes[e.from].name, before.nodes[e.to].name}];
        edge.from = before.nodes[e.from].name;
        edge.to = before.nodes[e.to].name;
        edge.isVirtual = e.isVirtual;
        edge.callsBefore = e.calls;
        edge.errorsBefore = e.errors;
        assert(e.calls > 0); // an edge is made of calls
        edge.p95NsBefore = e.p95Ns;
        edge.status = DiffStatus::Removed;
    }
    for (const DependencyEdge& e : after.edges) {
        const Key key {after.nodes[e.from].name, after.nodes[e.to].name};
        const bool wasThere = edges.contains(key);
        EdgeDiff& edge = edges[key];
        edge.from = key.first;
        edge.to = key.second;
        edge.isVirtual = e.isVirtual;
        edge.callsAfter = e.calls;
        edge.errorsAfter = e.errors;
        edge.p95NsAfter = e.p95Ns;
        if (wasThere)
            judge(edge, thresholds);
        else
            edge.status = DiffStatus::Added;
    }
    for (auto& [key, edge] : edges)
        diff.edges.push_back(std::move(edge));
    return diff;
}

} // namespace Spanwise
