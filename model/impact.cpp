#include "impact.h"

#include "meshfolding.h"
#include "spanscope.h"
#include "traceset.h"

#include <algorithm>
#include <map>

namespace Spanwise {
namespace {

constexpr std::uint32_t noNode = 0xffffffff;

// Each span's map node, and the peer node a client span calls (noNode when none).
struct SpanNodes {
    std::vector<std::uint32_t> node;
    std::vector<std::uint32_t> peer;
};

SpanNodes spanNodes(const TraceSet& set, const DependencyGraph& graph, const DependencyOptions& options)
{
    const std::vector<SpanIndex> scope = spansInScope(set, {options.onlyTrace, options.onlyTraces});
    const ServiceAssignment services = assignServices(set, scope, options.foldMeshProxies);
    std::vector<std::uint32_t> nodeOfService(set.serviceNames().size(), noNode);
    for (std::uint32_t n = 0; n < graph.nodes.size(); ++n)
        if (!graph.nodes[n].isVirtual && graph.nodes[n].service.isValid())
            nodeOfService[graph.nodes[n].service.value] = n;
    SpanNodes nodes {
        std::vector<std::uint32_t>(set.spans().size(), noNode), std::vector<std::uint32_t>(set.spans().size(), noNode)};
    for (const SpanIndex s : scope)
        nodes.node[s.value] = nodeOfService[services.serviceOf[s.value].value];
    for (const DependencyEdge& e : graph.edges)
        if (e.isVirtual)
            for (const SpanIndex s : e.callSpans)
                nodes.peer[s.value] = e.to;
    return nodes;
}

// Where a trace meets the target: the span whose ancestors (from `upFrom` up, itself included)
// are upstream, and the span whose subtree (itself included) is downstream, or a peer node.
struct Hit {
    SpanIndex upFrom;
    SpanIndex downFrom;
    std::uint32_t downPeer = noNode;
};

class TraceWalk
{
public:
    TraceWalk(const TraceSet& set, const SpanNodes& nodes, std::size_t nodeCount)
        : m_set(set)
        , m_nodes(nodes)
        , m_seenUp(set.spans().size(), false)
        , m_below(set.spans().size(), false)
        , m_upstream(nodeCount, false)
        , m_downstream(nodeCount, false)
    { }

    // The hits of the target in one trace.
    std::vector<Hit> hits(std::span<const SpanIndex> spans, std::uint32_t target, std::uint32_t to) const
    {
        std::vector<Hit> found;
        const TraceForest& forest = m_set.forest();
        for (const SpanIndex s : spans) {
            const std::uint32_t node = m_nodes.node[s.value];
            const std::uint32_t peer = m_nodes.peer[s.value];
            const SpanIndex parent = forest.parentOf(s);
            if (to == noNode) {
                if (node == target && (!parent.isValid() || m_nodes.node[parent.value] != target))
                    found.push_back({parent, s});
                else if (peer == target)
                    found.push_back({s, {}});
            } else if (node == target && peer == to) {
                found.push_back({s, {}, to});
            } else if (node == to && parent.isValid() && m_nodes.node[parent.value] == target) {
                found.push_back({parent, s});
            }
        }
        return found;
    }

    // Marks the nodes upstream and downstream of the trace's hits.
    void walk(std::span<const SpanIndex> spans, const std::vector<Hit>& hits)
    {
        const TraceForest& forest = m_set.forest();
        for (const Hit& hit : hits) {
            for (SpanIndex up = hit.upFrom; up.isValid() && !m_seenUp[up.value]; up = forest.parentOf(up)) {
                m_seenUp[up.value] = true;
                mark(m_upstream, m_nodes.node[up.value]);
            }
            if (hit.downFrom.isValid())
                m_below[hit.downFrom.value] = true;
            mark(m_downstream, hit.downPeer);
        }
        // Depth-first order puts parents first: a span is below a hit when its parent is.
        for (const SpanIndex s : spans) {
            const SpanIndex parent = forest.parentOf(s);
            if (parent.isValid() && m_below[parent.value])
                m_below[s.value] = true;
            if (!m_below[s.value])
                continue;
            mark(m_downstream, m_nodes.node[s.value]);
            mark(m_downstream, m_nodes.peer[s.value]);
        }
    }

    // Adds this trace's marks to the counts and clears them for the next trace (the marks on
    // spans need no clearing: every span belongs to one trace).
    void collect(std::vector<std::uint64_t>& upstream, std::vector<std::uint64_t>& downstream)
    {
        for (std::size_t n = 0; n < m_upstream.size(); ++n) {
            upstream[n] += m_upstream[n] ? 1 : 0;
            downstream[n] += m_downstream[n] ? 1 : 0;
        }
        std::fill(m_upstream.begin(), m_upstream.end(), false);
        std::fill(m_downstream.begin(), m_downstream.end(), false);
    }

private:
    static void mark(std::vector<bool>& marks, std::uint32_t node)
    {
        if (node != noNode)
            marks[node] = true;
    }

    const TraceSet& m_set;
    const SpanNodes& m_nodes;
    std::vector<bool> m_seenUp, m_below;
    std::vector<bool> m_upstream, m_downstream;
};

std::vector<ImpactService> listed(
    const DependencyGraph& graph, const std::vector<std::uint64_t>& traces, const std::vector<std::uint32_t>& leaveOut)
{
    std::vector<ImpactService> out;
    for (std::uint32_t n = 0; n < graph.nodes.size(); ++n)
        if (traces[n] > 0 && std::find(leaveOut.begin(), leaveOut.end(), n) == leaveOut.end())
            out.push_back({graph.nodes[n].name, graph.nodes[n].isVirtual, traces[n]});
    std::stable_sort(
        out.begin(), out.end(), [](const ImpactService& a, const ImpactService& b) { return a.traces > b.traces; });
    return out;
}

} // namespace

Impact computeImpact(
    const TraceSet& set, const DependencyGraph& graph, const DependencyOptions& options, const ImpactTarget& target)
{
    Impact impact;
    const auto from = graph.findNode(target.service);
    const auto to = target.to ? graph.findNode(*target.to) : std::optional<std::uint32_t> {noNode};
    if (!from || !to)
        return impact;
    impact.found = true;
    const SpanNodes nodes = spanNodes(set, graph, options);
    TraceWalk walk(set, nodes, graph.nodes.size());
    std::vector<std::uint64_t> upstream(graph.nodes.size(), 0), downstream(graph.nodes.size(), 0);
    std::map<std::pair<std::string, std::string>, ImpactEntryPoint> entries;
    for (const TraceIndex t : tracesInScope(set, {options.onlyTrace, options.onlyTraces})) {
        const TraceInfo& trace = set.trace(t);
        const auto spans = set.forest().spansOf(trace);
        ++impact.tracesInScope;
        const Span& root = set.span(trace.root);
        const auto key = std::pair {std::string(set.serviceName(root.service)), std::string(set.text(root.operation))};
        ImpactEntryPoint& entry = entries[key];
        ++entry.tracesTotal;
        const std::vector<Hit> hits = walk.hits(spans, *from, *to);
        if (hits.empty())
            continue;
        ++impact.traces;
        ++entry.traces;
        walk.walk(spans, hits);
        walk.collect(upstream, downstream);
    }
    // A service's own spans are neither up nor down from itself; an edge's ends are listed.
    const std::vector<std::uint32_t> leaveOut = target.to ? std::vector<std::uint32_t> {} : std::vector {*from};
    impact.upstream = listed(graph, upstream, leaveOut);
    impact.downstream = listed(graph, downstream, leaveOut);
    for (auto& [key, entry] : entries)
        if (entry.traces > 0) {
            entry.service = key.first;
            entry.operation = key.second;
            impact.entryPoints.push_back(std::move(entry));
        }
    std::stable_sort(impact.entryPoints.begin(), impact.entryPoints.end(),
        [](const ImpactEntryPoint& a, const ImpactEntryPoint& b) { return a.traces > b.traces; });
    return impact;
}

} // namespace Spanwise
