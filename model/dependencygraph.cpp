#include "dependencygraph.h"

#include "meshfolding.h"
#include "operationstats.h"
#include "spanscope.h"
#include "traceset.h"

#include <algorithm>
#include <map>
#include <set>

namespace Spanwise {
namespace {

bool isCallerSide(SpanKind kind)
{
    return kind == SpanKind::Client || kind == SpanKind::Producer;
}

struct EdgeBuilder {
    std::vector<SpanIndex> spans;
    std::uint64_t errors = 0;
    std::string via;
};

// What one pass over the spans in scope gathers, before it becomes nodes and edges.
struct Tally {
    explicit Tally(std::size_t services, std::size_t spans)
        : spanCount(services, 0)
        , errorCount(services, 0)
        , entries(services, 0)
        , serverDurations(services)
        , hasForeignChild(spans, false)
    { }
    std::map<std::pair<std::uint32_t, std::uint32_t>, EdgeBuilder> instrumented; // by service ids
    std::map<std::pair<std::uint32_t, std::string>, EdgeBuilder> toPeers;        // service -> peer name
    std::vector<std::uint64_t> spanCount, errorCount, entries;
    std::vector<std::vector<std::int64_t>> serverDurations;
    std::vector<bool> hasForeignChild; // by span: some child counts as another service
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

// A folded sidecar that has a non-proxy child is a second measurement of that child's request:
// the application's own span speaks for the service's latency.
bool measuresItsService(const TraceSet& set, const ServiceAssignment& services, SpanIndex s)
{
    if (!services.isProxy(s))
        return true;
    for (const SpanIndex child : set.forest().childrenOf(s))
        if (!services.isProxy(child))
            return false;
    return true;
}

// Per service: spans, errors, entries and server latencies; per pair of services: the calls,
// one per span whose parent counts as another service.
void tallyInstrumentedCalls(
    const TraceSet& set, const std::vector<SpanIndex>& scope, const ServiceAssignment& services, Tally& tally)
{
    for (const SpanIndex s : scope) {
        const Span& span = set.span(s);
        const ServiceId service = services.serviceOf[s.value];
        ++tally.spanCount[service.value];
        tally.errorCount[service.value] += span.isError() ? 1 : 0;
        if ((span.kind == SpanKind::Server || span.kind == SpanKind::Consumer) && measuresItsService(set, services, s))
            tally.serverDurations[service.value].push_back(span.durationNs);
        const SpanIndex parent = set.forest().parentOf(s);
        if (!parent.isValid()) {
            ++tally.entries[service.value];
            continue;
        }
        const ServiceId caller = services.serviceOf[parent.value];
        if (caller == service)
            continue;
        // The caller's spans down to here made this call: none of them is a call to a peer.
        for (SpanIndex up = parent; up.isValid() && services.serviceOf[up.value] == caller;
             up = set.forest().parentOf(up)) {
            tally.hasForeignChild[up.value] = true;
            if (!services.isProxy(up))
                break;
        }
        ++tally.entries[service.value];
        EdgeBuilder& edge = tally.instrumented[{caller.value, service.value}];
        // The call's latency as the caller saw it, when the caller recorded a client span.
        const Span& parentSpan = set.span(parent);
        edge.spans.push_back(isCallerSide(parentSpan.kind) ? parent : s);
        edge.errors += span.isError() ? 1 : 0;
        if (parentSpan.kind == SpanKind::Producer && edge.via.empty()) {
            const std::string system = firstAttributeText(set, parent, {"messaging.system"});
            const std::string destination =
                firstAttributeText(set, parent, {"messaging.destination.name", "messaging.destination"});
            edge.via = destination.empty() ? system : system + ' ' + destination;
        }
    }
}

// Calls to peers that sent no spans: client and producer spans with no child in another service
// that name a peer (a folded outbound sidecar may name it by its upstream_cluster).
void tallyPeerCalls(
    const TraceSet& set, const std::vector<SpanIndex>& scope, const ServiceAssignment& services, Tally& tally)
{
    for (const SpanIndex s : scope) {
        const Span& span = set.span(s);
        if (!isCallerSide(span.kind) || tally.hasForeignChild[s.value])
            continue;
        std::string peer = virtualPeerName(set, s);
        if (peer.empty() && services.isProxy(s))
            peer = firstAttributeText(set, s, {"upstream_cluster"});
        // A client span naming its own service (a driver span inside a database) is no call.
        // A peer named like another instrumented service is that service, which just sent
        // no span for this call.
        const ServiceId caller = services.serviceOf[s.value];
        if (peer.empty() || peer == set.serviceName(caller))
            continue;
        EdgeBuilder& edge = tally.toPeers[{caller.value, std::move(peer)}];
        edge.spans.push_back(s);
        edge.errors += span.isError() ? 1 : 0;
    }
}

// Nodes for the services that counted spans, edges for the calls, peers as virtual nodes.
DependencyGraph assembleGraph(const TraceSet& set, Tally& tally)
{
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
    const auto serviceNode = [&](std::uint32_t service) {
        return nodeFor(std::string(set.serviceName(ServiceId {service})), false);
    };
    for (std::uint32_t s = 0; s < tally.spanCount.size(); ++s) {
        if (tally.spanCount[s] == 0)
            continue;
        DependencyNode& node = graph.nodes[serviceNode(s)];
        node.service = ServiceId {s};
        node.spans = tally.spanCount[s];
        node.errors = tally.errorCount[s];
        node.entryCalls = tally.entries[s];
        std::sort(tally.serverDurations[s].begin(), tally.serverDurations[s].end());
        node.serverP95Ns = percentileOfSorted(tally.serverDurations[s], 95);
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
    for (auto& [pair, built] : tally.instrumented)
        addEdge(serviceNode(pair.first), serviceNode(pair.second), false, built);
    for (auto& [pair, built] : tally.toPeers) {
        const auto existing = nodeByName.find(pair.second);
        const bool peerIsService = existing != nodeByName.end() && !graph.nodes[existing->second].isVirtual;
        const std::uint32_t to = nodeFor(pair.second, !peerIsService);
        DependencyNode& peer = graph.nodes[to];
        if (peer.isVirtual) {
            peer.entryCalls += built.spans.size();
            peer.errors += built.errors;
        }
        addEdge(serviceNode(pair.first), to, true, built);
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
    return graph;
}

// Stable order: nodes by name, edges by (from name, to name).
void sortByName(DependencyGraph& graph)
{
    std::vector<std::uint32_t> order(graph.nodes.size());
    for (std::uint32_t i = 0; i < order.size(); ++i)
        order[i] = i;
    std::sort(order.begin(), order.end(),
        [&](std::uint32_t a, std::uint32_t b) { return graph.nodes[a].name < graph.nodes[b].name; });
    std::vector<std::uint32_t> newIndex(order.size());
    std::vector<DependencyNode> sorted;
    sorted.reserve(order.size());
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
}

} // namespace

std::string virtualPeerName(const TraceSet& set, SpanIndex span)
{
    if (std::string peer = firstAttributeText(set, span, {"peer.service"}); !peer.empty())
        return peer;
    if (std::string db = firstAttributeText(set, span, {"db.system.name", "db.system"}); !db.empty()) {
        const std::string name = firstAttributeText(set, span, {"db.namespace", "db.name"});
        return name.empty() ? db : db + ' ' + name;
    }
    if (std::string system = firstAttributeText(set, span, {"messaging.system"}); !system.empty()) {
        const std::string destination =
            firstAttributeText(set, span, {"messaging.destination.name", "messaging.destination"});
        return destination.empty() ? system : system + ' ' + destination;
    }
    if (std::string rpc = firstAttributeText(set, span, {"rpc.service"}); !rpc.empty())
        return rpc;
    if (std::string address = firstAttributeText(set, span, {"server.address", "net.peer.name"}); !address.empty())
        return address;
    return firstAttributeText(set, span, {"remoteEndpoint.serviceName"});
}

DependencyGraph computeDependencyGraph(const TraceSet& set, const DependencyOptions& options)
{
    const std::vector<SpanIndex> scope = spansInScope(set, {options.onlyTrace, options.onlyTraces});
    const ServiceAssignment services = assignServices(set, scope, options.foldMeshProxies);
    Tally tally(set.serviceNames().size(), set.spans().size());
    tallyInstrumentedCalls(set, scope, services, tally);
    if (options.includeVirtual)
        tallyPeerCalls(set, scope, services, tally);
    DependencyGraph graph = assembleGraph(set, tally);
    sortByName(graph);
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
