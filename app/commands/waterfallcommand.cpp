#include "waterfallcommand.h"

#include "command.h"
#include "formatting.h"
#include "query.h"
#include "traceloader.h"
#include "traceset.h"
#include "tracesetpresentation.h"
#include "waterfallexport.h"
#include "waterfallrows.h"

#include <QCommandLineParser>
#include <QFileInfo>
#include <QFontDatabase>
#include <QTextStream>

namespace Spanwise {
namespace {

// A time offset as the filter language writes durations ("1.5s", "250ms", a plain number in ms).
std::optional<std::int64_t> offsetValue(const QString& text)
{
    const auto query = parseQuery("t=" + text.trimmed().toStdString());
    if (!query || query->terms.size() != 1)
        return std::nullopt;
    return durationValue(query->terms.front().value);
}

} // namespace

int runWaterfallCommand(const QStringList& arguments)
{
    Command command(QStringLiteral("waterfall"), QStringLiteral("Draw one trace's waterfall as SVG or PNG."),
        QStringLiteral("FILE... [--trace ID] -o out.svg|out.png [--width N] [--from T] [--to T] [--depth N] "
                       "[--max-rows N]"));
    const QCommandLineOption traceOption(
        QStringLiteral("trace"), QStringLiteral("The trace id (hex) to draw."), QStringLiteral("ID"));
    const ImageOptions image;
    const QCommandLineOption fromOption(QStringLiteral("from"),
        QStringLiteral("Start of the time window, from the trace's start (e.g. 1.5s, 250ms)."), QStringLiteral("T"));
    const QCommandLineOption toOption(
        QStringLiteral("to"), QStringLiteral("End of the time window, from the trace's start."), QStringLiteral("T"));
    const QCommandLineOption depthOption(QStringLiteral("depth"),
        QStringLiteral("At most N levels of spans (the roots are level 1)."), QStringLiteral("N"));
    const QCommandLineOption maxRowsOption(
        QStringLiteral("max-rows"), QStringLiteral("At most N rows, from the top."), QStringLiteral("N"));
    QCommandLineParser& parser = command.parser();
    parser.addOptions({traceOption, image.output, image.width, fromOption, toOption, depthOption, maxRowsOption});
    if (const auto stop = command.parse(arguments))
        return *stop;
    const auto width = command.imageWidth(image);
    if (!width)
        return width.error();
    const auto from =
        parser.isSet(fromOption) ? offsetValue(parser.value(fromOption)) : std::optional<std::int64_t> {0};
    // GCC 12 warns of a maybe-uninitialized optional here: a sentinel says "no --to" instead.
    constexpr std::int64_t noEnd = -1;
    const std::int64_t to = parser.isSet(toOption) ? offsetValue(parser.value(toOption)).value_or(noEnd - 1) : noEnd;
    if (!from || to < noEnd || (to != noEnd && to <= *from) || *from < 0)
        return command.usageError(
            QStringLiteral("--from and --to take durations such as 1.5s or 250ms, --from before --to"));
    bool depthOk = true, rowsOk = true;
    const int depth = parser.isSet(depthOption) ? parser.value(depthOption).toInt(&depthOk) : 0;
    const qlonglong maxRows = parser.isSet(maxRowsOption) ? parser.value(maxRowsOption).toLongLong(&rowsOk) : 0;
    if (!depthOk || depth < 0 || (parser.isSet(depthOption) && depth == 0) || !rowsOk || maxRows < 0 ||
        (parser.isSet(maxRowsOption) && maxRows == 0))
        return command.usageError(QStringLiteral("--depth and --max-rows take whole numbers of 1 or more"));
    const LoadResult result = command.load();
    if (result.anyFailed())
        return ExitInputFailed;
    const TraceSet& set = *result.traces;
    const auto chosen = command.chosenTrace(set, traceOption);
    if (!chosen)
        return chosen.error();
    const TraceIndex trace = *chosen;
    const TraceSetPresentation presentation(result.traces);
    const TraceInfo& info = set.trace(trace);
    WaterfallRows rows(set, info);
    WaterfallExportOptions options;
    options.width = *width;
    options.labelWidth = std::clamp(*width * 2 / 7, 240, 480);
    options.font = QFontDatabase::systemFont(QFontDatabase::GeneralFont);
    options.rows = &rows;
    const auto levels = depth > 0 ? static_cast<std::uint32_t>(depth) : std::numeric_limits<std::uint32_t>::max();
    if (parser.isSet(fromOption) || parser.isSet(toOption)) {
        const std::int64_t start = info.startNs + *from;
        const std::int64_t end = to != noEnd ? info.startNs + to : std::max(info.endNs, start + 1);
        limitToWindow(rows, presentation, start, end, levels);
        options.range = WaterfallController::TimeRange {start, end};
    } else if (depth > 0) {
        limitDepth(rows, levels);
    }
    if (maxRows > 0)
        options.maxRows = static_cast<std::size_t>(maxRows);
    const WaterfallExportResult written = exportWaterfall(presentation, trace, parser.value(image.output), options);
    if (!written.error.isEmpty())
        return command.failure(written.error);
    // Leaving rows out is what was asked (or what a PNG can hold): say so, and succeed.
    if (written.rowsLeftOut > 0)
        command.err() << "spanwise waterfall: wrote the first " << written.rowsWritten << " of "
                      << written.rowsWritten + written.rowsLeftOut << " rows; " << written.rowsLeftOut
                      << " rows were left out"
                      << (QFileInfo(parser.value(image.output)).suffix().toLower() == QStringLiteral("png") &&
                                     written.rowsWritten < options.maxRows
                                 ? " (a PNG is at most 16384 pixels tall: use --from/--to, --depth or SVG for the rest)"
                                 : "")
                      << '\n';
    const std::size_t hidden = info.spanCount() - rows.visible().size();
    if (hidden > 0)
        command.err() << "spanwise waterfall: " << hidden << " of " << info.spanCount()
                      << " spans are outside the --depth or --from/--to asked for\n";
    return ExitDone;
}

} // namespace Spanwise
