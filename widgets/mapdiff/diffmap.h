#pragma once

#include "dependencygraph.h"
#include "graphstyle.h"
#include "mapdiff.h"

#include <memory>

namespace Spanwise {

// The map diff drawn as one map: every service and edge of either map, coloured by what happened
// to it (added, removed, worse, better, calls changed, unchanged), labelled with its figures
// before and after, with a legend. The graph carries the figures after (before, for what was
// removed), so the plain map's layout and interaction work on it unchanged.
struct DiffMap {
    std::shared_ptr<const DependencyGraph> graph;
    std::shared_ptr<const GraphStyle> style;
    MapDiff diff; // indexed like the graph: services like its nodes, edges like its edges
};

DiffMap buildDiffMap(
    MapDiff diff, const DependencyGraph& before, const DependencyGraph& after, const MapDiffThresholds& thresholds);

// The colours of the legend, the same in light and dark themes and in exports.
QColor diffColour(DiffStatus status, DiffTrend trend);

} // namespace Spanwise
