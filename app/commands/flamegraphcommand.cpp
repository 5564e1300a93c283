#include "flamegraphcommand.h"

#include "calltree.h"
#include "command.h"
#include "flamegraph.h"
#include "flamegraphexport.h"
#include "spanscope.h"
#include "traceset.h"
#include "tracesetpresentation.h"

#include <QCommandLineParser>

namespace Spanwise {

int runFlameGraphCommand(const QStringList& arguments)
{
    Command command(QStringLiteral("flamegraph"),
        QStringLiteral("Draw a trace's flame chart, or every trace merged by path, as SVG or PNG."),
        QStringLiteral("FILE... [--trace ID | --merged] -o out.svg|out.png [--width N]"));
    const QCommandLineOption traceOption(QStringLiteral("trace"),
        QStringLiteral("The trace id (hex) to draw; needed when the files hold several traces."), QStringLiteral("ID"));
    const QCommandLineOption mergedOption(QStringLiteral("merged"),
        QStringLiteral("Merge every trace of the files by path, as a profiler's flame graph."));
    const ImageOptions image;
    QCommandLineParser& parser = command.parser();
    parser.addOptions({traceOption, mergedOption, image.output, image.width});
    if (const auto stop = command.parse(arguments))
        return *stop;
    const auto width = command.imageWidth(image);
    if (!width)
        return width.error();
    if (parser.isSet(traceOption) && parser.isSet(mergedOption))
        return command.usageError(QStringLiteral("--trace and --merged do not go together"));
    const LoadResult result = command.load();
    if (result.anyFailed() || !result.traces || result.traces->spans().empty())
        return ExitInputFailed;
    const TraceSet& set = *result.traces;
    FlameGraph graph;
    if (parser.isSet(mergedOption)) {
        graph = mergedFlameGraph(buildCallTree(set, tracesInScope(set, {})));
    } else {
        const auto trace = command.chosenTrace(set, traceOption, QStringLiteral("--merged"));
        if (!trace)
            return trace.error();
        graph = flameChartOf(set, *trace);
    }
    const TraceSetPresentation presentation(result.traces);
    FlameExportOptions options;
    options.width = *width;
    const FlameExportResult written = exportFlameGraph(graph, presentation, parser.value(image.output), options);
    if (!written.error.isEmpty())
        return command.failure(written.error);
    if (written.rowsLeftOut > 0)
        command.err() << "spanwise flamegraph: the PNG holds the first " << options.maxPngRows << " of "
                      << graph.depthCount << " levels; " << written.rowsLeftOut
                      << " deeper levels were left out (SVG keeps them all)\n";
    return ExitDone;
}

} // namespace Spanwise
