#pragma once

#include "ids.h"

#include <cstdint>
#include <limits>
#include <vector>

namespace Spanwise {

class TraceSet;
struct CallTree;

// One box of a flame graph: where it sits on the horizontal axis and at which depth.
struct FlameFrame {
    static constexpr std::uint32_t none = std::numeric_limits<std::uint32_t>::max();

    std::int64_t startNs = 0; // on the graph's axis (see FlameGraph)
    std::int64_t endNs = 0;
    std::uint32_t depth = 0; // 0 for the roots
    std::uint32_t parent = none;
    SpanIndex span;              // the span (flame chart), or the first span on the path (merged)
    std::uint64_t count = 1;     // spans on the path (merged); 1 in a flame chart
    std::int64_t durationNs = 0; // the span's own duration, or the path's total
    std::int64_t selfNs = 0;     // what the children do not cover
    // Flame chart: the span outlives its parent (drawn clipped to it, with a mark). Merged: the
    // children ran in parallel, their added-up time exceeds this frame's, and they are drawn
    // scaled down to fit it (with the same mark).
    bool clipped = false;

    std::int64_t widthNs() const { return endNs - startNs; }
};

// Frames in depth-first order (a parent before its children). `merged` false: a flame chart of
// one trace, the axis is time (startNs..endNs of the trace), each span placed where it ran and
// clipped to its parent. `merged` true: spans merged by path (a CallTree), the axis is total
// time from 0, children side by side in order of service and operation, as a profiler's flame
// graph.
struct FlameGraph {
    std::vector<FlameFrame> frames;
    std::int64_t startNs = 0;
    std::int64_t endNs = 0;
    std::uint32_t depthCount = 0; // levels, roots included
    bool merged = false;
};

FlameGraph flameChartOf(const TraceSet& set, TraceIndex trace);
FlameGraph mergedFlameGraph(const CallTree& tree);

} // namespace Spanwise
