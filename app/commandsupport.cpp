#include "commandsupport.h"

#include "formatting.h"

#include <QTextStream>

namespace Spanwise {

LoadResult loadForCommand(const QStringList& files, QTextStream& err)
{
    std::vector<std::string> paths;
    for (const QString& file : files)
        paths.push_back(file.toStdString());
    LoadResult result = loadTraceFiles(paths);
    for (const ImportReport& report : result.reports) {
        for (const ImportMessage& message : report.messages)
            err << (message.severity == Severity::Error ? "error: " : "warning: ")
                << toQString(report.describe(message)) << '\n';
        if (report.messagesDropped > 0)
            err << toQString(report.path) << ": " << report.messagesDropped << " more messages not shown\n";
    }
    return result;
}

} // namespace Spanwise
