#pragma once

#include "calltree.h"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace Spanwise {

// When a node of a comparison counts as changed (spanwise compare --min-change-percent,
// --min-change-ms): its span count differs, or its total time differs by more than both.
struct CompareThresholds {
    double minChangePercent = 10;
    std::int64_t minChangeNs = 1'000'000;
};

enum class NodeChange : std::uint8_t { Same, Added, Removed, Changed };
// "same", "added", "removed", "changed": the names scripts read (spanwise compare --json).
std::string_view nodeChangeName(NodeChange change);

// One path of two merged call trees, with its figures on each side (A, the baseline, and B).
struct ComparedNode {
    std::string service; // empty for the virtual root, nodes[0]
    std::string operation;
    std::uint32_t parent = 0;
    std::uint32_t depth = 0;
    std::vector<std::uint32_t> children; // the largest regression (B slower than A) first
    NodeChange status = NodeChange::Same;
    std::uint64_t countA = 0, countB = 0;
    std::int64_t totalNsA = 0, totalNsB = 0;
    std::int64_t selfNsA = 0, selfNsB = 0;
    // Median span duration on each side; nullopt where the side has no span on the path.
    std::optional<std::int64_t> p50NsA, p50NsB;
    SpanIndex exampleA, exampleB; // a span on the path, in the side's own trace set

    // Per trace of each side, so groups of different sizes compare; for two traces, the totals.
    double meanTotalNsA = 0, meanTotalNsB = 0;
    double meanSelfNsA = 0, meanSelfNsB = 0;
    double totalChangeNs() const { return meanTotalNsB - meanTotalNsA; }
    double selfChangeNs() const { return meanSelfNsB - meanSelfNsA; }
};

struct TraceComparison {
    std::vector<ComparedNode> nodes; // nodes[0]: the virtual root above every root
    std::uint32_t tracesA = 0, tracesB = 0;
    std::uint32_t added = 0, removed = 0, changed = 0;
    // Every node but the root, by the size of its total-time change, largest first (ties in
    // depth-first order).
    std::vector<std::uint32_t> byChange;

    // The path from the first node under the root down to `node`.
    std::vector<std::uint32_t> pathTo(std::uint32_t node) const;
};

// Merges two call trees path by path. A node is Added or Removed when the other side has no
// span on its path, Changed when its count per trace differs or its total time per trace moves
// by more than both thresholds, else Same.
TraceComparison compareCallTrees(const CallTree& a, const CallTree& b, CompareThresholds thresholds = {});

// The median (the lower middle for an even count) of some durations; nullopt when empty.
std::optional<std::int64_t> medianOf(std::vector<std::int64_t> durations);

} // namespace Spanwise
