#pragma once

#include "dependencygraph.h"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace Spanwise {

class TraceSet;

// What the impact (blast radius) is asked about: a service or peer of the map, or one edge.
struct ImpactTarget {
    std::string service;           // the service, or the edge's caller
    std::optional<std::string> to; // set: the edge service -> to
};

struct ImpactService {
    std::string name;
    bool isVirtual = false;
    std::uint64_t traces = 0; // traces in which it is upstream (or downstream) of the target
};

// A trace's entry point: its root span's service and operation.
struct ImpactEntryPoint {
    std::string service, operation;
    std::uint64_t traces = 0;      // traces from this entry point that reach the target
    std::uint64_t tracesTotal = 0; // all traces from this entry point in scope
    double share() const { return tracesTotal ? static_cast<double>(traces) / static_cast<double>(tracesTotal) : 0; }
};

// Who depends on the target and what it depends on, counted trace by trace: a service is
// upstream only when, in some trace, one of its spans is an ancestor of a call to the target
// (the merged map's closure would over-count: A->B in one trace and B->C in another do not make
// A depend on C); downstream only when one of its spans (or a call to the peer) lies below one.
// Lists sorted by traces, most first, then by name.
struct Impact {
    bool found = false;       // the target is on the map
    std::uint64_t traces = 0; // traces that pass through the target
    std::uint64_t tracesInScope = 0;
    std::vector<ImpactService> upstream, downstream;
    std::vector<ImpactEntryPoint> entryPoints; // those the target's traces start from
};

// `graph` is the map computed from `set` with `options` (its nodes name the services, its
// virtual edges the calls to peers).
Impact computeImpact(
    const TraceSet& set, const DependencyGraph& graph, const DependencyOptions& options, const ImpactTarget& target);

} // namespace Spanwise
