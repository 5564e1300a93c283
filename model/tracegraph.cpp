#include "tracegraph.h"

#include "criticalpath.h"
#include "operationstats.h"
#include "traceset.h"

#include <algorithm>
#include <cassert>
#include <map>
#include <unordered_map>

namespace Spanwise {

TraceGraph traceGraphOf(const TraceSet& set, TraceIndex trace)
{
    const TraceForest& forest = set.forest();
    assert(trace.value < forest.traces().size());
    TraceGraph result;
    DependencyGraph& graph = result.graph;
    std::map<std::pair<std::uint32_t, std::uint32_t>, std::uint32_t> nodeOf; // by service, operation
    std::unordered_map<std::uint32_t, std::uint32_t> nodeOfSpan;
    std::map<std::pair<std::uint32_t, std::uint32_t>, std::uint32_t> edgeOf;
    std::vector<std::vector<std::int64_t>> nodeDurations, edgeDurations;
    const auto spans = forest.spansOf(forest.traces()[trace.value]);
    for (const SpanIndex span : spans) {
        const Span& record = set.span(span);
        const auto [found, added] = nodeOf.try_emplace(
            {record.service.value, record.operation.value}, static_cast<std::uint32_t>(graph.nodes.size()));
        const std::uint32_t node = found->second;
        if (added) {
            DependencyNode entry;
            entry.name = std::string(set.serviceName(record.service)) + ": " + std::string(set.text(record.operation));
            entry.service = record.service;
            graph.nodes.push_back(std::move(entry));
            result.firstSpan.push_back(span);
            nodeDurations.emplace_back();
        }
        nodeOfSpan.emplace(span.value, node);
        DependencyNode& target = graph.nodes[node];
        ++target.spans;
        ++target.entryCalls;
        target.errors += record.isError();
        nodeDurations[node].push_back(record.durationNs);
        if (record.startNs < set.span(result.firstSpan[node]).startNs)
            result.firstSpan[node] = span;

        const SpanIndex parent = forest.parentOf(span);
        if (!parent.isValid())
            continue;
        const std::uint32_t from = nodeOfSpan.at(parent.value); // parents come first
        const auto [edgeFound, edgeAdded] =
            edgeOf.try_emplace({from, node}, static_cast<std::uint32_t>(graph.edges.size()));
        if (edgeAdded) {
            DependencyEdge edge;
            edge.from = from;
            edge.to = node;
            graph.edges.push_back(std::move(edge));
            edgeDurations.emplace_back();
        }
        DependencyEdge& edge = graph.edges[edgeFound->second];
        ++edge.calls;
        edge.errors += record.isError();
        edge.callSpans.push_back(span);
        edgeDurations[edgeFound->second].push_back(record.durationNs);
    }
    for (std::size_t i = 0; i < graph.nodes.size(); ++i) {
        std::ranges::sort(nodeDurations[i]);
        graph.nodes[i].serverP95Ns = percentileOfSorted(nodeDurations[i], 95);
    }
    for (std::size_t i = 0; i < graph.edges.size(); ++i) {
        std::vector<std::int64_t>& durations = edgeDurations[i];
        std::ranges::sort(durations);
        DependencyEdge& edge = graph.edges[i];
        edge.p50Ns = percentileOfSorted(durations, 50);
        edge.p95Ns = percentileOfSorted(durations, 95);
        edge.p99Ns = percentileOfSorted(durations, 99);
        edge.shareOfCalls = spans.empty() ? 0 : static_cast<double>(edge.calls) / static_cast<double>(spans.size());
    }

    result.criticalNodes.assign(graph.nodes.size(), false);
    result.criticalEdges.assign(graph.edges.size(), false);
    // A span on the critical path was waited for by its parent, which is on the path too: the
    // call between them is on it.
    for (const CriticalSegment& segment : criticalPath(set, trace)) {
        const std::uint32_t node = nodeOfSpan.at(segment.span.value);
        result.criticalNodes[node] = true;
        const SpanIndex parent = forest.parentOf(segment.span);
        if (parent.isValid())
            result.criticalEdges[edgeOf.at({nodeOfSpan.at(parent.value), node})] = true;
    }
    return result;
}

} // namespace Spanwise
