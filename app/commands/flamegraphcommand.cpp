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
    const QCommandLineOption outputOption(QStringList {QStringLiteral("o"), QStringLiteral("output")},
        QStringLiteral("The image to write: .svg or .png."), QStringLiteral("FILE"));
    const QCommandLineOption widthOption(QStringLiteral("width"),
        QStringLiteral("Image width in pixels (default 1400)."), QStringLiteral("N"), QStringLiteral("1400"));
    QCommandLineParser& parser = command.parser();
    parser.addOptions({traceOption, mergedOption, outputOption, widthOption});
    if (const auto stop = command.parse(arguments))
        return *stop;
    bool widthOk = false;
    const int width = parser.value(widthOption).toInt(&widthOk);
    if (command.files().isEmpty() || !parser.isSet(outputOption) || !widthOk || width < 400 || width > 20000)
        return command.usageError(QStringLiteral("give trace files, -o FILE, and a width from 400 to 20000"));
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
        TraceIndex trace {0};
        if (parser.isSet(traceOption)) {
            const auto found = command.findTrace(set, parser.value(traceOption));
            if (!found)
                return ExitInputFailed;
            trace = *found;
        } else if (set.traces().size() != 1) {
            return command.usageError(
                QStringLiteral("the files hold %1 traces; choose one with --trace ID, or --merged")
                    .arg(set.traces().size()));
        }
        graph = flameChartOf(set, trace);
    }
    const TraceSetPresentation presentation(result.traces);
    FlameExportOptions options;
    options.width = width;
    const FlameExportResult written = exportFlameGraph(graph, presentation, parser.value(outputOption), options);
    if (!written.error.isEmpty())
        return command.failure(written.error);
    if (written.rowsLeftOut > 0)
        command.err() << "spanwise flamegraph: the PNG holds the first " << options.maxPngRows << " of "
                      << graph.depthCount << " levels; " << written.rowsLeftOut
                      << " deeper levels were left out (SVG keeps them all)\n";
    return ExitDone;
}

} // namespace Spanwise
