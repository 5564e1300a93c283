#include "mainwindow.h"
#include "summarycommand.h"
#include "waterfallcommand.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QCoreApplication>
#include <QGuiApplication>
#include <QStringList>
#include <QTimer>

#include <cstring>

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

int runWindow(QApplication& app)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("A desktop viewer for distributed traces.\n\n"
                                                    "Subcommands (run without a display):\n"
                                                    "  summary [--json] FILE...   print what trace files hold"));
    parser.addHelpOption();
    parser.addVersionOption();
    const QCommandLineOption screenshot(QStringLiteral("screenshot"),
        QStringLiteral("Save a picture of the window to FILE once loaded, then quit."), QStringLiteral("FILE"));
    parser.addOption(screenshot);
    parser.addPositionalArgument(QStringLiteral("files"),
        QStringLiteral("Trace files to open (default: the demo trace)."), QStringLiteral("[FILE...]"));
    parser.process(app);

    Spanwise::MainWindow window;
    window.show();
    if (parser.isSet(screenshot)) {
        const QString path = parser.value(screenshot);
        QObject::connect(&window, &Spanwise::MainWindow::loadCompleted, &window, [&window, path] {
            // Let the view lay out and paint once before grabbing it.
            QTimer::singleShot(300, &window, [&window, path] {
                const bool saved = window.grab().save(path);
                QCoreApplication::exit(saved ? 0 : 1);
            });
        });
    }
    const QStringList files = parser.positionalArguments();
    if (files.isEmpty())
        window.openDemo();
    else
        window.openFiles(files);
    return app.exec();
}

} // namespace

int main(int argc, char** argv)
{
    QCoreApplication::setOrganizationName(QStringLiteral("Spanwise"));
    QCoreApplication::setApplicationName(QStringLiteral("Spanwise"));
    QCoreApplication::setApplicationVersion(QStringLiteral(SPANWISE_VERSION));

    // Subcommands run headless: summary needs no GUI at all; waterfall draws with fonts but
    // without a display, on the offscreen platform.
    if (isCommand(argc, argv, "summary")) {
        QCoreApplication app(argc, argv);
        return Spanwise::runSummaryCommand(commandArguments());
    }
    if (isCommand(argc, argv, "waterfall")) {
        qputenv("QT_QPA_PLATFORM", "offscreen");
        QGuiApplication app(argc, argv);
        return Spanwise::runWaterfallCommand(commandArguments());
    }
    QApplication app(argc, argv);
    return runWindow(app);
}
