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

std::expected<TraceIndex, int> Command::chosenTrace(
    const TraceSet& set, const QCommandLineOption& traceOption, const QString& alternative)
{
    if (m_parser.isSet(traceOption)) {
        const auto found = findTrace(set, m_parser.value(traceOption));
        return found ? std::expected<TraceIndex, int>(*found) : std::unexpected(int(ExitInputFailed));
    }
    if (set.traces().size() == 1)
        return TraceIndex {0};
    return std::unexpected(
        usageError(QStringLiteral("the files hold %1 traces; choose one with --trace ID%2")
                       .arg(set.traces().size())
                       .arg(alternative.isEmpty() ? QString() : QStringLiteral(", or ") + alternative)));
}

std::expected<int, int> Command::imageWidth(const ImageOptions& options)
{
    bool widthOk = false;
    const int width = m_parser.value(options.width).toInt(&widthOk);
    if (files().isEmpty() || !m_parser.isSet(options.output) || !widthOk || width < 400 || width > 20000)
        return std::unexpected(usageError(QStringLiteral("give trace files, -o FILE, and a width from 400 to 20000")));
    return width;
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
