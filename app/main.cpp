#include "mainwindow.h"
#include "summarycommand.h"

#include <QApplication>
#include <QCoreApplication>
#include <QStringList>

#include <cstring>

namespace {

// Subcommands run headless: they must not need a display, so they get a QCoreApplication.
bool isHeadlessCommand(int argc, char** argv)
{
    return argc > 1 && std::strcmp(argv[1], "summary") == 0;
}

} // namespace

int main(int argc, char** argv)
{
    QCoreApplication::setOrganizationName(QStringLiteral("Spanwise"));
    QCoreApplication::setApplicationName(QStringLiteral("Spanwise"));
    QCoreApplication::setApplicationVersion(QStringLiteral(SPANWISE_VERSION));

    if (isHeadlessCommand(argc, argv)) {
        QCoreApplication app(argc, argv);
        QStringList arguments = QCoreApplication::arguments();
        arguments.removeAt(1); // the subcommand's own parser sees "spanwise FILE..."
        return Spanwise::runSummaryCommand(arguments);
    }

    QApplication app(argc, argv);
    QStringList files = QCoreApplication::arguments().mid(1);
    Spanwise::MainWindow window;
    window.show();
    if (files.isEmpty())
        window.openDemo();
    else
        window.openFiles(files);
    return app.exec();
}
