#include "tracelistmodel.h"

#include "formatting.h"
#include "hexid.h"
#include "roles.h"
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
    beginResetModel();
    m_traces = std::move(traces);
    m_rows.clear();
    if (m_traces) {
        // The same colours as every other view: assigned over the whole set's service names.
        m_serviceColors = servicePalettesOf(*m_traces);
        std::vector<QString> fileNames;
        for (const std::string& path : m_traces->files())
            fileNames.push_back(QFileInfo(toQString(path)).fileName());
        m_rows.reserve(m_traces->traces().size());
        for (const TraceInfo& trace : m_traces->traces()) {
            const Span& root = m_traces->span(trace.root);
            m_rows.push_back({toQString(m_traces->serviceName(root.service)), toQString(m_traces->text(root.operation)),
                toQString(formatTraceId(trace.id)), filesOf(trace, fileNames), root.service});
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

int TraceListModel::rows() const
{
    return static_cast<int>(m_rows.size());
}

QVariant TraceListModel::other(int row, int column, int role) const
{
    switch (role) {
    case Roles::Trace:
        return row;
    case Qt::DecorationRole:
        return column == RootService ? QVariant(m_serviceColors[isDarkTheme() ? 1 : 0][m_rows[row].rootServiceId.value])
                                     : QVariant();
    case Qt::ForegroundRole:
        return column == Errors && m_traces->traces()[row].errorCount > 0 ? QVariant(viewColors().errorText)
                                                                          : QVariant();
    case Qt::ToolTipRole:
        return column == TraceIdColumn || column == File ? display(row, column) : QVariant();
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

QVariant TraceListModel::raw(int row, int column) const
{
    const TraceInfo& trace = m_traces->traces()[row];
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
