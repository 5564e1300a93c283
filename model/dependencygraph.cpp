#include "dependencygraph.h"

#include "attributetext.h"
#include "operationstats.h"
#include "traceset.h"

#include <algorithm>
#include <map>
#include <set>

namespace Spanwise {
namespace {

// The value of the first of `keys` the span has (as text), else empty.
std::string firstAttribute(const TraceSet& set, const Span& span, std::initializer_list<std::string_view> keys)
{
    for (const std::string_view key : keys) {
        const StringId id = set.strings().find(key);
        if (!id.isValid())
            continue;
        for (const Attribute& a : set.attributes(span.attributes))
            if (a.key == id) {
                std::string text = attributeText(set, a);
                if (!text.empty())
                    return text;
            }
    }
    return {};
}

bool isMeshProxy(const TraceSet& set, const Span& span)
{
    if (firstAttribute(set, span, {"component"}) == "proxy" || !firstAttribute(set, span, {"upstream_cluster"}).empty())
        return true;
    for (const Attribute& a : set.attributes(span.attributes))
        if (set.text(a.key).starts_with("istio."))
            return true;
    return false;
}

bool isCallerSide(SpanKind kind)
{
    return kind == SpanKind::Client || kind == SpanKind::Producer;
}

struct EdgeBuilder {
    std::vector<SpanIndex> spans;
    std::uint64_t errors = 0;
    std::string via;
};

std::vector<std::int64_t> sortedDurations(const TraceSet& set, const std::vector<SpanIndex>& spans)
{
    std::vector<std::int64_t> durations;
    durations.reserve(spans.size());
    for (const SpanIndex s : spans)
        durations.push_back(set.span(s).durationNs);
    std::sort(durations.begin(), durations.end());
    return durations;
}

} // namespace

std::string virtualPeerName(const TraceSet& set, SpanIndex index)
{
    const Span& span = set.span(index);
    if (std::string peer = firstAttribute(set, span, {"peer.service"}); !peer.empty())
        return peer;
    if (std::string db = firstAttribute(set, span, {"db.system.name", "db.system"}); !db.empty()) {
        const std::string name = firstAttribute(set, span, {"db.namespace", "db.name"});
        return name.empty() ? db : db + ' ' + name;
    }
    if (std::string system = firstAttribute(set, span, {"messaging.system"}); !system.empty()) {
        const std::string destination =
            firstAttribute(set, span, {"messaging.destination.name", "messaging.destination"});
        return destination.empty() ? system : system + ' ' + destination;
    }
    if (std::string rpc = firstAttribute(set, span, {"rpc.service"}); !rpc.empty())
        return rpc;
    if (std::string address = firstAttribute(set, span, {"server.address", "net.peer.name"}); !address.empty())
        return address;
    return firstAttribute(set, span, {"remoteEndpoint.serviceName"});
}

DependencyGraph computeDependencyGraph(const TraceSet& set, const DependencyOptions& options)
{
    std::vector<SpanIndex> scope;
    if (options.onlyTrace) {
        const auto spans = set.forest().spansOf(set.traces()[options.onlyTrace->value]);
        scope.assign(spans.begin(), spans.end());
    } else {
        for (std::uint32_t i = 0; i < set.spans().size(); ++i)
            scope.push_back(SpanIndex {i});
    }

    // With mesh folding, a proxy span counts as the service of the nearest non-proxy ancestor
    // or descendant — in practice the service it fronts, which is its parent or child.
    std::vector<ServiceId> serviceOf(set.spans().size());
    for (const SpanIndex s : scope)
        serviceOf[s.value] = set.span(s).service;
    std::vector<bool> proxy(set.spans().size(), false);
    if (options.foldMeshProxies) {
        for (const SpanIndex s : scope)
            proxy[s.value] = isMeshProxy(set, set.span(s));
        for (const SpanIndex s : scope) {
            if (!proxy[s.value])
                continue;
            // The first non-proxy child (inbound sidecar) or parent (outbound sidecar).
            for (const SpanIndex child : set.forest().childrenOf(s))
                if (!proxy[child.value]) {
                    serviceOf[s.value] = set.span(child).service;
                    break;
                }
        }
    }

    std::map<std::pair<std::uint32_t, std::uint32_t>, EdgeBuilder> instrumented; // by service ids
    std::map<std::pair<std::uint32_t, std::string>, EdgeBuilder> toPeers;        // service -> peer name
    std::vector<std::uint64_t> spanCount(set.serviceNames().size(), 0), errorCount(set.serviceNames().size(), 0),
        entries(set.serviceNames().size(), 0);
    std::vector<std::vector<std::int64_t>> serverDurations(set.serviceNames().size());
    std::vector<bool> hasForeignChild(set.spans().size(), false);

    for (const SpanIndex s : scope) {
        const Span& span = set.span(s);
        const ServiceId service = serviceOf[s.value];
        if (options.foldMeshProxies && proxy[s.value])
            continue; // folded: the proxy is its service's, not a node or a call of its own
        ++spanCount[service.value];
        errorCount[service.value] += span.isError() ? 1 : 0;
        if (span.kind == SpanKind::Server || span.kind == SpanKind::Consumer)
            serverDurations[service.value].push_back(span.durationNs);
        // The caller: the nearest ancestor that is not a folded proxy.
        SpanIndex parent = set.forest().parentOf(s);
        while (parent.isValid() && options.foldMeshProxies && proxy[parent.value])
            parent = set.forest().parentOf(parent);
        if (!parent.isValid()) {
            ++entries[service.value];
            continue;
        }
        const ServiceId caller = serviceOf[parent.value];
        if (caller == service)
            continue;
        hasForeignChild[parent.value] = true;
        ++entries[service.value];
        EdgeBuilder& edge = instrumented[{caller.value, service.value}];
        // The call's latency as the caller saw it, when the caller recorded a client span.
        const Span& parentSpan = set.span(parent);
        edge.spans.push_back(isCallerSide(parentSpan.kind) ? parent : s);
        edge.errors += span.isError() ? 1 : 0;
        if (parentSpan.kind == SpanKind::Producer && edge.via.empty()) {
            const std::string system = firstAttribute(set, parentSpan, {"messaging.system"});
            const std::string destination =
                firstAttribute(set, parentSpan, {"messaging.destination.name", "messaging.destination"});
            edge.via = destination.empty() ? system : system + ' ' + destination;
        }
    }
    if (options.includeVirtual) {
        for (const SpanIndex s : scope) {
            const Span& span = set.span(s);
            if (!isCallerSide(span.kind) || hasForeignChild[s.value] || (options.foldMeshProxies && proxy[s.value]))
                continue;
            std::string peer = virtualPeerName(set, s);
            // A client span naming its own service (a driver span inside a database) is no call.
            // A peer named like another instrumented service is that service, which just sent
            // no span for this call.
            if (peer.empty() || peer == set.serviceName(serviceOf[s.value]))
                continue;
            EdgeBuilder& edge = toPeers[{serviceOf[s.value].value, std::move(peer)}];
            edge.spans.push_back(s);
            edge.errors += span.isError() ? 1 : 0;
        }
    }

    DependencyGraph graph;
    std::map<std::string, std::uint32_t> nodeByName;
    const auto nodeFor = [&](const std::string& name, bool isVirtual) {
        const auto [it, inserted] = nodeByName.try_emplace(name, 0);
        if (inserted) {
            it->second = static_cast<std::uint32_t>(graph.nodes.size());
            graph.nodes.push_back({name, isVirtual, {}, 0, 0, 0, 0});
        }
        return it->second;
    };
    for (std::uint32_t s = 0; s < spanCount.size(); ++s) {
        if (spanCount[s] == 0)
            continue;
        const std::uint32_t n = nodeFor(std::string(set.serviceName(ServiceId {s})), false);
        DependencyNode& node = graph.nodes[n];
        node.service = ServiceId {s};
        node.spans = spanCount[s];
        node.errors = errorCount[s];
        node.entryCalls = entries[s];
        std::sort(serverDurations[s].begin(), serverDurations[s].end());
        node.serverP95Ns = percentileOfSorted(serverDurations[s], 95);
    }
    std::uint64_t totalCalls = 0;
    const auto addEdge = [&](std::uint32_t from, std::uint32_t to, bool isVirtual, EdgeBuilder& built) {
        DependencyEdge edge;
        edge.from = from;
        edge.to = to;
        edge.isVirtual = isVirtual;
        edge.calls = built.spans.size();
        edge.errors = built.errors;
        edge.via = std::move(built.via);
        const auto durations = sortedDurations(set, built.spans);
        edge.p50Ns = percentileOfSorted(durations, 50);
        edge.p95Ns = percentileOfSorted(durations, 95);
        edge.p99Ns = percentileOfSorted(durations, 99);
        edge.callSpans = std::move(built.spans);
        totalCalls += edge.calls;
        graph.edges.push_back(std::move(edge));
    };
    for (auto& [pair, built] : instrumented)
        addEdge(nodeFor(std::string(set.serviceName(ServiceId {pair.first})), false),
            nodeFor(std::string(set.serviceName(ServiceId {pair.second})), false), false, built);
    for (auto& [pair, built] : toPeers) {
        const auto existing = nodeByName.find(pair.second);
        const bool peerIsService = existing != nodeByName.end() && !graph.nodes[existing->second].isVirtual;
        const std::uint32_t to = nodeFor(pair.second, !peerIsService);
        DependencyNode& peer = graph.nodes[to];
        if (peer.isVirtual) {
            peer.entryCalls += built.spans.size();
            peer.errors += built.errors;
        }
        addEdge(nodeFor(std::string(set.serviceName(ServiceId {pair.first})), false), to, true, built);
    }
    // Virtual peers' p95: of the calls made to them.
    for (std::uint32_t n = 0; n < graph.nodes.size(); ++n) {
        if (!graph.nodes[n].isVirtual)
            continue;
        std::vector<std::int64_t> durations;
        for (const DependencyEdge& e : graph.edges)
            if (e.to == n)
                for (const SpanIndex s : e.callSpans)
                    durations.push_back(set.span(s).durationNs);
        std::sort(durations.begin(), durations.end());
        graph.nodes[n].serverP95Ns = percentileOfSorted(durations, 95);
    }
    for (DependencyEdge& e : graph.edges)
        e.shareOfCalls = totalCalls ? static_cast<double>(e.calls) / static_cast<double>(totalCalls) : 0;

    // Stable order: nodes by name, edges by (from name, to name).
    std::vector<std::uint32_t> order(graph.nodes.size());
    for (std::uint32_t i = 0; i < order.size(); ++i)
        order[i] = i;
    std::sort(order.begin(), order.end(),
        [&](std::uint32_t a, std::uint32_t b) { return graph.nodes[a].name < graph.nodes[b].name; });
    std::vector<std::uint32_t> newIndex(order.size());
    std::vector<DependencyNode> sorted;
    for (std::uint32_t i = 0; i < order.size(); ++i) {
        newIndex[order[i]] = i;
        sorted.push_back(std::move(graph.nodes[order[i]]));
    }
    graph.nodes = std::move(sorted);
    for (DependencyEdge& e : graph.edges) {
        e.from = newIndex[e.from];
        e.to = newIndex[e.to];
    }
    std::sort(graph.edges.begin(), graph.edges.end(), [](const DependencyEdge& a, const DependencyEdge& b) {
        return std::tie(a.from, a.to) < std::tie(b.from, b.to);
    });
    return graph;
}

std::optional<std::uint32_t> DependencyGraph::findNode(std::string_view name) const
{
    for (std::uint32_t i = 0; i < nodes.size(); ++i)
        if (nodes[i].name == name)
            return i;
    return std::nullopt;
}

namespace {

std::vector<std::uint32_t> reachable(const DependencyGraph& graph, std::uint32_t start, bool forward, int depth)
{
    std::vector<int> distance(graph.nodes.size(), -1);
    std::vector<std::uint32_t> frontier {start};
    distance[start] = 0;
    for (int level = 0; !frontier.empty() && (depth < 0 || level < depth); ++level) {
        std::vector<std::uint32_t> next;
        for (const DependencyEdge& e : graph.edges) {
            const std::uint32_t from = forward ? e.from : e.to;
            const std::uint32_t to = forward ? e.to : e.from;
            if (distance[from] == level && distance[to] < 0 &&
                std::find(frontier.begin(), frontier.end(), from) != frontier.end()) {
                distance[to] = level + 1;
                next.push_back(to);
            }
        }
        frontier = std::move(next);
    }
    std::vector<std::uint32_t> result;
    for (std::uint32_t i = 0; i < distance.size(); ++i)
        if (distance[i] > 0)
            result.push_back(i);
    return result;
}

} // namespace

std::vector<std::uint32_t> DependencyGraph::upstream(std::uint32_t node) const
{
    return reachable(*this, node, false, -1);
}

std::vector<std::uint32_t> DependencyGraph::downstream(std::uint32_t node) const
{
    return reachable(*this, node, true, -1);
}

std::vector<std::uint32_t> DependencyGraph::neighbourhood(std::uint32_t node, int depth) const
{
    std::set<std::uint32_t> all {node};
    for (const std::uint32_t n : reachable(*this, node, false, depth))
        all.insert(n);
    for (const std::uint32_t n : reachable(*this, node, true, depth))
        all.insert(n);
    return {all.begin(), all.end()};
}

DependencyGraph DependencyGraph::subgraph(const std::vector<std::uint32_t>& keep) const
{
    DependencyGraph result;
    std::vector<std::int64_t> newIndex(nodes.size(), -1);
    for (std::uint32_t i = 0; i < nodes.size(); ++i)
        if (std::find(keep.begin(), keep.end(), i) != keep.end()) {
            newIndex[i] = static_cast<std::int64_t>(result.nodes.size());
            result.nodes.push_back(nodes[i]);
        }
    for (const DependencyEdge& e : edges)
        if (newIndex[e.from] >= 0 && newIndex[e.to] >= 0) {
            DependencyEdge copy = e;
            copy.from = static_cast<std::uint32_t>(newIndex[e.from]);
            copy.to = static_cast<std::uint32_t>(newIndex[e.to]);
            result.edges.push_back(std::move(copy));
        }
    return result;
}

} // namespace Spanwise
