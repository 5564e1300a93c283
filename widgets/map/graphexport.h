#pragma once

#include <QColor>
#include <QString>

#include <vector>

namespace Spanwise {

struct DependencyGraph;
struct GraphLayoutOptions;

// Writes the map as SVG (the same drawing as on screen, names as inert text), PNG, or DOT (as
// Graphviz itself writes it), chosen by the file's extension. Returns an empty string, or one
// sentence saying what went wrong.
// Exports are documents: always in the light theme's colours, `serviceColors` (by ServiceId)
// from its palette.
QString exportDependencyGraph(const DependencyGraph& graph, const GraphLayoutOptions& options, const QString& path,
    const std::vector<QColor>& serviceColors = {});

} // namespace Spanwise
