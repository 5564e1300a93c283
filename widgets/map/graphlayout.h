#pragma once

#include <QPainterPath>
#include <QPolygonF>
#include <QRectF>
#include <QString>

#include <atomic>
#include <memory>
#include <vector>

namespace Spanwise {

struct DependencyGraph;
struct GraphStyle;

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
    QString note;  // how the layout was made when not as asked (a cheaper engine after a timeout)
};

struct GraphLayoutOptions {
    bool leftToRight = true;
    // For large graphs laid out by the helper (see setLayoutHelper): set to stop at once.
    const std::atomic<bool>* cancel = nullptr;
    // How long the helper may take, per engine tried.
    int timeLimitMs = 20'000;
    // Labels and colours other than the plain map's (the map diff): used by the layout (label
    // sizes), the DOT text (color, style) and the drawing.
    std::shared_ptr<const GraphStyle> style;
};

// Lays the graph out with Graphviz `dot` through the cgraph/gvc C API: node names are stable
// ids (n0, n1, ...), labels are set through the API (escaped for escString), never DOT text
// glued together. Graphviz is not thread-safe: every call holds one process-wide lock, so it
// may run on any worker thread. gvLayout cannot be interrupted, so a large graph (over 250
// nodes and edges) is laid out with bounded effort in a child process, the helper, which a
// cancel or the time limit kills; past the limit sfdp draws it instead (layout.note says so).
GraphLayout layoutGraph(const DependencyGraph& graph, const GraphLayoutOptions& options = {});

// The executable run as the helper, with arguments `layout-graph ENGINE`: the spanwise binary,
// which the app sets at start. Without one, large graphs are laid out in process (bounded
// effort, but no cancel).
void setLayoutHelper(const QString& executable);
// The helper's side: reads DOT on stdin, lays it out with ENGINE, writes DOT with positions to
// stdout. Returns the exit code.
int runLayoutHelper(const char* engine);

// The label a node gets (name, and its figures), shared by the layout (for sizing) and views.
// The edge's label, as drawn and as Graphviz reserves room for it: "12 calls, 3 err".
QString edgeLabel(const DependencyGraph& graph, std::size_t index);
// The label drawn on an edge: the style's when it gives one, else edgeLabel().
QString edgeLabel(const DependencyGraph& graph, std::size_t index, const GraphStyle* style);
QString nodeLabel(const DependencyGraph& graph, std::size_t node);
// The DOT text of the graph as Graphviz itself writes it (agwrite), with the same ids and labels.
QString graphToDot(const DependencyGraph& graph, const GraphLayoutOptions& options = {});

} // namespace Spanwise
