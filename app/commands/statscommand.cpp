#include "statscommand.h"

#include "command.h"
#include "csvexport.h"
#include "formatting.h"
#include "operationstats.h"
#include "operationstatsmodel.h"
#include "traceloader.h"
#include "traceset.h"
#include "tracesetpresentation.h"

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
    Command command(QStringLiteral("stats"),
        QStringLiteral("Latency and error figures per operation, service or attribute value."),
        QStringLiteral("FILE... [--by operation|service|ATTRIBUTE] [--csv|--json]"));
    QCommandLineParser& parser = command.parser();
    const QCommandLineOption byOption(QStringLiteral("by"),
        QStringLiteral("Group by: operation (service and operation, the default), service, or an attribute key such as "
                       "http.route."),
        QStringLiteral("GROUP"), QStringLiteral("operation"));
    const QCommandLineOption csvOption(QStringLiteral("csv"), QStringLiteral("Print CSV (durations in nanoseconds)."));
    const QCommandLineOption jsonOption(
        QStringLiteral("json"), QStringLiteral("Print JSON (durations in nanoseconds)."));
    parser.addOptions({byOption, csvOption, jsonOption});
    if (const auto stop = command.parse(arguments))
        return *stop;
    if (command.files().isEmpty() || (parser.isSet(csvOption) && parser.isSet(jsonOption)) ||
        parser.value(byOption).trimmed().isEmpty())
        return command.usageError(QStringLiteral("give trace files, and at most one of --csv and --json"));
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

    const LoadResult result = command.load();
    const TraceSet& set = *result.traces;
    StatsResult stats = computeOperationStats(set, grouping);

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
            if (stats.sampledSpans > 0)
                row[QStringLiteral("estimatedCount")] = r.estimatedCount;
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
        // The statistics table's own CSV: the same columns, names and numbers as the window's export.
        OperationStatsModel model;
        model.setResult(std::make_shared<TraceSetPresentation>(result.traces),
            std::make_shared<const StatsResult>(std::move(stats)));
        writeCsv(model, out);
    } else {
        out << QStringLiteral("%1 spans, %2 groups, slowest p99 first\n").arg(stats.spans).arg(stats.rows.size());
        for (const OperationStats& r : stats.rows) {
            out << groupName(set, r, grouping) << ": " << r.count << " calls, " << r.errors << " errors ("
                << QString::number(100 * r.errorRate(), 'f', 1) << "%), p50 " << formatDuration(r.p50Ns) << ", p95 "
                << formatDuration(r.p95Ns) << ", p99 " << formatDuration(r.p99Ns) << ", max " << formatDuration(r.maxNs)
                << '\n';
        }
    }
    return result.anyFailed() ? ExitInputFailed : ExitDone;
}

} // namespace Spanwise
