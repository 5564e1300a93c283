#pragma once

#include "dependencygraph.h"

#include <vector>

namespace Spanwise {

class TraceSet;

// The spans of one trace as a graph of operations: a node per service+operation (named
// "service: operation"; spans = how many spans it has, serverP95Ns their p95), an edge per
// caller→callee operation pair with the calls it made (siblings on one pair merge into a
// count; callSpans are the callee spans). An operation called from two places is one node with
// two callers, so the graph is a DAG (a cycle only where operations recurse). It reuses the
// dependency map's shape, so the map's layout, drawing and exports draw it.
struct TraceGraph {
    DependencyGraph graph;
    std::vector<SpanIndex> firstSpan; // by node: its earliest span, to open
    // The trace's critical path (model/criticalpath) on the graph: the operations it passes
    // through and the calls between consecutive ones.
    std::vector<bool> criticalNodes;
    std::vector<bool> criticalEdges;
};

TraceGraph traceGraphOf(const TraceSet& set, TraceIndex trace);

} // namespace Spanwise
