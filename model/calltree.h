#pragma once

#include "ids.h"

#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace Spanwise {

class TraceSet;

// One path from the root: a service and an operation under the path of its parent.
struct CallTreeNode {
    std::string service; // empty for the virtual root
    std::string operation;
    std::uint32_t parent = 0; // the virtual root is its own parent
    std::uint32_t depth = 0;  // 0 for the virtual root, 1 for the traces' roots
    std::vector<std::uint32_t> children;
    std::uint64_t count = 0;               // spans on this path
    std::int64_t totalNs = 0;              // their durations added up
    std::int64_t selfNs = 0;               // their self times added up
    std::vector<std::int64_t> durationsNs; // each span's, for percentiles
    SpanIndex example;                     // the first span seen on this path
};

// The spans of some traces merged by their path of service+operation from the root, the way
// a profiler merges call stacks: siblings with the same service and operation become one node
// with a count. Several roots (a trace with orphans, or several traces) hang under one virtual
// root, nodes[0]. Names are strings, so trees of different loads compare.
struct CallTree {
    static constexpr std::uint32_t root = 0;
    static constexpr std::uint32_t none = UINT32_MAX;

    std::vector<CallTreeNode> nodes;
    std::uint32_t traceCount = 0;

    std::uint32_t childOf(std::uint32_t node, std::string_view service, std::string_view operation) const;
};

CallTree buildCallTree(const TraceSet& set, std::span<const TraceIndex> traces);

} // namespace Spanwise
