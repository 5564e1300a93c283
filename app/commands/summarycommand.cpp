#include "summarycommand.h"

#include "formatting.h"

#include "command.h"
#include "dependencygraph.h"
#include "servicenames.h"
#include "traceloader.h"
#include "traceset.h"

#include <QCommandLineParser>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTextStream>

#include <algorithm>
#include <vector>

namespace Spanwise {
namespace {

// Log files were loaded (a file of logs alone, or logs among the traces).
bool hasLogs(const LoadResult& result)
{
    return !result.traces->logs().empty() ||
        std::any_of(result.reports.begin(), result.reports.end(),
            [](const ImportReport& r) { return r.format.find("logs") != std::string::npos; });
}

QJsonObject summaryJson(const LoadResult& result)
{
    const TraceSet& set = *result.traces;
    QJsonArray files;
    for (const ImportReport& report : result.reports) {
        files.append(QJsonObject {
            {QStringLiteral("path"), toQString(report.path)},
            {QStringLiteral("format"), report.format.empty() ? QJsonValue() : QJsonValue(toQString(report.format))},
            {QStringLiteral("spans"), static_cast<qint64>(report.spans)},
            {QStringLiteral("logRecords"), static_cast<qint64>(report.logRecords)},
            {QStringLiteral("warnings"), static_cast<qint64>(report.warningCount)},
            {QStringLiteral("errors"), static_cast<qint64>(report.errorCount)},
        });
    }
    QJsonArray services;
    for (const ServiceId id : servicesByName(set))
        services.append(toQString(set.serviceName(id)));
    QJsonArray edges;
    const DependencyGraph graph = computeDependencyGraph(set);
    for (const DependencyEdge& edge : graph.edges) {
        edges.append(QJsonObject {
            {QStringLiteral("from"), toQString(graph.nodes[edge.from].name)},
            {QStringLiteral("to"), toQString(graph.nodes[edge.to].name)},
            {QStringLiteral("calls"), static_cast<qint64>(edge.calls)},
            {QStringLiteral("errors"), static_cast<qint64>(edge.errors)},
            {QStringLiteral("virtual"), edge.isVirtual},
        });
    }
    QJsonObject summary {
        {QStringLiteral("files"), files},
        {QStringLiteral("traces"), static_cast<qint64>(set.traces().size())},
        {QStringLiteral("spans"), static_cast<qint64>(set.spans().size())},
        {QStringLiteral("services"), services},
        {QStringLiteral("errorSpans"), static_cast<qint64>(set.errorSpanCount())},
        {QStringLiteral("edges"), edges},
    };
    if (hasLogs(result))
        summary.insert(QStringLiteral("logRecords"),
            QJsonObject {{QStringLiteral("total"), static_cast<qint64>(set.logs().size())},
                {QStringLiteral("attached"), static_cast<qint64>(set.attachedLogCount())},
                {QStringLiteral("unattached"), static_cast<qint64>(set.logs().size() - set.attachedLogCount())}});
    return summary;
}

void printText(const LoadResult& result, QTextStream& out)
{
    const TraceSet& set = *result.traces;
    for (const ImportReport& report : result.reports) {
        out << toQString(report.path) << ": "
            << (report.failed ? QStringLiteral("not loaded") : toQString(report.format)) << ", " << report.spans
            << " spans, "
            << (report.logRecords > 0 ? QStringLiteral("%1 log records, ").arg(report.logRecords) : QString())
            << report.warningCount << " warnings, " << report.errorCount << " errors\n";
    }
    out << set.traces().size() << " traces, " << set.spans().size() << " spans, " << set.serviceNames().size()
        << " services, " << set.errorSpanCount() << " error spans\n";
    if (hasLogs(result))
        out << set.logs().size() << " log records: " << set.attachedLogCount() << " attached to loaded traces, "
            << set.logs().size() - set.attachedLogCount() << " not\n";
    out << "Services:";
    for (const ServiceId id : servicesByName(set))
        out << ' ' << toQString(set.serviceName(id));
    out << "\nCalls between services (* to an uninstrumented peer):\n";
    const DependencyGraph graph = computeDependencyGraph(set);
    for (const DependencyEdge& edge : graph.edges) {
        out << "  " << toQString(graph.nodes[edge.from].name) << " -> " << toQString(graph.nodes[edge.to].name)
            << (edge.isVirtual ? "*" : "") << ": " << edge.calls << " calls, " << edge.errors << " errors\n";
    }
}

} // namespace

int runSummaryCommand(const QStringList& arguments)
{
    Command command(
        QStringLiteral("summary"), QStringLiteral("Print what trace files hold."), QStringLiteral("[--json] FILE..."));
    const QCommandLineOption jsonOption(QStringLiteral("json"), QStringLiteral("Print JSON instead of text."));
    command.parser().addOption(jsonOption);
    if (const auto stop = command.parseWithFiles(arguments))
        return *stop;
    const LoadResult result = command.load();

    QTextStream out(stdout);
    if (command.parser().isSet(jsonOption))
        out << QJsonDocument(summaryJson(result)).toJson(QJsonDocument::Indented);
    else
        printText(result, out);
    return result.anyFailed() ? ExitInputFailed : ExitDone;
}

} // namespace Spanwise
