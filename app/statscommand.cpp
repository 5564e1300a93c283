#include "statscommand.h"

#include "csvexport.h"

#include "commandsupport.h"
#include "formatting.h"
#include "operationstats.h"
#include "traceloader.h"
#include "traceset.h"

#include <QCommandLineParser>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTextStream>

namespace Spanwise {
namespace {

QString groupName(const TraceSet& set, const OperationStats& row, const StatsGrouping& grouping)
{
    switch (grouping.by) {
    case StatsGrouping::By::ServiceOperation:
        return toQString(set.serviceName(row.service)) + QStringLiteral(": ") + toQString(set.text(row.operation));
    case StatsGrouping::By::Service:
        return toQString(set.serviceName(row.service));
    case StatsGrouping::By::Attribute:
        return toQString(row.value);
    }
    return {};
}

} // namespace

int runStatsCommand(const QStringList& arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(
        QStringLiteral("Latency and error figures per operation, service or attribute value."));
    parser.addHelpOption();
    const QCommandLineOption byOption(QStringLiteral("by"),
        QStringLiteral("Group by: operation (service and operation, the default), service, or an attribute key such as "
                       "http.route."),
        QStringLiteral("GROUP"), QStringLiteral("operation"));
    const QCommandLineOption csvOption(QStringLiteral("csv"), QStringLiteral("Print CSV (durations in nanoseconds)."));
    const QCommandLineOption jsonOption(
        QStringLiteral("json"), QStringLiteral("Print JSON (durations in nanoseconds)."));
    parser.addOptions({byOption, csvOption, jsonOption});
    parser.addPositionalArgument(
        QStringLiteral("files"), QStringLiteral("Trace files to load."), QStringLiteral("FILE..."));
    QTextStream err(stderr);
    const QString usage =
        QStringLiteral("Usage: spanwise stats FILE... [--by operation|service|ATTRIBUTE] [--csv|--json]\n");
    if (!parser.parse(arguments)) {
        err << "spanwise stats: " << parser.errorText() << '\n' << usage;
        return 2;
    }
    if (parser.isSet(QStringLiteral("help"))) {
        QTextStream(stdout) << parser.helpText();
        return 0;
    }
    if (parser.positionalArguments().isEmpty() || (parser.isSet(csvOption) && parser.isSet(jsonOption)) ||
        parser.value(byOption).trimmed().isEmpty()) {
        err << "spanwise stats: give trace files, and at most one of --csv and --json\n" << usage;
        return 2;
    }
    StatsGrouping grouping;
    const QString by = parser.value(byOption).trimmed();
    if (by == QStringLiteral("operation"))
        grouping.by = StatsGrouping::By::ServiceOperation;
    else if (by == QStringLiteral("service"))
        grouping.by = StatsGrouping::By::Service;
    else {
        grouping.by = StatsGrouping::By::Attribute;
        grouping.attributeKey = by.toStdString();
    }

    const LoadResult result = loadForCommand(parser.positionalArguments(), err);
    const TraceSet& set = *result.traces;
    const StatsResult stats = computeOperationStats(set, grouping);

    QTextStream out(stdout);
    const QStringList columns = {QStringLiteral("count"), QStringLiteral("errors"), QStringLiteral("errorRate"),
        QStringLiteral("minNs"), QStringLiteral("p50Ns"), QStringLiteral("p90Ns"), QStringLiteral("p95Ns"),
        QStringLiteral("p99Ns"), QStringLiteral("maxNs"), QStringLiteral("meanNs"), QStringLiteral("totalNs"),
        QStringLiteral("totalSelfNs"), QStringLiteral("shareOfTime")};
    const auto values = [](const OperationStats& r) {
        return QList<double> {double(r.count), double(r.errors), r.errorRate(), double(r.minNs), double(r.p50Ns),
            double(r.p90Ns), double(r.p95Ns), double(r.p99Ns), double(r.maxNs), r.meanNs, double(r.totalNs),
            double(r.totalSelfNs), r.shareOfTime};
    };
    const bool byOperation = grouping.by == StatsGrouping::By::ServiceOperation;
    if (parser.isSet(jsonOption)) {
        QJsonArray rows;
        for (const OperationStats& r : stats.rows) {
            QJsonObject row;
            if (grouping.by != StatsGrouping::By::Attribute)
                row[QStringLiteral("service")] = toQString(set.serviceName(r.service));
            if (byOperation)
                row[QStringLiteral("operation")] = toQString(set.text(r.operation));
            if (grouping.by == StatsGrouping::By::Attribute)
                row[QStringLiteral("value")] = toQString(r.value);
            const QList<double> v = values(r);
            for (qsizetype c = 0; c < columns.size(); ++c)
                row[columns[c]] =
                    (columns[c] == QStringLiteral("errorRate") || columns[c] == QStringLiteral("shareOfTime") ||
                        columns[c] == QStringLiteral("meanNs"))
                    ? QJsonValue(v[c])
                    : QJsonValue(static_cast<qint64>(v[c]));
            rows.append(row);
        }
        out << QJsonDocument(
            QJsonObject {{QStringLiteral("groupBy"), by}, {QStringLiteral("spans"), static_cast<qint64>(stats.spans)},
                {QStringLiteral("rows"), rows}})
                   .toJson(QJsonDocument::Indented);
    } else if (parser.isSet(csvOption)) {
        QStringList header;
        if (grouping.by != StatsGrouping::By::Attribute)
            header << QStringLiteral("service");
        if (byOperation)
            header << QStringLiteral("operation");
        if (grouping.by == StatsGrouping::By::Attribute)
            header << by;
        out << (header + columns).join(QLatin1Char(',')) << '\n';
        for (const OperationStats& r : stats.rows) {
            QStringList fields;
            if (grouping.by != StatsGrouping::By::Attribute)
                fields << csvText(toQString(set.serviceName(r.service)));
            if (byOperation)
                fields << csvText(toQString(set.text(r.operation)));
            if (grouping.by == StatsGrouping::By::Attribute)
                fields << csvText(toQString(r.value));
            for (const double v : values(r))
                fields << QString::number(v, 'g', 12);
            out << fields.join(QLatin1Char(',')) << '\n';
        }
    } else {
        out << QStringLiteral("%1 spans, %2 groups, slowest p99 first\n").arg(stats.spans).arg(stats.rows.size());
        for (const OperationStats& r : stats.rows) {
            out << groupName(set, r, grouping) << ": " << r.count << " calls, " << r.errors << " errors ("
                << QString::number(100 * r.errorRate(), 'f', 1) << "%), p50 " << formatDuration(r.p50Ns) << ", p95 "
                << formatDuration(r.p95Ns) << ", p99 " << formatDuration(r.p99Ns) << ", max " << formatDuration(r.maxNs)
                << '\n';
        }
    }
    return result.anyFailed() ? 1 : 0;
}

} // namespace Spanwise
