#include "tracelistmodel.h"

#include "formatting.h"
#include "hexid.h"
#include "roles.h"
#include "sampling.h"
#include "servicecolors.h"
#include "theme.h"
#include "traceset.h"

#include <QFileInfo>

#include <algorithm>
#include <array>

namespace Spanwise {
namespace {

constexpr std::array<TableColumn, TraceListModel::ColumnCount> columns {{
    {QT_TR_NOOP("Root service"), QT_TR_NOOP("The service of the trace's first root span."), "rootService"},
    {QT_TR_NOOP("Root operation"), QT_TR_NOOP("The operation of the trace's first root span."), "rootOperation"},
    {QT_TR_NOOP("Duration"), QT_TR_NOOP("From the earliest span start to the latest span end."), "durationNs", true},
    {QT_TR_NOOP("Spans"), QT_TR_NOOP("How many spans the trace has."), "spans", true},
    {QT_TR_NOOP("Errors"), QT_TR_NOOP("How many spans of the trace have error status."), "errors", true},
    {QT_TR_NOOP("Services"), QT_TR_NOOP("How many distinct services took part in the trace."), "services", true},
    {QT_TR_NOOP("Start"), QT_TR_NOOP("When the earliest span of the trace started (local time)."), "startNs"},
    {QT_TR_NOOP("Trace ID"), QT_TR_NOOP("The trace id, in hex."), "traceId"},
    {QT_TR_NOOP("File"), QT_TR_NOOP("The file(s) the trace's spans came from."), "file"},
}};

} // namespace

TraceListModel::TraceListModel(QObject* parent)
    : TableModel(columns, parent)
{ }

void TraceListModel::setTraceSet(std::shared_ptr<const TraceSet> traces)
{
    std::vector<TraceIndex> all(traces ? traces->traces().size() : 0);
    for (std::uint32_t t = 0; t < all.size(); ++t)
        all[t] = TraceIndex {t};
    m_traces = std::move(traces);
    // The same colours as every other view: assigned over the whole set's service names.
    m_serviceColors = m_traces ? servicePalettesOf(*m_traces) : ServicePalettes {};
    m_files.assign(all.size(), QString());
    m_filesReady.assign(all.size(), false);
    setOrder(std::move(all));
}

void TraceListModel::setOrder(std::vector<TraceIndex> traces)
{
    beginResetModel();
    m_order = std::move(traces);
    m_rowOfTrace.assign(m_traces ? m_traces->traces().size() : 0, -1);
    for (std::size_t row = 0; row < m_order.size(); ++row) {
        Q_ASSERT(m_order[row].value < m_rowOfTrace.size());
        m_rowOfTrace[m_order[row].value] = static_cast<int>(row);
    }
    endResetModel();
}

int TraceListModel::rowOf(TraceIndex trace) const
{
    return trace.value < m_rowOfTrace.size() ? m_rowOfTrace[trace.value] : -1;
}

int TraceListModel::traceCount() const
{
    return m_traces ? static_cast<int>(m_traces->traces().size()) : 0;
}

QString traceFileNames(const TraceSet& set, const TraceInfo& trace)
{
    std::vector<std::uint32_t> files;
    for (const SpanIndex s : set.forest().spansOf(trace)) {
        const FileIndex file = set.fileOf(s);
        if (file.isValid() && std::find(files.begin(), files.end(), file.value) == files.end())
            files.push_back(file.value);
    }
    std::sort(files.begin(), files.end());
    QStringList names;
    for (const std::uint32_t file : files)
        names << QFileInfo(toQString(set.files()[file])).fileName();
    return names.join(QStringLiteral(", "));
}

const QString& TraceListModel::filesOf(TraceIndex trace) const
{
    if (!m_filesReady[trace.value]) {
        m_files[trace.value] = traceFileNames(*m_traces, m_traces->trace(trace));
        m_filesReady[trace.value] = true;
    }
    return m_files[trace.value];
}

int TraceListModel::rows() const
{
    return static_cast<int>(m_order.size());
}

QVariant TraceListModel::other(int row, int column, int role) const
{
    switch (role) {
    case Roles::Trace:
        return traceAt(row).value;
    case Qt::DecorationRole:
        return column == RootService
            ? QVariant(m_serviceColors[isDarkTheme() ? 1 : 0]
                                      [m_traces->span(m_traces->trace(traceAt(row)).root).service.value])
            : QVariant();
    case Qt::ForegroundRole:
        if (column == Errors && m_traces->trace(traceAt(row)).errorCount > 0)
            return viewColors().errorText;
        if (column == Spans && !incompleteTraceReason(*m_traces, traceAt(row)).empty())
            return viewColors().note;
        return {};
    case Qt::ToolTipRole:
        if (column == Spans)
            if (const std::string reason = incompleteTraceReason(*m_traces, traceAt(row)); !reason.empty())
                return tr("Looks incomplete: %1.").arg(toQString(reason));
        return column == TraceIdColumn || column == File ? display(row, column) : QVariant();
    default:
        return {};
    }
}

QVariant TraceListModel::display(int row, int column) const
{
    const TraceInfo& trace = m_traces->trace(traceAt(row));
    switch (column) {
    case RootService:
        return toQString(m_traces->serviceName(m_traces->span(trace.root).service));
    case RootOperation:
        return toQString(m_traces->text(m_traces->span(trace.root).operation));
    case Start:
        return trace.hasTime ? formatTimestamp(trace.startNs) : tr("no time recorded");
    case Duration:
        return trace.hasTime ? formatDuration(trace.durationNs()) : QStringLiteral("—");
    case Spans:
        // A trace missing spans says so where its size is read (the tooltip says why).
        return incompleteTraceReason(*m_traces, traceAt(row)).empty()
            ? QVariant(trace.spanCount())
            : QVariant(QStringLiteral("%1 ⚠").arg(trace.spanCount()));
    case Services:
        return trace.serviceCount;
    case Errors:
        return trace.errorCount;
    case TraceIdColumn:
        return toQString(formatTraceId(trace.id));
    case File:
        return filesOf(traceAt(row));
    default:
        return {};
    }
}

QVariant TraceListModel::raw(int row, int column) const
{
    const TraceInfo& trace = m_traces->trace(traceAt(row));
    switch (column) {
    case Start:
        return static_cast<qlonglong>(trace.startNs);
    case Duration:
        return static_cast<qlonglong>(trace.durationNs());
    default:
        return {};
    }
}

} // namespace Spanwise
