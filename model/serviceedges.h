#pragma once

#include "ids.h"

#include <cstdint>
#include <vector>

namespace Spanwise {

class TraceSet;

// Calls from one service to another, as seen in parent/child spans.
struct ServiceEdge {
    ServiceId from;
    ServiceId to;
    std::uint32_t calls = 0;
    std::uint32_t errors = 0; // calls whose child span is an error span
};

// One call for every span whose parent (in the same trace) belongs to another service.
// Sorted by caller name, then callee name. See docs/summary.md.
std::vector<ServiceEdge> computeServiceEdges(const TraceSet& set);

// Every service id, sorted by name.
std::vector<ServiceId> servicesByName(const TraceSet& set);

} // namespace Spanwise
