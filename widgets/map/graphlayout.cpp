#include "graphlayout.h"

#include "dependencygraph.h"
#include "formatting.h"
#include "graphstyle.h"
#include "logging.h"

#include <QFont>
#include <QFontMetricsF>

#include <graphviz/cgraph.h>
#include <graphviz/gvc.h>

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QProcess>

#include <cstdio>
#include <cstdlib>
#include <expected>
#include <iostream>
#include <iterator>
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

// Past this many nodes and edges a layout may take long: it runs with bounded effort, out of
// process when a helper is set, where a cancel or the time limit can stop it.
constexpr std::size_t largeGraphElements = 250;

bool isLarge(const DependencyGraph& graph)
{
    return graph.nodes.size() + graph.edges.size() > largeGraphElements;
}

QString& layoutHelper()
{
    static QString executable;
    return executable;
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
    if (isLarge(graph)) {
        // dot's crossing minimisation and network simplex grow steeply with edges (100
        // services with 940 calls took minutes): bound their effort and draw straight edges.
        set(g.get(), "nslimit", "2", "");
        set(g.get(), "nslimit1", "2", "");
        set(g.get(), "mclimit", "0.1", "");
        set(g.get(), "searchsize", "10", "");
        set(g.get(), "remincross", "false", "");
        set(g.get(), "splines", "line", "");
    }
    for (std::size_t i = 0; i < graph.nodes.size(); ++i) {
        std::string id = "n" + std::to_string(i);
        Agnode_t* node = agnode(g.get(), text(id), 1);
        set(node, "shape", graph.nodes[i].isVirtual ? "cylinder" : "box", "");
        const GraphStyle::Element* styled =
            options.style && i < options.style->nodes.size() ? &options.style->nodes[i] : nullptr;
        const bool dotted = styled && styled->pen == Qt::DotLine;
        set(node, "style",
            graph.nodes[i].isVirtual ? (dotted ? "dotted" : "dashed") : (dotted ? "rounded,dotted" : "rounded"), "");
        set(node, "fontname", "DejaVu Sans", "");
        set(node, "fontsize", "11", "");
        set(node, "margin", "0.15,0.08", "");
        set(node, "label", escapedLabel(nodeLabel(graph, i)), "");
        if (styled && styled->colour.isValid())
            set(node, "color", styled->colour.name().toStdString(), "");
        // Graphviz sizes labels with its own font metrics; ask for at least what Qt will draw.
        // Room for the error badge on the corner too, so no label runs under it.
        const double badge = graph.nodes[i].errors > 0 ? 28 : 0;
        set(node, "width", inches(nodeTextWidth(graph, i) + 24 + badge), "0.75");
        nodes.push_back(node);
    }
    for (std::size_t i = 0; i < graph.edges.size(); ++i) {
        const DependencyEdge& e = graph.edges[i];
        std::string id = "e" + std::to_string(i);
        Agedge_t* edge = agedge(g.get(), nodes[e.from], nodes[e.to], text(id), 1);
        set(edge, "id", id, ""); // finds the edge again in a layout read back from DOT
        set(edge, "label", escapedLabel(edgeLabel(graph, i, options.style.get())), "");
        set(edge, "fontname", "DejaVu Sans", "");
        // Diff labels run to three lines: a little more room each keeps them apart.
        set(edge, "fontsize", options.style && !options.style->edgeLabels.empty() ? "11" : "9", "");
        set(edge, "penwidth", inches(72.0 * (1.0 + 4.0 * e.shareOfCalls)), "1");
        const GraphStyle::Element* styled =
            options.style && i < options.style->edges.size() ? &options.style->edges[i] : nullptr;
        if (styled && styled->colour.isValid())
            set(edge, "color", styled->colour.name().toStdString(), "");
        if (styled ? styled->pen != Qt::SolidLine : e.isVirtual)
            set(edge, "style", styled && styled->pen == Qt::DotLine ? "dotted" : "dashed", "");
        edges.push_back(edge);
    }
    return g;
}

} // namespace

QString edgeLabel(const DependencyGraph& graph, std::size_t index)
{
    const DependencyEdge& e = graph.edges[index];
    QString label = e.calls == 1 ? QStringLiteral("1 call") : QStringLiteral("%1 calls").arg(e.calls);
    if (e.errors > 0)
        label += QStringLiteral(", %1 err").arg(e.errors);
    return label;
}

QString edgeLabel(const DependencyGraph& graph, std::size_t index, const GraphStyle* style)
{
    return style && index < style->edgeLabels.size() ? style->edgeLabels[index] : edgeLabel(graph, index);
}

QString nodeLabel(const DependencyGraph& graph, std::size_t index)
{
    const DependencyNode& node = graph.nodes[index];
    QString label = toQString(node.name);
    if (node.isVirtual)
        label += node.entryCalls == 1 ? QStringLiteral("\n1 call") : QStringLiteral("\n%1 calls").arg(node.entryCalls);
    else
        label += node.spans == 1 ? QStringLiteral("\n1 span") : QStringLiteral("\n%1 spans").arg(node.spans);
    if (node.serverP95Ns > 0)
        label += QStringLiteral(" · p95 ") + formatDuration(node.serverP95Ns);
    return label;
}

namespace {

// Reads positions out of a graph Graphviz has laid out; nodes and edges in the graph's order.
GraphLayout extractLayout(Agraph_t* g, const std::vector<Agnode_t*>& nodes, const std::vector<Agedge_t*>& edges)
{
    GraphLayout layout;
    const boxf box = GD_bb(g);
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
        const splines* spl = edge ? ED_spl(edge) : nullptr;
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
        if (const textlabel_t* label = edge ? ED_label(edge) : nullptr)
            out.labelPos = flip(label->pos);
        layout.edges.push_back(out);
    }
    return layout;
}

// Runs the helper (`spanwise layout-graph`) on the graph's DOT text with one engine, polling
// for a cancel and the time limit, and kills it on either. The laid-out DOT, or why not.
std::expected<QByteArray, QString> layoutInChild(
    const QByteArray& dot, const char* engine, const GraphLayoutOptions& options)
{
    QProcess child;
    child.start(layoutHelper(), {QStringLiteral("layout-graph"), QString::fromLatin1(engine)});
    if (!child.waitForStarted(10000))
        return std::unexpected(
            QStringLiteral("cannot start the layout helper %1: %2").arg(layoutHelper(), child.errorString()));
    child.write(dot);
    child.closeWriteChannel();
    QElapsedTimer clock;
    clock.start();
    // Never on the GUI thread: the map view calls this from its BackgroundWork job, the graph
    // command from a headless process. waitForFinished keeps reading the child's output into
    // QProcess's own buffer.
    while (!child.waitForFinished(50)) {
        const bool cancelled = options.cancel && options.cancel->load();
        if (cancelled || clock.elapsed() > options.timeLimitMs) {
            qCWarning(lcLayout) << "stopping the layout helper (" << engine << ") after" << clock.elapsed()
                                << "ms:" << (cancelled ? "cancelled" : "time limit");
            child.kill();
            child.waitForFinished(1000);
            if (cancelled)
                return std::unexpected(QCoreApplication::translate("GraphLayout", "the layout was cancelled"));
            return std::unexpected(QCoreApplication::translate("GraphLayout", "Graphviz %1 did not finish within %2 s")
                                       .arg(QString::fromLatin1(engine))
                                       .arg(options.timeLimitMs / 1000));
        }
    }
    const QByteArray output = child.readAllStandardOutput();
    qCDebug(lcLayout) << "layout helper" << engine << "finished in" << clock.elapsed() << "ms";
    if (child.exitStatus() != QProcess::NormalExit || child.exitCode() != 0)
        return std::unexpected(
            QCoreApplication::translate("GraphLayout", "Graphviz %1 failed: %2")
                .arg(QString::fromLatin1(engine), QString::fromUtf8(child.readAllStandardError()).trimmed()));
    return output;
}

// Reads a laid-out DOT text back (positions become coordinates through the "nop2" engine,
// which keeps the given node positions and edge splines) and extracts the layout.
GraphLayout readLaidOut(const QByteArray& laidOut, const DependencyGraph& graph)
{
    GraphLayout layout;
    const std::lock_guard lock(graphvizMutex());
    std::unique_ptr<Agraph_t, GraphDeleter> g(agmemread(laidOut.constData()));
    if (!g) {
        layout.error = QStringLiteral("the layout helper wrote no readable graph");
        return layout;
    }
    GVC_t* context = sharedContext();
    if (gvLayout(context, g.get(), "nop2") != 0) {
        layout.error = QCoreApplication::translate("GraphLayout", "Graphviz could not read the layout back");
        return layout;
    }
    std::vector<Agnode_t*> nodes(graph.nodes.size(), nullptr);
    for (std::size_t i = 0; i < nodes.size(); ++i) {
        std::string id = "n" + std::to_string(i);
        nodes[i] = agnode(g.get(), text(id), 0);
        if (!nodes[i]) {
            gvFreeLayout(context, g.get());
            layout.error = QStringLiteral("the layout lost a node");
            return layout;
        }
    }
    std::vector<Agedge_t*> edges(graph.edges.size(), nullptr);
    for (Agnode_t* node = agfstnode(g.get()); node; node = agnxtnode(g.get(), node))
        for (Agedge_t* edge = agfstout(g.get(), node); edge; edge = agnxtout(g.get(), edge)) {
            const char* id = agget(edge, const_cast<char*>("id"));
            if (id && id[0] == 'e') {
                const std::size_t index = std::strtoull(id + 1, nullptr, 10);
                if (index < edges.size())
                    edges[index] = edge;
            }
        }
    layout = extractLayout(g.get(), nodes, edges);
    gvFreeLayout(context, g.get());
    return layout;
}

} // namespace

void setLayoutHelper(const QString& executable)
{
    layoutHelper() = executable;
}

int runLayoutHelper(const char* engine)
{
    const std::string engineName = engine && *engine ? engine : "dot";
    std::string input((std::istreambuf_iterator<char>(std::cin)), std::istreambuf_iterator<char>());
    const std::lock_guard lock(graphvizMutex());
    std::unique_ptr<Agraph_t, GraphDeleter> g(agmemread(input.c_str()));
    if (!g) {
        std::fprintf(stderr, "layout-graph: the input is not a DOT graph\n");
        return 1;
    }
    GVC_t* context = sharedContext();
    if (gvLayout(context, g.get(), engineName.c_str()) != 0) {
        std::fprintf(stderr, "layout-graph: Graphviz %s failed\n", engineName.c_str());
        return 1;
    }
    const int rendered = gvRender(context, g.get(), "dot", stdout);
    gvFreeLayout(context, g.get());
    return rendered == 0 ? 0 : 1;
}

GraphLayout layoutGraph(const DependencyGraph& graph, const GraphLayoutOptions& options)
{
    GraphLayout layout;
    if (graph.nodes.empty())
        return layout;
    qCDebug(lcLayout) << "laying out" << graph.nodes.size() << "nodes and" << graph.edges.size() << "edges"
                      << (isLarge(graph) ? (layoutHelper().isEmpty() ? "in process, bounded" : "in the helper")
                                         : "in process");
    if (isLarge(graph) && !layoutHelper().isEmpty()) {
        const QByteArray dot = graphToDot(graph, options).toUtf8();
        // dot with bounded effort first; if even that runs past the limit, sfdp, which is
        // near-linear, draws the map (as a force-directed picture, not in layers).
        auto laidOut = layoutInChild(dot, "dot", options);
        QString note;
        if (!laidOut && !(options.cancel && options.cancel->load())) {
            note = laidOut.error() + QStringLiteral("; drawn with sfdp instead");
            laidOut = layoutInChild(dot, "sfdp", options);
        }
        if (!laidOut) {
            layout.error = laidOut.error();
            return layout;
        }
        layout = readLaidOut(*laidOut, graph);
        layout.note = note;
        return layout;
    }
    const std::lock_guard lock(graphvizMutex());
    GVC_t* context = sharedContext();
    std::vector<Agnode_t*> nodes;
    std::vector<Agedge_t*> edges;
    auto g = buildGraph(graph, options, nodes, edges);
    if (gvLayout(context, g.get(), "dot") != 0) {
        layout.error = QCoreApplication::translate("GraphLayout", "Graphviz could not lay out the graph");
        return layout;
    }
    layout = extractLayout(g.get(), nodes, edges);
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
