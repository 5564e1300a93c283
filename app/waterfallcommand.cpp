#include "waterfallcommand.h"

#include "commandsupport.h"
#include "formatting.h"
#include "hexid.h"
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
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("Draw one trace's waterfall as SVG or PNG."));
    parser.addHelpOption();
    const QCommandLineOption traceOption(
        QStringLiteral("trace"), QStringLiteral("The trace id (hex) to draw."), QStringLiteral("ID"));
    const QCommandLineOption outputOption(QStringList {QStringLiteral("o"), QStringLiteral("output")},
        QStringLiteral("The image to write: .svg or .png."), QStringLiteral("FILE"));
    const QCommandLineOption widthOption(QStringLiteral("width"),
        QStringLiteral("Image width in pixels (default 1400)."), QStringLiteral("N"), QStringLiteral("1400"));
    parser.addOptions({traceOption, outputOption, widthOption});
    parser.addPositionalArgument(
        QStringLiteral("files"), QStringLiteral("Trace files to load."), QStringLiteral("FILE..."));
    QTextStream err(stderr);
    const QString usage =
        QStringLiteral("Usage: spanwise waterfall FILE... [--trace ID] -o out.svg|out.png [--width N]\n");
    if (!parser.parse(arguments)) {
        err << "spanwise waterfall: " << parser.errorText() << '\n' << usage;
        return 2;
    }
    if (parser.isSet(QStringLiteral("help"))) {
        QTextStream(stdout) << parser.helpText();
        return 0;
    }
    bool widthOk = false;
    const int width = parser.value(widthOption).toInt(&widthOk);
    if (parser.positionalArguments().isEmpty() || !parser.isSet(outputOption) || !widthOk || width < 400 ||
        width > 20000) {
        err << "spanwise waterfall: give trace files, -o FILE, and a width from 400 to 20000\n" << usage;
        return 2;
    }
    const LoadResult result = loadForCommand(parser.positionalArguments(), err);
    if (result.anyFailed())
        return 1;
    const TraceSet& set = *result.traces;
    TraceIndex trace;
    if (parser.isSet(traceOption)) {
        const auto id = parseHexTraceId(parser.value(traceOption).trimmed().toStdString());
        trace = id ? set.forest().findTrace(*id) : TraceIndex {};
        if (!trace.isValid()) {
            err << "spanwise waterfall: no trace " << parser.value(traceOption) << " in the loaded files ("
                << set.traces().size() << " traces)\n";
            return 1;
        }
    } else if (set.traces().size() == 1) {
        trace = TraceIndex {0};
    } else {
        err << "spanwise waterfall: the files hold " << set.traces().size() << " traces; choose one with --trace ID\n";
        return 2;
    }
    const TraceSetPresentation presentation(result.traces);
    WaterfallExportOptions options;
    options.width = width;
    options.labelWidth = std::clamp(width * 2 / 7, 240, 480);
    options.font = QFontDatabase::systemFont(QFontDatabase::GeneralFont);
    const QString error = exportWaterfall(presentation, trace, parser.value(outputOption), options);
    if (!error.isEmpty()) {
        err << "spanwise waterfall: " << error << '\n';
        return 1;
    }
    return 0;
}

} // namespace Spanwise
