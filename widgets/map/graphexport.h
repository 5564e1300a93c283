#pragma once

#include <QString>

namespace Spanwise {

struct DependencyGraph;
struct GraphLayoutOptions;

// Writes the map as SVG (the same drawing as on screen, names as inert text), PNG, or DOT (as
// Graphviz itself writes it), chosen by the file's extension. Returns an empty string, or one
// sentence saying what went wrong.
QString exportDependencyGraph(const DependencyGraph& graph, const GraphLayoutOptions& options, const QString& path);

} // namespace Spanwise
