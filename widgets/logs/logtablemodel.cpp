#include "logtablemodel.h"

#include "formatting.h"
#include "hexid.h"
#include "theme.h"
#include "traceset.h"
#include "tracesetpresentation.h"

namespace Spanwise {

LogTableModel::LogTableModel(QObject* parent)
    : QAbstractTableModel(parent)
{ }

void LogTableModel::setRecords(
    std::shared_ptr<const TraceSetPresentation> presentation, std::vector<std::uint32_t> records)
{
    beginResetModel();
    m_presentation = std::move(presentation);
    m_records = std::move(records);
    endResetModel();
}

int LogTableModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(m_records.size());
}

int LogTableModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant LogTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case TimeColumn:
        return tr("Time");
    case LevelColumn:
        return tr("Level");
    case ServiceColumn:
        return tr("Service");
    case MessageColumn:
        return tr("Message");
    case TraceColumn:
        return tr("Trace");
    case SpanColumn:
        return tr("Span");
    }
    return {};
}

QVariant LogTableModel::data(const QModelIndex& index, int role) const
{
    if (!index.isValid() || !m_presentation)
        return {};
    const TraceSet& set = m_presentation->set();
    const LogRecord& log = set.logs()[m_records[static_cast<std::size_t>(index.row())]];
    if (role == Qt::ForegroundRole && index.column() == LevelColumn && log.severityNumber >= 17)
        return viewColors().errorText;
    if (role == Qt::ToolTipRole && index.column() == MessageColumn)
        return m_presentation->text(log.body);
    if (role != Qt::DisplayRole)
        return {};
    switch (index.column()) {
    case TimeColumn:
        return log.hasTime ? formatTimestamp(log.timeNs) : QString();
    case LevelColumn: {
        const QString name = toQString(severityName(log.severityNumber));
        return name.isEmpty() ? m_presentation->text(log.severityText) : name;
    }
    case ServiceColumn:
        return m_presentation->text(log.service);
    case MessageColumn:
        // One line in the table; the whole text in the tooltip.
        return m_presentation->text(log.body).section(QLatin1Char('\n'), 0, 0);
    case TraceColumn:
        return log.traceId.isNull() ? QString() : toQString(formatTraceId(log.traceId));
    case SpanColumn:
        return log.spanId == 0 ? QString() : toQString(formatSpanId(log.spanId));
    }
    return {};
}

} // namespace Spanwise
