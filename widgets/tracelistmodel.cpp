#include "tracelistmodel.h"

#include "formatting.h"
#include "hexid.h"
#include "servicecolors.h"
#include "traceset.h"

#include <QFileInfo>

#include <algorithm>
#include <array>

namespace Spanwise {

TraceListModel::TraceListModel(QObject* parent)
    : QAbstractTableModel(parent)
{ }

void TraceListModel::setTraceSet(std::shared_ptr<const TraceSet> traces)
{
    beginResetModel();
    m_traces = std::move(traces);
    m_rows.clear();
    if (m_traces) {
        std::vector<QString> fileNames;
        for (const std::string& path : m_traces->files())
            fileNames.push_back(QFileInfo(toQString(path)).fileName());
        m_rows.reserve(m_traces->traces().size());
        for (const TraceInfo& trace : m_traces->traces()) {
            const Span& root = m_traces->span(trace.root);
            m_rows.push_back({toQString(m_traces->serviceName(root.service)), toQString(m_traces->text(root.operation)),
                toQString(formatTraceId(trace.id)), filesOf(trace, fileNames)});
        }
    }
    endResetModel();
}

// The files a trace's spans came from: a trace can be spread over several.
QString TraceListModel::filesOf(const TraceInfo& trace, const std::vector<QString>& fileNames) const
{
    std::vector<std::uint32_t> files;
    for (const SpanIndex s : m_traces->forest().spansOf(trace)) {
        const FileIndex file = m_traces->span(s).file;
        if (file.isValid() && std::find(files.begin(), files.end(), file.value) == files.end())
            files.push_back(file.value);
    }
    std::sort(files.begin(), files.end());
    QStringList names;
    for (const std::uint32_t file : files)
        names << fileNames[file];
    return names.join(QStringLiteral(", "));
}

int TraceListModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(m_rows.size());
}

int TraceListModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant TraceListModel::data(const QModelIndex& index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid))
        return {};
    const int row = index.row();
    const int column = index.column();
    switch (role) {
    case Qt::DisplayRole:
        return display(row, column);
    case SortRole:
        return sortValue(row, column);
    case Qt::TextAlignmentRole:
        if (column == Duration || column == Spans || column == Services || column == Errors)
            return QVariant::fromValue(Qt::AlignRight | Qt::AlignVCenter);
        return QVariant::fromValue(Qt::AlignLeft | Qt::AlignVCenter);
    case Qt::DecorationRole:
        if (column == RootService)
            return serviceColor(m_rows[row].rootService);
        return {};
    case Qt::ForegroundRole:
        if (column == Errors && m_traces->traces()[row].errorCount > 0)
            return QColor(0xc0, 0x1c, 0x28);
        return {};
    case Qt::ToolTipRole:
        if (column == TraceIdColumn || column == File)
            return display(row, column);
        return {};
    default:
        return {};
    }
}

QVariant TraceListModel::display(int row, int column) const
{
    const TraceInfo& trace = m_traces->traces()[row];
    switch (column) {
    case RootService:
        return m_rows[row].rootService;
    case RootOperation:
        return m_rows[row].rootOperation;
    case Start:
        return trace.hasTime ? formatTimestamp(trace.startNs) : tr("no time recorded");
    case Duration:
        return trace.hasTime ? formatDuration(trace.durationNs()) : QStringLiteral("—");
    case Spans:
        return trace.spanCount();
    case Services:
        return trace.serviceCount;
    case Errors:
        return trace.errorCount;
    case TraceIdColumn:
        return m_rows[row].traceId;
    case File:
        return m_rows[row].file;
    default:
        return {};
    }
}

QVariant TraceListModel::sortValue(int row, int column) const
{
    const TraceInfo& trace = m_traces->traces()[row];
    switch (column) {
    case Start:
        return static_cast<qlonglong>(trace.startNs);
    case Duration:
        return static_cast<qlonglong>(trace.durationNs());
    default:
        return display(row, column);
    }
}

QVariant TraceListModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal)
        return {};
    static const std::array<std::pair<QString, QString>, ColumnCount> headers = {{
        {tr("Root service"), tr("The service of the trace's first root span.")},
        {tr("Root operation"), tr("The operation of the trace's first root span.")},
        {tr("Start"), tr("When the earliest span of the trace started (local time).")},
        {tr("Duration"), tr("From the earliest span start to the latest span end.")},
        {tr("Spans"), tr("How many spans the trace has.")},
        {tr("Services"), tr("How many distinct services took part in the trace.")},
        {tr("Errors"), tr("How many spans of the trace have error status.")},
        {tr("Trace ID"), tr("The trace id, in hex.")},
        {tr("File"), tr("The file(s) the trace's spans came from.")},
    }};
    if (section < 0 || section >= ColumnCount)
        return {};
    if (role == Qt::DisplayRole)
        return headers[section].first;
    if (role == Qt::ToolTipRole)
        return headers[section].second;
    if (role == Qt::TextAlignmentRole) {
        const bool numeric = section == Duration || section == Spans || section == Services || section == Errors;
        return QVariant::fromValue((numeric ? Qt::AlignRight : Qt::AlignLeft) | Qt::AlignVCenter);
    }
    return {};
}

} // namespace Spanwise
