#include "waterfallcommand.h"

#include "command.h"
#include "formatting.h"
#include "traceloader.h"
#include "traceset.h"
#include "tracesetpresentation.h"
#include "waterfallexport.h"

#include <QCommandLineParser>
#include <QFontDatabase>
#include <QTextStream>

namespace Spanwise {

int runWaterfallCommand(const QStringList& arguments)
{
    Command command(QStringLiteral("waterfall"), QStringLiteral("Draw one trace's waterfall as SVG or PNG."),
        QStringLiteral("FILE... [--trace ID] -o out.svg|out.png [--width N]"));
    const QCommandLineOption traceOption(
        QStringLiteral("trace"), QStringLiteral("The trace id (hex) to draw."), QStringLiteral("ID"));
    const QCommandLineOption outputOption(QStringList {QStringLiteral("o"), QStringLiteral("output")},
        QStringLiteral("The image to write: .svg or .png."), QStringLiteral("FILE"));
    const QCommandLineOption widthOption(QStringLiteral("width"),
        QStringLiteral("Image width in pixels (default 1400)."), QStringLiteral("N"), QStringLiteral("1400"));
    QCommandLineParser& parser = command.parser();
    parser.addOptions({traceOption, outputOption, widthOption});
    if (const auto stop = command.parse(arguments))
        return *stop;
    bool widthOk = false;
    const int width = parser.value(widthOption).toInt(&widthOk);
    if (command.files().isEmpty() || !parser.isSet(outputOption) || !widthOk || width < 400 || width > 20000)
        return command.usageError(QStringLiteral("give trace files, -o FILE, and a width from 400 to 20000"));
    const LoadResult result = command.load();
    if (result.anyFailed())
        return ExitInputFailed;
    const TraceSet& set = *result.traces;
    TraceIndex trace;
    if (parser.isSet(traceOption)) {
        const auto found = command.findTrace(set, parser.value(traceOption));
        if (!found)
            return ExitInputFailed;
        trace = *found;
    } else if (set.traces().size() == 1) {
        trace = TraceIndex {0};
    } else {
        return command.usageError(
            QStringLiteral("the files hold %1 traces; choose one with --trace ID").arg(set.traces().size()));
    }
    const TraceSetPresentation presentation(result.traces);
    WaterfallExportOptions options;
    options.width = width;
    options.labelWidth = std::clamp(width * 2 / 7, 240, 480);
    options.font = QFontDatabase::systemFont(QFontDatabase::GeneralFont);
    if (const QString error = exportWaterfall(presentation, trace, parser.value(outputOption), options);
        !error.isEmpty())
        return command.failure(error);
    return ExitDone;
}

} // namespace Spanwise
