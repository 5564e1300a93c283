#include "checkcommand.h"
#include "comparecommand.h"
#include "decompress.h"
#include "diagnosecommand.h"
#include "diffcommand.h"
#include "fetchcommand.h"
#include "flamegraphcommand.h"
#include "graphcommand.h"
#include "graphlayout.h"
#include "impactcommand.h"
#include "libraryversions.h"
#include "livecapture.h"
#include "livemode.h"
#include "logging.h"
#include "mainwindow.h"
#include "receivecommand.h"
#include "sessionfile.h"
#include "statscommand.h"
#include "summarycommand.h"
#include "theme.h"
#include "tracesession.h"
#include "traceset.h"
#include "tracesetpresentation.h"
#include "waterfallcommand.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QGuiApplication>
#include <QIcon>
#include <QSettings>
#include <QStringList>
#include <QTextStream>
#include <QTimer>

#include <algorithm>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <string_view>

namespace {

bool isCommand(int argc, char** argv, const char* name)
{
    return argc > 1 && std::strcmp(argv[1], name) == 0;
}

// The subcommand's own parser sees "spanwise ARGS...".
QStringList commandArguments()
{
    QStringList arguments = QCoreApplication::arguments();
    arguments.removeAt(1);
    return arguments;
}

// The window's command line. Parsed once without a display for --help and --version (a
// server or a package check has none), and again by the window.
struct WindowOptions {
    QCommandLineParser parser;
    QCommandLineOption version {{QStringLiteral("v"), QStringLiteral("version")},
        QStringLiteral("Print the version and the libraries in use, then exit.")};
    QCommandLineOption screenshot {QStringLiteral("screenshot"),
        QStringLiteral("Save a picture of the window to FILE once loaded, then quit."), QStringLiteral("FILE")};
    QCommandLineOption tab {QStringLiteral("tab"),
        QStringLiteral("Open on this view: %1.").arg(Spanwise::MainWindow::tabNames().join(QStringLiteral(", "))),
        QStringLiteral("VIEW")};
    QCommandLineOption trace {
        QStringLiteral("trace"), QStringLiteral("Open at this trace (hex id)."), QStringLiteral("ID")};
    QCommandLineOption span {QStringLiteral("span"),
        QStringLiteral("Open at this span (hex id), in the --trace given or in any loaded trace."),
        QStringLiteral("ID")};
    QCommandLineOption service {QStringLiteral("service"),
        QStringLiteral("Select this service (or uninstrumented peer) on the dependency map: its impact, trace by "
                       "trace."),
        QStringLiteral("NAME")};
    QCommandLineOption theme {QStringLiteral("theme"),
        QStringLiteral("Colours for this run: system, light or dark (default: as chosen in View > Theme)."),
        QStringLiteral("THEME")};
    QCommandLineOption listen {QStringLiteral("listen"),
        QStringLiteral("Receive OTLP/HTTP on [ADDR:]PORT (e.g. 4318; loopback unless an address is given) and show "
                       "spans as they arrive, instead of opening files."),
        QStringLiteral("ADDR:PORT")};
    QCommandLineOption maxDecompressed {QStringLiteral("max-decompressed"),
        QStringLiteral("Refuse to inflate a gzip or zstd file past SIZE (e.g. 512M); applies to the commands too."),
        QStringLiteral("SIZE")};

    WindowOptions()
    {
        parser.setApplicationDescription(QStringLiteral(
            "A desktop viewer for distributed traces.\n\n"
            "Subcommands (run without a display):\n"
            "  summary [--json] FILE...                       print what trace files hold\n"
            "  check FILE... --rule RULE... [--json]          latency and error rules, exit 1 on a failure\n"
            "  diagnose FILE... [--json]                      clock skew, broken propagation, anomalies\n"
            "  stats FILE... [--by GROUP] [--csv|--json]      latency and error figures\n"
            "  compare FILE... --trace A --against B [--json] two traces, path by path\n"
            "  waterfall FILE... [--trace ID] -o out.svg|png  draw a trace's waterfall\n"
            "  flamegraph FILE... [--trace ID] -o out.svg|png a trace's flame chart (--merged: all)\n"
            "  graph FILE... -o deps.svg|png|dot [--focus S]  draw the service dependency map\n"
            "  diff --before FILE... --after FILE... [--json] compare two dependency maps (-o: draw it)\n"
            "  impact FILE... --service S|--edge A,B [--json] who depends on a service, per trace\n"
            "  receive [--listen [ADDR:]PORT] -o FILE         an OTLP/HTTP receiver writing OTLP JSON Lines\n"
            "  fetch jaeger|tempo|zipkin URL --trace ID|--service S -o FILE   traces from a backend"));
        parser.addHelpOption();
        for (const QCommandLineOption* option :
            {&version, &trace, &span, &tab, &service, &theme, &screenshot, &listen, &maxDecompressed})
            parser.addOption(*option);
        parser.addPositionalArgument(QStringLiteral("files"),
            QStringLiteral("Trace files to open, or one session file (*.spanwise); default: the demo trace."),
            QStringLiteral("[FILE...]"));
    }

    // Handles --help and --version (printing and exiting) and rejects unknown options.
    void process(const QCoreApplication& app)
    {
        parser.process(app);
        if (parser.isSet(version)) {
            QTextStream(stdout) << QCoreApplication::applicationName() << ' ' << QCoreApplication::applicationVersion()
                                << '\n'
                                << Spanwise::libraryVersionsText() << '\n';
            std::exit(0);
        }
    }
};

bool wantsHelpOrVersion(int argc, char** argv)
{
    for (int i = 1; i < argc; ++i)
        for (const char* flag : {"-h", "--help", "--help-all", "-?", "-v", "--version"})
            if (std::strcmp(argv[i], flag) == 0)
                return true;
    return false;
}

// The process's resident size in MB (Linux /proc), or -1 where there is none.
double residentMegabytes()
{
    QFile status(QStringLiteral("/proc/self/status"));
    if (!status.open(QIODevice::ReadOnly))
        return -1;
    for (const QByteArray& line : status.readAll().split('\n'))
        if (line.startsWith("VmRSS:"))
            return line.mid(6).trimmed().split(' ').front().toDouble() / 1024.0;
    return -1;
}

// In live mode a picture waits for spans: something received, all of it shown, and nothing new
// for a second. Outside live mode, true.
bool liveQuiet(const Spanwise::MainWindow& window)
{
    const Spanwise::LiveMode* live = window.liveMode();
    if (!live->isListening())
        return true;
    static std::uint64_t lastVersion = 0;
    static QElapsedTimer quiet;
    const auto figures = live->capture()->received()->figures();
    if (figures.version != lastVersion || !quiet.isValid()) {
        lastVersion = figures.version;
        quiet.start();
        return false;
    }
    const auto& shown = window.session()->presentation();
    return figures.spans > 0 && shown && shown->set().spans().size() == figures.spans && quiet.elapsed() >= 1000;
}

// Saves the window once the visible tab shows what it computes and the GUI thread is idle;
// never waiting for a hidden tab's work, and at most a minute in all.
void saveScreenshotWhenSettled(Spanwise::MainWindow& window, const QString& path)
{
    QObject::connect(&window, &Spanwise::MainWindow::loadCompleted, &window, [&window, path] {
        auto* poll = new QTimer(&window);
        auto* clock = new QElapsedTimer;
        clock->start();
        QObject::connect(poll, &QTimer::timeout, &window, [&window, path, poll, clock] {
            if ((!window.isSettled() || !liveQuiet(window)) && clock->elapsed() < 60'000)
                return;
            poll->stop();
            delete clock;
            if (!window.isSettled())
                QTextStream(stderr) << "spanwise: the view was still computing after a minute; saving it as it is\n";
            // One more turn of the event loop: what just arrived gets painted.
            QTimer::singleShot(0, &window, [&window, path] {
                const bool saved = window.grab().save(path);
                // What a loaded window keeps, for bench_userchair (spanwise.import.debug=true).
                qCDebug(lcImport) << "resident after load:" << residentMegabytes() << "MB";
                QCoreApplication::exit(saved ? 0 : 1);
            });
        });
        poll->start(50);
    });
}

int runWindow(QApplication& app)
{
    WindowOptions options;
    options.process(app);
    // The drawn icon, and the desktop entry Wayland compositors match the window to.
    QApplication::setWindowIcon(QIcon(QStringLiteral(":/spanwise/icons/spanwise.svg")));
    QGuiApplication::setDesktopFileName(QStringLiteral("dev.spanwise.Spanwise"));
    const QCommandLineParser& parser = options.parser;

    // The theme comes first, so the window is built in its colours.
    const QString themeName = parser.isSet(options.theme) ? parser.value(options.theme)
                                                          : QSettings().value(QStringLiteral("view/theme")).toString();
    const auto choice = Spanwise::parseThemeChoice(themeName.isEmpty() ? QStringLiteral("system") : themeName);
    if (!choice) {
        QTextStream(stderr) << "spanwise: --theme takes system, light or dark\n";
        return 2;
    }
    if (*choice != Spanwise::ThemeChoice::System)
        Spanwise::applyTheme(*choice);

    // Where to open: a session file, or the files with a deep link's trace, span and tab.
    const QStringList files = parser.positionalArguments();
    const QString tab = parser.value(options.tab).toLower();
    if (!tab.isEmpty() && !Spanwise::MainWindow::tabNames().contains(tab)) {
        QTextStream(stderr) << "spanwise: --tab takes one of "
                            << Spanwise::MainWindow::tabNames().join(QStringLiteral(", ")) << '\n';
        return 2;
    }
    const bool session = files.size() == 1 && Spanwise::isSessionFile(files.front());
    if (session && (parser.isSet(options.trace) || parser.isSet(options.span) || parser.isSet(options.service))) {
        QTextStream(stderr) << "spanwise: a session file names its own trace, span and service; --trace, --span and "
                               "--service go with trace files\n";
        return 2;
    }
    std::optional<Spanwise::ListenAddress> listen;
    if (parser.isSet(options.listen)) {
        const auto address = Spanwise::ListenAddress::parse(parser.value(options.listen));
        if (!address || !files.isEmpty()) {
            QTextStream(stderr) << "spanwise: "
                                << (address ? QStringLiteral("--listen shows what arrives; give no files with it")
                                            : QStringLiteral("--listen: ") + address.error())
                                << '\n';
            return 2;
        }
        listen = *address;
    }
    Spanwise::MainWindow window;
    window.showTab(tab.isEmpty() ? QStringLiteral("waterfall") : tab);
    window.show();
    if (parser.isSet(options.screenshot))
        saveScreenshotWhenSettled(window, parser.value(options.screenshot));
    if (listen) {
        QString error;
        if (!window.startReceiving(
                *listen, QSettings().value(QStringLiteral("live/maxSpans"), 200'000).toULongLong(), &error)) {
            QTextStream(stderr) << "spanwise: " << error << '\n';
            return 2;
        }
        QTextStream(stdout) << "listening on " << window.liveMode()->capture()->address().toString() << Qt::endl;
    } else if (session) {
        window.openSessionFile(files.front());
    } else {
        Spanwise::SessionState place = Spanwise::SessionState::ofFiles(files);
        place.traceId = parser.value(options.trace).trimmed();
        place.spanId = parser.value(options.span).trimmed();
        place.tab = tab;
        place.service = parser.value(options.service).trimmed();
        window.openAt(place);
    }
    return app.exec();
}

// --max-decompressed SIZE applies to every subcommand and the window alike: it is taken out
// of the arguments here and handed on as SPANWISE_MAX_DECOMPRESSED, which the importers read.
// Returns false (after saying why) for a size that is not one.
bool takeDecompressionLimit(int& argc, char** argv)
{
    static const std::string_view option = "--max-decompressed";
    for (int i = 1; i < argc; ++i) {
        std::string_view argument = argv[i];
        int used = 1;
        if (argument == option && i + 1 < argc) {
            argument = argv[i + 1];
            used = 2;
        } else if (argument.starts_with(option) && argument.substr(option.size()).starts_with('=')) {
            argument.remove_prefix(option.size() + 1);
        } else {
            continue;
        }
        if (!Spanwise::parseByteSize(argument)) {
            QTextStream(stderr) << "error: --max-decompressed takes a size such as 512M or 2G, not \""
                                << QString::fromUtf8(argument.data(), qsizetype(argument.size())) << "\"\n";
            return false;
        }
        qputenv("SPANWISE_MAX_DECOMPRESSED", QByteArray(argument.data(), qsizetype(argument.size())));
        std::copy(argv + i + used, argv + argc + 1, argv + i); // argv[argc] is the null pointer
        argc -= used;
        --i;
    }
    return true;
}

} // namespace

int main(int argc, char** argv)
{
    if (!takeDecompressionLimit(argc, argv))
        return 2;
    QCoreApplication::setOrganizationName(QStringLiteral("Spanwise"));
    QCoreApplication::setApplicationName(QStringLiteral("Spanwise"));
    QCoreApplication::setApplicationVersion(QStringLiteral(SPANWISE_VERSION));

    // The graph layout helper: a large dependency map is laid out in a child process that a
    // cancel or a time limit can kill (graphlayout.h). Not for people: no help text.
    if (isCommand(argc, argv, "layout-graph"))
        return Spanwise::runLayoutHelper(argc > 2 ? argv[2] : "dot");
    std::error_code noLink;
    const auto self = std::filesystem::read_symlink("/proc/self/exe", noLink);
    Spanwise::setLayoutHelper(noLink ? QString::fromLocal8Bit(argv[0]) : QString::fromStdString(self.string()));

    // Subcommands run headless: summary needs no GUI at all; waterfall draws with fonts but
    // without a display, on the offscreen platform.
    if (isCommand(argc, argv, "summary")) {
        QCoreApplication app(argc, argv);
        return Spanwise::runSummaryCommand(commandArguments());
    }
    if (isCommand(argc, argv, "check")) {
        QCoreApplication app(argc, argv);
        return Spanwise::runCheckCommand(commandArguments());
    }
    if (isCommand(argc, argv, "diagnose")) {
        QCoreApplication app(argc, argv);
        return Spanwise::runDiagnoseCommand(commandArguments());
    }
    if (isCommand(argc, argv, "compare")) {
        QCoreApplication app(argc, argv);
        return Spanwise::runCompareCommand(commandArguments());
    }
    if (isCommand(argc, argv, "stats")) {
        QCoreApplication app(argc, argv);
        return Spanwise::runStatsCommand(commandArguments());
    }
    if (isCommand(argc, argv, "graph")) {
        // The map is drawn through a QGraphicsScene, which needs the widgets application.
        qputenv("QT_QPA_PLATFORM", "offscreen");
        QApplication app(argc, argv);
        return Spanwise::runGraphCommand(commandArguments());
    }
    if (isCommand(argc, argv, "diff")) {
        qputenv("QT_QPA_PLATFORM", "offscreen");
        QApplication app(argc, argv);
        return Spanwise::runDiffCommand(commandArguments());
    }
    if (isCommand(argc, argv, "impact")) {
        QCoreApplication app(argc, argv);
        return Spanwise::runImpactCommand(commandArguments());
    }
    if (isCommand(argc, argv, "receive")) {
        QCoreApplication app(argc, argv);
        return Spanwise::runReceiveCommand(commandArguments());
    }
    if (isCommand(argc, argv, "fetch")) {
        QCoreApplication app(argc, argv);
        return Spanwise::runFetchCommand(commandArguments());
    }
    if (isCommand(argc, argv, "flamegraph")) {
        qputenv("QT_QPA_PLATFORM", "offscreen");
        QGuiApplication app(argc, argv);
        return Spanwise::runFlameGraphCommand(commandArguments());
    }
    if (isCommand(argc, argv, "waterfall")) {
        qputenv("QT_QPA_PLATFORM", "offscreen");
        QGuiApplication app(argc, argv);
        return Spanwise::runWaterfallCommand(commandArguments());
    }
    if (wantsHelpOrVersion(argc, argv)) {
        QCoreApplication app(argc, argv);
        WindowOptions().process(app);
    }
    QApplication app(argc, argv);
    return runWindow(app);
}
