#include "graphcommand.h"

#include "commandsupport.h"
#include "dependencygraph.h"
#include "formatting.h"
#include "graphexport.h"
#include "graphlayout.h"
#include "hexid.h"
#include "traceloader.h"
#include "traceset.h"

#include <QCommandLineParser>
#include <QTextStream>

namespace Spanwise {

int runGraphCommand(const QStringList& arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("Draw the service dependency map as SVG, PNG or DOT."));
    parser.addHelpOption();
    const QCommandLineOption output(QStringList {QStringLiteral("o"), QStringLiteral("output")},
        QStringLiteral("The file to write: .svg, .png or .dot."), QStringLiteral("FILE"));
    const QCommandLineOption focus(
        QStringLiteral("focus"), QStringLiteral("Only this service and its neighbours."), QStringLiteral("SERVICE"));
    const QCommandLineOption depth(QStringLiteral("depth"),
        QStringLiteral("Hops around the focus service (default 1)."), QStringLiteral("N"), QStringLiteral("1"));
    const QCommandLineOption trace(
        QStringLiteral("trace"), QStringLiteral("Only this trace (hex id)."), QStringLiteral("ID"));
    const QCommandLineOption noVirtual(QStringLiteral("no-virtual"), QStringLiteral("Leave out uninstrumented peers."));
    const QCommandLineOption foldMesh(
        QStringLiteral("fold-mesh"), QStringLiteral("Fold service-mesh proxy spans into their services."));
    const QCommandLineOption topToBottom(
        QStringLiteral("top-to-bottom"), QStringLiteral("Lay out top to bottom (default left to right)."));
    parser.addOptions({output, focus, depth, trace, noVirtual, foldMesh, topToBottom});
    parser.addPositionalArgument(
        QStringLiteral("files"), QStringLiteral("Trace files to load."), QStringLiteral("FILE..."));
    QTextStream err(stderr);
    const QString usage =
        QStringLiteral("Usage: spanwise graph FILE... -o deps.svg|deps.png|deps.dot [--focus SERVICE --depth N] "
                       "[--trace ID] [--no-virtual] [--fold-mesh] [--top-to-bottom]\n");
    if (!parser.parse(arguments)) {
        err << "spanwise graph: " << parser.errorText() << '\n' << usage;
        return 2;
    }
    if (parser.isSet(QStringLiteral("help"))) {
        QTextStream(stdout) << parser.helpText();
        return 0;
    }
    bool depthOk = false;
    const int hops = parser.value(depth).toInt(&depthOk);
    if (parser.positionalArguments().isEmpty() || !parser.isSet(output) || !depthOk || hops < 1 || hops > 20) {
        err << "spanwise graph: give trace files, -o FILE, and a depth from 1 to 20\n" << usage;
        return 2;
    }
    const LoadResult result = loadForCommand(parser.positionalArguments(), err);
    if (result.anyFailed())
        return 1;
    const TraceSet& set = *result.traces;
    DependencyOptions options;
    options.includeVirtual = !parser.isSet(noVirtual);
    options.foldMeshProxies = parser.isSet(foldMesh);
    if (parser.isSet(trace)) {
        const auto id = parseHexTraceId(parser.value(trace).trimmed().toStdString());
        const TraceIndex index = id ? set.forest().findTrace(*id) : TraceIndex {};
        if (!index.isValid()) {
            err << "spanwise graph: no trace " << parser.value(trace) << " in the loaded files\n";
            return 1;
        }
        options.onlyTrace = index;
    }
    DependencyGraph graph = computeDependencyGraph(set, options);
    if (parser.isSet(focus)) {
        const auto node = graph.findNode(parser.value(focus).toStdString());
        if (!node) {
            err << "spanwise graph: no service " << parser.value(focus) << " in the map\n";
            return 1;
        }
        graph = graph.subgraph(graph.neighbourhood(*node, hops));
    }
    GraphLayoutOptions layout;
    layout.leftToRight = !parser.isSet(topToBottom);
    if (const QString error = exportDependencyGraph(graph, layout, parser.value(output)); !error.isEmpty()) {
        err << "spanwise graph: " << error << '\n';
        return 1;
    }
    return 0;
}

} // namespace Spanwise
