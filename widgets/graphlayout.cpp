#include "graphlayout.h"

#include "dependencygraph.h"
#include "formatting.h"

#include <QFont>
#include <QFontMetricsF>

#include <graphviz/cgraph.h>
#include <graphviz/gvc.h>

#include <cstdio>
#include <memory>
#include <mutex>

namespace Spanwise {
namespace {

std::mutex& graphvizMutex()
{
    static std::mutex mutex;
    return mutex;
}

// One Graphviz context for the whole process, used under graphvizMutex(). Graphviz's text
// layout caches font data across contexts, so freeing a context and making a new one leaves
// that cache pointing at freed memory (AddressSanitizer caught it); a single context never does.
GVC_t* sharedContext()
{
    static GVC_t* context = gvContext();
    return context;
}
struct GraphDeleter {
    void operator()(Agraph_t* graph) const { agclose(graph); }
};

// Graphviz's C API takes char*, not const char*: keep the strings alive and mutable.
char* text(std::string& storage)
{
    return storage.data();
}

// escString: a backslash starts an escape (\n, \N, \G...), so literal backslashes double.
std::string escapedLabel(const QString& label)
{
    std::string out;
    for (const char c : label.toStdString()) {
        if (c == '\\')
            out += "\\\\";
        else if (c == '\n')
            out += "\\n";
        else if (c != '\r')
            out += c;
    }
    return out;
}

std::string inches(double points)
{
    char buffer[32];
    std::snprintf(buffer, sizeof buffer, "%.3f", points / 72.0);
    return buffer;
}

// The widest line of a node's label as GraphNodeItem paints it (name bold 10 pt, figures 8.5 pt).
double nodeTextWidth(const DependencyGraph& graph, std::size_t index)
{
    QFont bold;
    bold.setPointSizeF(10);
    bold.setBold(true);
    QFont small;
    small.setPointSizeF(8.5);
    const QString label = nodeLabel(graph, index);
    return std::max(QFontMetricsF(bold).horizontalAdvance(label.section(QLatin1Char('\n'), 0, 0)),
                    QFontMetricsF(small).horizontalAdvance(label.section(QLatin1Char('\n'), 1)));
}

// Builds the cgraph graph: the one place that knows Graphviz's attribute names.
std::unique_ptr<Agraph_t, GraphDeleter> buildGraph(const DependencyGraph& graph, const GraphLayoutOptions& options,
                                                   std::vector<Agnode_t*>& nodes, std::vector<Agedge_t*>& edges)
{
    std::string name = "dependencies";
    std::unique_ptr<Agraph_t, GraphDeleter> g(agopen(text(name), Agdirected, nullptr));
    const auto set = [](void* object, const char* key, const std::string& value, const char* fallback) {
        std::string k = key, v = value, d = fallback;
        agsafeset(object, text(k), text(v), text(d));
    };
    set(g.get(), "rankdir", options.leftToRight ? "LR" : "TB", "");
    set(g.get(), "nodesep", "0.35", "");
    set(g.get(), "ranksep", "0.6", "");
    set(g.get(), "fontname", "DejaVu Sans", "");
    for (std::size_t i = 0; i < graph.nodes.size(); ++i) {
        std::string id = "n" + std::to_string(i);
        Agnode_t* node = agnode(g.get(), text(id), 1);
        set(node, "shape", graph.nodes[i].isVirtual ? "cylinder" : "box", "");
        set(node, "style", graph.nodes[i].isVirtual ? "dashed" : "rounded", "");
        set(node, "fontname", "DejaVu Sans", "");
        set(node, "fontsize", "11", "");
        set(node, "margin", "0.15,0.08", "");
        set(node, "label", escapedLabel(nodeLabel(graph, i)), "");
        // Graphviz sizes labels with its own font metrics; ask for at least what Qt will draw.
        set(node, "width", inches(nodeTextWidth(graph, i) + 24), "0.75");
        nodes.push_back(node);
    }
    for (std::size_t i = 0; i < graph.edges.size(); ++i) {
        const DependencyEdge& e = graph.edges[i];
        std::string id = "e" + std::to_string(i);
        Agedge_t* edge = agedge(g.get(), nodes[e.from], nodes[e.to], text(id), 1);
        set(edge, "label", escapedLabel(QStringLiteral("%1 calls").arg(e.calls)), "");
        set(edge, "fontname", "DejaVu Sans", "");
        set(edge, "fontsize", "9", "");
        set(edge, "penwidth", inches(72.0 * (1.0 + 4.0 * e.shareOfCalls)), "1");
        if (e.isVirtual)
            set(edge, "style", "dashed", "");
        edges.push_back(edge);
    }
    return g;
}


} // namespace

QString nodeLabel(const DependencyGraph& graph, std::size_t index)
{
    const DependencyNode& node = graph.nodes[index];
    QString label = toQString(node.name);
    if (node.isVirtual)
        label += QStringLiteral("\n%1 calls").arg(node.entryCalls);
    else
        label += QStringLiteral("\n%1 spans").arg(node.spans);
    if (node.serverP95Ns > 0)
        label += QStringLiteral(" · p95 ") + formatDuration(node.serverP95Ns);
    return label;
}

GraphLayout layoutGraph(const DependencyGraph& graph, const GraphLayoutOptions& options)
{
    GraphLayout layout;
    if (graph.nodes.empty())
        return layout;
    const std::lock_guard lock(graphvizMutex());
    GVC_t* context = sharedContext();
    std::vector<Agnode_t*> nodes;
    std::vector<Agedge_t*> edges;
    auto g = buildGraph(graph, options, nodes, edges);
    std::string engine = "dot";
    if (gvLayout(context, g.get(), engine.c_str()) != 0) {
        layout.error = QStringLiteral("Graphviz could not lay out the graph");
        return layout;
    }
    const boxf box = GD_bb(g.get());
    layout.bounds = QRectF(0, 0, box.UR.x - box.LL.x, box.UR.y - box.LL.y);
    // Graphviz's y grows upwards: flip against the bounding box.
    const auto flip = [&](pointf p) { return QPointF(p.x - box.LL.x, box.UR.y - p.y); };
    for (Agnode_t* node : nodes) {
        const QPointF centre = flip(ND_coord(node));
        const double w = ND_width(node) * 72.0, h = ND_height(node) * 72.0;
        layout.nodes.push_back({QRectF(centre.x() - w / 2, centre.y() - h / 2, w, h)});
    }
    for (Agedge_t* edge : edges) {
        GraphLayout::Edge out;
        const splines* spl = ED_spl(edge);
        if (spl && spl->size > 0) {
            const bezier& b = spl->list[0];
            if (b.size > 0) {
                out.path.moveTo(flip(b.list[0]));
                for (int i = 1; i + 2 < b.size; i += 3)
                    out.path.cubicTo(flip(b.list[i]), flip(b.list[i + 1]), flip(b.list[i + 2]));
            }
            if (b.eflag) {
                // The arrow runs from the spline's end to the end point ep.
                const QPointF tip = flip(b.ep);
                const QPointF base = flip(b.list[b.size - 1]);
                const QPointF along = tip - base;
                const QPointF across(-along.y() * 0.45, along.x() * 0.45);
                out.arrow << tip << base + across << base - across;
            }
        }
        if (const textlabel_t* label = ED_label(edge))
            out.labelPos = flip(label->pos);
        layout.edges.push_back(out);
    }
    gvFreeLayout(context, g.get());
    return layout;
}

QString graphToDot(const DependencyGraph& graph, const GraphLayoutOptions& options)
{
    const std::lock_guard lock(graphvizMutex());
    std::vector<Agnode_t*> nodes;
    std::vector<Agedge_t*> edges;
    auto g = buildGraph(graph, options, nodes, edges);
    char* buffer = nullptr;
    std::size_t size = 0;
    FILE* stream = open_memstream(&buffer, &size);
    if (!stream)
        return {};
    agwrite(g.get(), stream);
    std::fclose(stream);
    const QString dot = QString::fromUtf8(buffer, static_cast<qsizetype>(size));
    std::free(buffer);
    return dot;
}

} // namespace Spanwise
