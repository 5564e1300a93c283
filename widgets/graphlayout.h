#pragma once

#include <QPainterPath>
#include <QPolygonF>
#include <QRectF>
#include <QString>

#include <vector>

namespace Spanwise {

struct DependencyGraph;

// Where Graphviz put a dependency graph's nodes and edges, in points, y pointing down.
struct GraphLayout {
    struct Node {
        QRectF rect;
    };
    struct Edge {
        QPainterPath path; // the spline, from the caller's border to the arrow's base
        QPolygonF arrow;   // the arrowhead at the callee
        QPointF labelPos;
    };
    std::vector<Node> nodes; // indexed like DependencyGraph::nodes
    std::vector<Edge> edges; // indexed like DependencyGraph::edges
    QRectF bounds;
    QString error; // set when Graphviz failed; the rest is empty then
};

struct GraphLayoutOptions {
    bool leftToRight = true;
};

// Lays the graph out with Graphviz `dot` through the cgraph/gvc C API: node names are stable
// ids (n0, n1, ...), labels are set through the API (escaped for escString), never DOT text
// glued together. Graphviz is not thread-safe: every call holds one process-wide lock, so it
// may run on any worker thread.
GraphLayout layoutGraph(const DependencyGraph& graph, const GraphLayoutOptions& options = {});

// The label a node gets (name, and its figures), shared by the layout (for sizing) and views.
QString nodeLabel(const DependencyGraph& graph, std::size_t node);
// The DOT text of the graph as Graphviz itself writes it (agwrite), with the same ids and labels.
QString graphToDot(const DependencyGraph& graph, const GraphLayoutOptions& options = {});

} // namespace Spanwise
