#include "diffcommand.h"

#include "command.h"
#include "diffmap.h"
#include "formatting.h"
#include "graphexport.h"
#include "graphlayout.h"
#include "mapdiff.h"
#include "traceset.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace Spanwise {
namespace {

QJsonValue optionalNs(const std::optional<std::int64_t>& ns)
{
    return ns ? QJsonValue(static_cast<qint64>(*ns)) : QJsonValue();
}

const char* trendName(DiffTrend trend)
{
    return trend == DiffTrend::Worse ? "worse" : trend == DiffTrend::Better ? "better" : "neutral";
}

QJsonDocument diffJson(const MapDiff& diff)
{
    QJsonArray services;
    for (const ServiceDiff& s : diff.services)
        services.append(
            QJsonObject {{QStringLiteral("name"), toQString(s.name)}, {QStringLiteral("virtual"), s.isVirtual},
                {QStringLiteral("status"), QString::fromLatin1(diffStatusName(s.status))}});
    QJsonArray edges;
    for (const EdgeDiff& e : diff.edges)
        edges.append(QJsonObject {{QStringLiteral("from"), toQString(e.from)}, {QStringLiteral("to"), toQString(e.to)},
            {QStringLiteral("virtual"), e.isVirtual},
            {QStringLiteral("status"), QString::fromLatin1(diffStatusName(e.status))},
            {QStringLiteral("trend"), QString::fromLatin1(trendName(e.trend))},
            {QStringLiteral("callsBefore"), static_cast<qint64>(e.callsBefore)},
            {QStringLiteral("callsAfter"), static_cast<qint64>(e.callsAfter)},
            {QStringLiteral("errorsBefore"), static_cast<qint64>(e.errorsBefore)},
            {QStringLiteral("errorsAfter"), static_cast<qint64>(e.errorsAfter)},
            {QStringLiteral("p95NsBefore"), optionalNs(e.p95NsBefore)},
            {QStringLiteral("p95NsAfter"), optionalNs(e.p95NsAfter)}});
    return QJsonDocument(QJsonObject {{QStringLiteral("services"), services}, {QStringLiteral("edges"), edges}});
}

// "+ redis (peer)", "- legacy"; edges "~ web -> api  calls 2 -> 3, errors 1 -> 2, p95 50 ns -> 120 ns (worse)".
void printText(QTextStream& out, const MapDiff& diff)
{
    const auto marker = [](DiffStatus status) {
        return status == DiffStatus::Added  ? '+'
            : status == DiffStatus::Removed ? '-'
            : status == DiffStatus::Changed ? '~'
                                            : ' ';
    };
    const auto p95 = [](const std::optional<std::int64_t>& ns) {
        return ns ? formatDuration(*ns) : QStringLiteral("-");
    };
    out << "Services:\n";
    for (const ServiceDiff& s : diff.services)
        out << "  " << marker(s.status) << ' ' << toQString(s.name) << (s.isVirtual ? " (peer)" : "") << '\n';
    out << "Calls between services (* to an uninstrumented peer):\n";
    for (const EdgeDiff& e : diff.edges) {
        out << "  " << marker(e.status) << ' ' << toQString(e.from) << " -> " << toQString(e.to)
            << (e.isVirtual ? "*" : "") << "  calls " << e.callsBefore << " -> " << e.callsAfter << ", errors "
            << e.errorsBefore << " -> " << e.errorsAfter << ", p95 " << p95(e.p95NsBefore) << " -> "
            << p95(e.p95NsAfter);
        if (e.status == DiffStatus::Changed && e.trend != DiffTrend::Neutral)
            out << " (" << trendName(e.trend) << ')';
        out << '\n';
    }
}

} // namespace

int runDiffCommand(const QStringList& arguments)
{
    Command command(QStringLiteral("diff"),
        QStringLiteral("Compare the dependency maps of two sets of trace files: services and edges added, removed "
                       "or changed."),
        QStringLiteral("--before FILE [--before FILE...] --after FILE [--after FILE...] [-o diff.svg|png|dot] "
                       "[--json] [--calls-threshold P] [--error-rate-threshold POINTS] [--p95-threshold P]"));
    QCommandLineParser& parser = command.parser();
    const QCommandLineOption before(QStringLiteral("before"),
        QStringLiteral("A trace file of the set before the change (repeat for more)."), QStringLiteral("FILE"));
    const QCommandLineOption after(QStringLiteral("after"),
        QStringLiteral("A trace file of the set after the change (repeat for more)."), QStringLiteral("FILE"));
    const QCommandLineOption output(QStringList {QStringLiteral("o"), QStringLiteral("output")},
        QStringLiteral("Draw the diff map to this file: .svg, .png or .dot."), QStringLiteral("FILE"));
    const QCommandLineOption json(QStringLiteral("json"), QStringLiteral("Print the diff as JSON."));
    const QCommandLineOption calls(QStringLiteral("calls-threshold"),
        QStringLiteral("An edge changed when its calls change by more than P percent (default 10)."),
        QStringLiteral("P"), QStringLiteral("10"));
    const QCommandLineOption errorRate(QStringLiteral("error-rate-threshold"),
        QStringLiteral("... or its error rate by more than POINTS percentage points (default 1)."),
        QStringLiteral("POINTS"), QStringLiteral("1"));
    const QCommandLineOption p95(QStringLiteral("p95-threshold"),
        QStringLiteral("... or its p95 by more than P percent (default 20)."), QStringLiteral("P"),
        QStringLiteral("20"));
    parser.addOptions({before, after, output, json, calls, errorRate, p95});
    if (const auto stop = command.parse(arguments))
        return *stop;
    if (!command.files().isEmpty())
        return command.usageError(QStringLiteral("name every file with --before or --after"));
    if (parser.values(before).isEmpty() || parser.values(after).isEmpty())
        return command.usageError(QStringLiteral("give at least one --before FILE and one --after FILE"));
    MapDiffThresholds thresholds;
    bool callsOk = false, errorOk = false, p95Ok = false;
    thresholds.callsPercent = parser.value(calls).toDouble(&callsOk);
    thresholds.errorRatePoints = parser.value(errorRate).toDouble(&errorOk);
    thresholds.p95Percent = parser.value(p95).toDouble(&p95Ok);
    if (!callsOk || !errorOk || !p95Ok || thresholds.callsPercent < 0 || thresholds.errorRatePoints < 0 ||
        thresholds.p95Percent < 0)
        return command.usageError(QStringLiteral("the thresholds take numbers of 0 or more"));

    const LoadResult beforeSet = loadForCommand(parser.values(before), command.err());
    const LoadResult afterSet = loadForCommand(parser.values(after), command.err());
    if (beforeSet.anyFailed() || afterSet.anyFailed())
        return ExitInputFailed;
    // The maps as `summary` counts them: every span, virtual peers included.
    const DependencyGraph beforeGraph = computeDependencyGraph(*beforeSet.traces);
    const DependencyGraph afterGraph = computeDependencyGraph(*afterSet.traces);
    MapDiff diff = diffDependencyGraphs(beforeGraph, afterGraph, thresholds);

    QTextStream out(stdout);
    if (parser.isSet(json))
        out << diffJson(diff).toJson(QJsonDocument::Indented);
    else if (!parser.isSet(output))
        printText(out, diff);
    if (parser.isSet(output)) {
        const DiffMap map = buildDiffMap(std::move(diff), beforeGraph, afterGraph, thresholds);
        GraphLayoutOptions layout;
        layout.style = map.style;
        if (const QString error = exportDependencyGraph(*map.graph, layout, parser.value(output)); !error.isEmpty())
            return command.failure(error);
    }
    return ExitDone;
}

} // namespace Spanwise
