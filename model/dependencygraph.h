#pragma once

#include "ids.h"

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace Spanwise {

class TraceSet;

// A node of the service dependency map: an instrumented service, or a virtual peer — a database,
// queue or remote service that sent no spans, known only from its callers' client spans.
struct DependencyNode {
    std::string name;
    bool isVirtual = false;
    ServiceId service;            // for instrumented services
    std::uint64_t spans = 0;      // spans the service recorded
    std::uint64_t entryCalls = 0; // calls into it (edges in, plus trace roots)
    std::uint64_t errors = 0;     // its error spans (for a virtual peer: failed calls to it)
    std::int64_t serverP95Ns = 0; // p95 of its server/consumer spans (virtual: of the calls)
};

// Calls from one node to another: each one a span, so each can be opened.
struct DependencyEdge {
    std::uint32_t from = 0; // node indices
    std::uint32_t to = 0;
    bool isVirtual = false;
    std::uint64_t calls = 0;
    std::uint64_t errors = 0;
    std::int64_t p50Ns = 0, p95Ns = 0, p99Ns = 0;
    double shareOfCalls = 0;
    std::string via;                  // the broker and destination of messaging calls, when known
    std::vector<SpanIndex> callSpans; // the span that measured each call (client side when there is one)

    double errorRate() const { return calls ? static_cast<double>(errors) / static_cast<double>(calls) : 0; }
};

struct DependencyOptions {
    std::optional<TraceIndex> onlyTrace;
    std::shared_ptr<const std::vector<bool>> onlyTraces; // by TraceIndex: the traces a filter passed
    bool includeVirtual = true;
    // Service-mesh sidecar spans (component=proxy, upstream_cluster, istio.*) count as the
    // service they front (meshfolding.h), so the map shows services, not proxies, and a failure
    // only a sidecar saw stays on the map as that service's.
    bool foldMeshProxies = false;
};

// The service dependency map of the loaded spans (definition in docs/dependency-map.md):
// an instrumented edge for every parent/child span pair across services (the `summary` edges),
// and, optionally, virtual edges to peers named by client/producer spans with no child in
// another service. Nodes and edges are sorted by name.
struct DependencyGraph {
    std::vector<DependencyNode> nodes;
    std::vector<DependencyEdge> edges;

    std::optional<std::uint32_t> findNode(std::string_view name) const;
    // The nodes within `depth` hops of `node` in either direction (the node included).
    std::vector<std::uint32_t> neighbourhood(std::uint32_t node, int depth) const;
    // Every node that (transitively) calls `node`, or that `node` (transitively) calls.
    std::vector<std::uint32_t> upstream(std::uint32_t node) const;
    std::vector<std::uint32_t> downstream(std::uint32_t node) const;
    // The graph restricted to some nodes (edges between them kept), node order kept.
    DependencyGraph subgraph(const std::vector<std::uint32_t>& nodes) const;
};

DependencyGraph computeDependencyGraph(const TraceSet& set, const DependencyOptions& options = {});

// The name a client or producer span gives its uninstrumented peer, or empty when it names none:
// peer.service, db.system (+ db.name / db.namespace), messaging.system + destination,
// rpc.service, server.address / net.peer.name, Zipkin remoteEndpoint.serviceName.
std::string virtualPeerName(const TraceSet& set, SpanIndex span);

} // namespace Spanwise
