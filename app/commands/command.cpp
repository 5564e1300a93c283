#include "command.h"

#include "formatting.h"
#include "hexid.h"
#include "traceset.h"

namespace Spanwise {

Command::Command(QString name, const QString& description, QString usage)
    : m_name(std::move(name))
    , m_usage(std::move(usage))
    , m_err(stderr)
{
    m_parser.setApplicationDescription(description);
    m_parser.addHelpOption();
    m_parser.addPositionalArgument(
        QStringLiteral("files"), QStringLiteral("Trace files to load."), QStringLiteral("FILE..."));
}

std::optional<int> Command::parse(const QStringList& arguments)
{
    if (!m_parser.parse(arguments))
        return usageError(m_parser.errorText());
    if (m_parser.isSet(QStringLiteral("help"))) {
        QTextStream(stdout) << m_parser.helpText();
        return ExitDone;
    }
    return std::nullopt;
}

std::optional<int> Command::parseWithFiles(const QStringList& arguments)
{
    if (const auto stop = parse(arguments))
        return stop;
    if (files().isEmpty())
        return usageError(QStringLiteral("no trace file given"));
    return std::nullopt;
}

int Command::usageError(const QString& message)
{
    m_err << "spanwise " << m_name << ": " << message << "\nUsage: spanwise " << m_name << ' ' << m_usage << '\n';
    m_err.flush();
    return ExitUsage;
}

int Command::failure(const QString& message)
{
    m_err << "spanwise " << m_name << ": " << message << '\n';
    m_err.flush();
    return ExitInputFailed;
}

LoadResult Command::load()
{
    LoadResult result = loadForCommand(files(), m_err);
    m_err.flush();
    return result;
}

std::optional<TraceIndex> Command::findTrace(const TraceSet& set, const QString& hexId)
{
    const auto id = parseHexTraceId(hexId.trimmed().toStdString());
    const TraceIndex trace = id ? set.forest().findTrace(*id) : TraceIndex {};
    if (trace.isValid())
        return trace;
    failure(QStringLiteral("no trace %1 in the loaded files (%2 traces)").arg(hexId).arg(set.traces().size()));
    return std::nullopt;
}

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
