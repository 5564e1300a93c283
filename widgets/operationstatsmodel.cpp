#include "operationstatsmodel.h"

#include "formatting.h"
#include "servicecolors.h"
#include "traceset.h"
#include "tracesetpresentation.h"

#include <QLocale>

#include <array>

namespace Spanwise {
namespace {

bool isDuration(int column)
{
    return column >= OperationStatsModel::Min && column <= OperationStatsModel::SelfTotal;
}

} // namespace

OperationStatsModel::OperationStatsModel(QObject* parent)
    : QAbstractTableModel(parent)
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

int OperationStatsModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() || !m_result ? 0 : static_cast<int>(m_result->rows.size());
}

int OperationStatsModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QString OperationStatsModel::nameOf(const OperationStats& row) const
{
    return row.service.isValid() ? m_presentation->serviceName(row.service) : toQString(row.value);
}

QVariant OperationStatsModel::data(const QModelIndex& index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid))
        return {};
    const OperationStats& r = m_result->rows[static_cast<std::size_t>(index.row())];
    const int column = index.column();
    const std::array<std::int64_t, 9> durations = {r.minNs, r.p50Ns, r.p90Ns, r.p95Ns, r.p99Ns, r.maxNs,
        static_cast<std::int64_t>(r.meanNs), r.totalNs, r.totalSelfNs};
    switch (role) {
    case Qt::DisplayRole:
        switch (column) {
        case Name:
            return nameOf(r);
        case Operation:
            return r.operation.isValid() ? m_presentation->text(r.operation) : QString();
        case Count:
            return QLocale().toString(static_cast<qulonglong>(r.count));
        case Errors:
            return QLocale().toString(static_cast<qulonglong>(r.errors));
        case ErrorRate:
            return QString(QString::number(100 * r.errorRate(), 'f', 1) + QLatin1Char('%'));
        case Share:
            return QString(QString::number(100 * r.shareOfTime, 'f', 1) + QLatin1Char('%'));
        default:
            return formatDuration(durations[static_cast<std::size_t>(column - Min)]);
        }
    case SortRole:
        switch (column) {
        case Name:
        case Operation:
            return data(index, Qt::DisplayRole);
        case Count:
            return static_cast<qulonglong>(r.count);
        case Errors:
            return static_cast<qulonglong>(r.errors);
        case ErrorRate:
            return r.errorRate();
        case Share:
            return r.shareOfTime;
        default:
            return static_cast<qlonglong>(durations[static_cast<std::size_t>(column - Min)]);
        }
    case Qt::TextAlignmentRole:
        return QVariant::fromValue((column >= Count ? Qt::AlignRight : Qt::AlignLeft) | Qt::AlignVCenter);
    case Qt::DecorationRole:
        if (column == Name && r.service.isValid())
            return m_presentation->serviceColor(r.service);
        return {};
    case Qt::ForegroundRole:
        if ((column == Errors || column == ErrorRate) && r.errors > 0)
            return QColor(0xc0, 0x1c, 0x28);
        return {};
    case Qt::ToolTipRole:
        if (column == Name || column == Operation)
            return data(index, Qt::DisplayRole);
        return {};
    default:
        return {};
    }
}

QVariant OperationStatsModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || section < 0 || section >= ColumnCount)
        return {};
    const bool byAttribute = m_result && m_result->grouping.by == StatsGrouping::By::Attribute;
    static const std::array<std::pair<const char*, const char*>, ColumnCount> headers = {{
        {"Service", "The service (or, grouped by an attribute, its value)."},
        {"Operation", "The operation, when grouped by service and operation."},
        {"Count", "How many spans are in the group."},
        {"Errors", "How many of them have error status."},
        {"Error %", "Errors as a share of the count."},
        {"Min", "The shortest duration."},
        {"p50", "Median: half the spans took at most this long (exact, nearest rank)."},
        {"p90", "90% of the spans took at most this long."},
        {"p95", "95% of the spans took at most this long."},
        {"p99", "99% of the spans took at most this long: the slow tail."},
        {"Max", "The longest duration."},
        {"Mean", "The average duration."},
        {"Total", "All the group's durations added up."},
        {"Self total", "All the group's self time (time not spent in child spans) added up."},
        {"Share", "The group's self time as a share of all self time in scope: where the time went."},
    }};
    QString title = tr(headers[static_cast<std::size_t>(section)].first);
    if (section == Name && byAttribute)
        title = toQString(m_result->grouping.attributeKey);
    switch (role) {
    case Qt::DisplayRole:
        return title;
    case CsvHeaderRole:
        return isDuration(section) ? QString(title + QStringLiteral(" (ns)")) : title;
    case Qt::ToolTipRole:
        return tr(headers[static_cast<std::size_t>(section)].second);
    case Qt::TextAlignmentRole:
        return QVariant::fromValue((section >= Count ? Qt::AlignRight : Qt::AlignLeft) | Qt::AlignVCenter);
    default:
        return {};
    }
}

} // namespace Spanwise
