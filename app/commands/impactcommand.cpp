#include "impactcommand.h"

#include "command.h"
#include "formatting.h"
#include "impact.h"
#include "traceset.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace Spanwise {
namespace {

double share(std::uint64_t part, std::uint64_t whole)
{
    return whole ? static_cast<double>(part) / static_cast<double>(whole) : 0;
}

QJsonArray servicesJson(const std::vector<ImpactService>& services)
{
    QJsonArray out;
    for (const ImpactService& s : services)
        out.append(QJsonObject {{QStringLiteral("service"), toQString(s.name)},
            {QStringLiteral("virtual"), s.isVirtual}, {QStringLiteral("traces"), static_cast<qint64>(s.traces)}});
    return out;
}

QJsonDocument impactJson(const ImpactTarget& target, const Impact& impact)
{
    QJsonArray entries;
    for (const ImpactEntryPoint& e : impact.entryPoints)
        entries.append(QJsonObject {{QStringLiteral("service"), toQString(e.service)},
            {QStringLiteral("operation"), toQString(e.operation)},
            {QStringLiteral("traces"), static_cast<qint64>(e.traces)},
            {QStringLiteral("tracesTotal"), static_cast<qint64>(e.tracesTotal)}, {QStringLiteral("share"), e.share()}});
    QJsonObject root {{QStringLiteral("service"), toQString(target.service)},
        {QStringLiteral("traces"), static_cast<qint64>(impact.traces)},
        {QStringLiteral("tracesTotal"), static_cast<qint64>(impact.tracesInScope)},
        {QStringLiteral("share"), share(impact.traces, impact.tracesInScope)},
        {QStringLiteral("upstream"), servicesJson(impact.upstream)},
        {QStringLiteral("downstream"), servicesJson(impact.downstream)}, {QStringLiteral("entryPoints"), entries}};
    if (target.to)
        root.insert(QStringLiteral("to"), toQString(*target.to));
    return QJsonDocument(root);
}

QString percentText(double fraction)
{
    return QStringLiteral("%1%").arg(100 * fraction, 0, 'f', 1);
}

void printText(QTextStream& out, const ImpactTarget& target, const Impact& impact)
{
    out << toQString(target.service) << (target.to ? QStringLiteral(" -> ") + toQString(*target.to) : QString()) << ": "
        << impact.traces << " of " << impact.tracesInScope << " traces ("
        << percentText(share(impact.traces, impact.tracesInScope)) << ")\n";
    const auto list = [&](const char* title, const std::vector<ImpactService>& services) {
        out << title << (services.empty() ? " none\n" : "\n");
        for (const ImpactService& s : services)
            out << "  " << toQString(s.name) << (s.isVirtual ? " (peer)" : "") << "  "
                << countText(static_cast<std::int64_t>(s.traces), u"trace", u"traces") << '\n';
    };
    list("Upstream, depending on it:", impact.upstream);
    list("Downstream, it depends on:", impact.downstream);
    out << "Entry points whose traces pass through it:" << (impact.entryPoints.empty() ? " none\n" : "\n");
    for (const ImpactEntryPoint& e : impact.entryPoints)
        out << "  " << toQString(e.service) << ' ' << toQString(e.operation) << "  " << e.traces << " of "
            << countText(static_cast<std::int64_t>(e.tracesTotal), u"trace", u"traces") << " ("
            << percentText(e.share()) << ")\n";
}

// "FROM,TO" split at the comma whose two sides are both on the map (names may hold commas).
std::optional<ImpactTarget> edgeTarget(const DependencyGraph& graph, const QString& text)
{
    for (qsizetype comma = text.indexOf(QLatin1Char(',')); comma >= 0;
         comma = text.indexOf(QLatin1Char(','), comma + 1)) {
        const std::string from = text.left(comma).trimmed().toStdString();
        const std::string to = text.mid(comma + 1).trimmed().toStdString();
        if (graph.findNode(from) && graph.findNode(to))
            return ImpactTarget {from, to};
    }
    return std::nullopt;
}

} // namespace

int runImpactCommand(const QStringList& arguments)
{
    Command command(QStringLiteral("impact"),
        QStringLiteral("Who depends on a service or edge, and what it depends on, counted trace by trace."),
        QStringLiteral("FILE... --service NAME | --edge FROM,TO [--json]"));
    QCommandLineParser& parser = command.parser();
    const QCommandLineOption service(QStringLiteral("service"),
        QStringLiteral("The service (or uninstrumented peer) of the map."), QStringLiteral("NAME"));
    const QCommandLineOption edge(
        QStringLiteral("edge"), QStringLiteral("The calls from one service to another."), QStringLiteral("FROM,TO"));
    const QCommandLineOption json(QStringLiteral("json"), QStringLiteral("Print JSON instead of text."));
    parser.addOptions({service, edge, json});
    if (const auto stop = command.parseWithFiles(arguments))
        return *stop;
    if (parser.isSet(service) == parser.isSet(edge))
        return command.usageError(QStringLiteral("give either --service NAME or --edge FROM,TO"));
    const LoadResult result = command.load();
    if (result.anyFailed())
        return ExitInputFailed;
    const TraceSet& set = *result.traces;
    const DependencyOptions options; // the map as `summary` and `graph` draw it
    const DependencyGraph graph = computeDependencyGraph(set, options);
    std::optional<ImpactTarget> target;
    if (parser.isSet(service)) {
        target = ImpactTarget {parser.value(service).toStdString(), std::nullopt};
        if (!graph.findNode(target->service))
            return command.failure(QStringLiteral("no service %1 in the map").arg(parser.value(service)));
    } else {
        target = edgeTarget(graph, parser.value(edge));
        if (!target)
            return command.failure(
                QStringLiteral("no services FROM,TO in the map for --edge %1").arg(parser.value(edge)));
    }
    const Impact impact = computeImpact(set, graph, options, *target);
    if (target->to && impact.traces == 0)
        return command.failure(QStringLiteral("no calls from %1 to %2 in the map")
                                   .arg(toQString(target->service), toQString(*target->to)));
    QTextStream out(stdout);
    if (parser.isSet(json))
        out << impactJson(*target, impact).toJson(QJsonDocument::Indented);
    else
        printText(out, *target, impact);
    return ExitDone;
}

} // namespace Spanwise
