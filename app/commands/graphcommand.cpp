#include "graphcommand.h"

#include "command.h"
#include "dependencygraph.h"
#include "formatting.h"
#include "graphexport.h"
#include "graphlayout.h"
#include "servicecolors.h"
#include "traceloader.h"
#include "traceset.h"

#include <QCommandLineParser>
#include <QTextStream>

namespace Spanwise {

int runGraphCommand(const QStringList& arguments)
{
    Command command(QStringLiteral("graph"), QStringLiteral("Draw the service dependency map as SVG, PNG or DOT."),
        QStringLiteral("FILE... -o deps.svg|deps.png|deps.dot [--focus SERVICE --depth N] [--trace ID] [--no-virtual] "
                       "[--fold-mesh] [--top-to-bottom]"));
    QCommandLineParser& parser = command.parser();
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
    if (const auto stop = command.parse(arguments))
        return *stop;
    bool depthOk = false;
    const int hops = parser.value(depth).toInt(&depthOk);
    if (command.files().isEmpty() || !parser.isSet(output) || !depthOk || hops < 1 || hops > 20)
        return command.usageError(QStringLiteral("give trace files, -o FILE, and a depth from 1 to 20"));
    const LoadResult result = command.load();
    if (result.anyFailed())
        return ExitInputFailed;
    const TraceSet& set = *result.traces;
    DependencyOptions options;
    options.includeVirtual = !parser.isSet(noVirtual);
    options.foldMeshProxies = parser.isSet(foldMesh);
    if (parser.isSet(trace)) {
        const auto index = command.findTrace(set, parser.value(trace));
        if (!index)
            return ExitInputFailed;
        options.onlyTrace = *index;
    }
    DependencyGraph graph = computeDependencyGraph(set, options);
    if (parser.isSet(focus)) {
        const auto node = graph.findNode(parser.value(focus).toStdString());
        if (!node)
            return command.failure(QStringLiteral("no service %1 in the map").arg(parser.value(focus)));
        graph = graph.subgraph(graph.neighbourhood(*node, hops));
    }
    GraphLayoutOptions layout;
    layout.leftToRight = !parser.isSet(topToBottom);
    // Light, as every export: the colours the window assigns the same services.
    const std::vector<QColor> colors = servicePalettesOf(set)[0];
    if (const QString error = exportDependencyGraph(graph, layout, parser.value(output), colors); !error.isEmpty())
        return command.failure(error);
    return ExitDone;
}

} // namespace Spanwise
