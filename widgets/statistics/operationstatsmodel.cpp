#include "operationstatsmodel.h"

#include "query.h"

#include "formatting.h"
#include "servicecolors.h"
#include "theme.h"
#include "traceset.h"
#include "tracesetpresentation.h"

#include <QLocale>

#include <array>

namespace Spanwise {
namespace {

// The CSV names are the JSON field names of `spanwise stats --json`.
constexpr std::array<TableColumn, OperationStatsModel::ColumnCount> columns {{
    {QT_TR_NOOP("Service"), QT_TR_NOOP("The service (or, grouped by an attribute, its value)."), "service"},
    {QT_TR_NOOP("Operation"), QT_TR_NOOP("The operation, when grouped by service and operation."), "operation"},
    {QT_TR_NOOP("Count"), QT_TR_NOOP("How many spans are in the group."), "count", true},
    {QT_TR_NOOP("≈ Count"),
        QT_TR_NOOP("An estimate of the count before sampling: each span weighs 1/p, p the sampling probability its "
                   "trace records (Jaeger's sampler, OpenTelemetry's tracestate); shown when some trace records one."),
        "estimatedCount", true},
    {QT_TR_NOOP("Errors"), QT_TR_NOOP("How many of them have error status."), "errors", true},
    {QT_TR_NOOP("Error %"), QT_TR_NOOP("Errors as a share of the count."), "errorRate", true},
    {QT_TR_NOOP("Min"), QT_TR_NOOP("The shortest duration."), "minNs", true},
    {QT_TR_NOOP("p50"), QT_TR_NOOP("Median: half the spans took at most this long (exact, nearest rank)."), "p50Ns",
        true},
    {QT_TR_NOOP("p90"), QT_TR_NOOP("90% of the spans took at most this long."), "p90Ns", true},
    {QT_TR_NOOP("p95"), QT_TR_NOOP("95% of the spans took at most this long."), "p95Ns", true},
    {QT_TR_NOOP("p99"), QT_TR_NOOP("99% of the spans took at most this long: the slow tail."), "p99Ns", true},
    {QT_TR_NOOP("Max"), QT_TR_NOOP("The longest duration."), "maxNs", true},
    {QT_TR_NOOP("Mean"), QT_TR_NOOP("The average duration."), "meanNs", true},
    {QT_TR_NOOP("Total"), QT_TR_NOOP("All the group's durations added up."), "totalNs", true},
    {QT_TR_NOOP("Self total"), QT_TR_NOOP("All the group's self time (time not spent in child spans) added up."),
        "totalSelfNs", true},
    {QT_TR_NOOP("Share"),
        QT_TR_NOOP("The group's self time as a share of all self time in scope: where the time went."), "shareOfTime",
        true},
}};

} // namespace

OperationStatsModel::OperationStatsModel(QObject* parent)
    : TableModel(columns, parent)
{ }

void OperationStatsModel::setResult(
    std::shared_ptr<const TraceSetPresentation> presentation, std::shared_ptr<const StatsResult> result)
{
    beginResetModel();
    m_presentation = std::move(presentation);
    m_result = std::move(result);
    endResetModel();
    emit headerDataChanged(Qt::Horizontal, 0, ColumnCount - 1);
}

const OperationStats* OperationStatsModel::row(int row) const
{
    return m_result && row >= 0 && row < static_cast<int>(m_result->rows.size())
        ? &m_result->rows[static_cast<std::size_t>(row)]
        : nullptr;
}

int OperationStatsModel::rows() const
{
    return m_result ? static_cast<int>(m_result->rows.size()) : 0;
}

QString OperationStatsModel::nameOf(const OperationStats& row) const
{
    return row.service.isValid() ? m_presentation->serviceName(row.service) : toQString(row.value);
}

QVariant OperationStatsModel::display(int row, int column) const
{
    const OperationStats& r = m_result->rows[static_cast<std::size_t>(row)];
    switch (column) {
    case Name:
        return nameOf(r);
    case Operation:
        return r.operation.isValid() ? m_presentation->text(r.operation) : QString();
    case Count:
        return QLocale().toString(static_cast<qulonglong>(r.count));
    case EstimatedCount:
        return QString(QStringLiteral("≈ ") + QLocale().toString(r.estimatedCount, 'f', 0));
    case Errors:
        return QLocale().toString(static_cast<qulonglong>(r.errors));
    case ErrorRate:
        return QString(QString::number(100 * r.errorRate(), 'f', 1) + QLatin1Char('%'));
    case Share:
        return QString(QString::number(100 * r.shareOfTime, 'f', 1) + QLatin1Char('%'));
    default:
        return formatDuration(raw(row, column).toLongLong());
    }
}

QVariant OperationStatsModel::raw(int row, int column) const
{
    const OperationStats& r = m_result->rows[static_cast<std::size_t>(row)];
    switch (column) {
    case Count:
        return static_cast<qulonglong>(r.count);
    case EstimatedCount:
        return r.estimatedCount;
    case Errors:
        return static_cast<qulonglong>(r.errors);
    case ErrorRate:
        return r.errorRate();
    case Share:
        return r.shareOfTime;
    case Min:
        return static_cast<qlonglong>(r.minNs);
    case P50:
        return static_cast<qlonglong>(r.p50Ns);
    case P90:
        return static_cast<qlonglong>(r.p90Ns);
    case P95:
        return static_cast<qlonglong>(r.p95Ns);
    case P99:
        return static_cast<qlonglong>(r.p99Ns);
    case Max:
        return static_cast<qlonglong>(r.maxNs);
    case Mean:
        return r.meanNs;
    case Total:
        return static_cast<qlonglong>(r.totalNs);
    case SelfTotal:
        return static_cast<qlonglong>(r.totalSelfNs);
    default:
        return {};
    }
}

void OperationStatsModel::setViolations(std::vector<RuleViolation> violations)
{
    m_violations = std::move(violations);
    if (rowCount() > 0)
        emit dataChanged(index(0, 0), index(rowCount() - 1, ColumnCount - 1));
}

QStringList OperationStatsModel::violationsOf(int row) const
{
    QStringList texts;
    const OperationStats& r = m_result->rows[static_cast<std::size_t>(row)];
    const std::string_view service =
        r.service.isValid() ? m_presentation->set().serviceName(r.service) : std::string_view {};
    const std::string_view operation =
        r.operation.isValid() ? m_presentation->set().text(r.operation) : std::string_view {};
    for (const RuleViolation& v : m_violations) {
        if (v.service.empty() || !r.service.isValid() || !globMatches(service, v.service) || !v.callee.empty())
            continue;
        if (!v.operation.empty() && (!r.operation.isValid() || !globMatches(operation, v.operation)))
            continue;
        texts << v.text;
    }
    return texts;
}

QVariant OperationStatsModel::other(int row, int column, int role) const
{
    const OperationStats& r = m_result->rows[static_cast<std::size_t>(row)];
    if ((role == Qt::BackgroundRole || role == Qt::ToolTipRole) && !m_violations.empty()) {
        if (const QStringList texts = violationsOf(row); !texts.isEmpty()) {
            QColor tint = viewColors().error;
            tint.setAlpha(45);
            return role == Qt::BackgroundRole ? QVariant(tint) : QVariant(texts.join(QLatin1Char('\n')));
        }
    }
    switch (role) {
    case Qt::DecorationRole:
        return column == Name && r.service.isValid() ? QVariant(m_presentation->serviceColor(r.service)) : QVariant();
    case Qt::ForegroundRole:
        return (column == Errors || column == ErrorRate) && r.errors > 0 ? QVariant(viewColors().errorText)
                                                                         : QVariant();
    case Qt::ToolTipRole:
        return column == Name || column == Operation ? display(row, column) : QVariant();
    default:
        return {};
    }
}

QString OperationStatsModel::title(int column) const
{
    if (column == Name && m_result && m_result->grouping.by == StatsGrouping::By::Attribute)
        return toQString(m_result->grouping.attributeKey);
    return TableModel::title(column);
}

QString OperationStatsModel::csvName(int column) const
{
    const bool byAttribute = m_result && m_result->grouping.by == StatsGrouping::By::Attribute;
    return column == Name && byAttribute ? title(column) : TableModel::csvName(column);
}

bool OperationStatsModel::isColumnUnused(int column) const
{
    if (column == EstimatedCount)
        return !m_result || m_result->sampledSpans == 0; // nothing records sampling: no estimate to show
    return column == Operation && m_result && m_result->grouping.by != StatsGrouping::By::ServiceOperation;
}

} // namespace Spanwise
