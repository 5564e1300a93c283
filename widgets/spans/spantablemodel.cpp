#include "spantablemodel.h"

#include "formatting.h"
#include "hexid.h"
#include "roles.h"
#include "theme.h"
#include "traceset.h"
#include "tracesetpresentation.h"

#include <array>

namespace Spanwise {
namespace {

constexpr std::array<TableColumn, SpanTableModel::ColumnCount> columns {{
    {QT_TR_NOOP("Service"), QT_TR_NOOP("The service that recorded the span."), "service"},
    {QT_TR_NOOP("Operation"), QT_TR_NOOP("The span's operation name."), "operation"},
    {QT_TR_NOOP("Kind"), QT_TR_NOOP("Server, client, producer, consumer or internal."), "kind"},
    {QT_TR_NOOP("Start"), QT_TR_NOOP("When the span started, and how long after its trace started."), "startNs"},
    {QT_TR_NOOP("Duration"), QT_TR_NOOP("How long the span took."), "durationNs", true},
    {QT_TR_NOOP("Self time"), QT_TR_NOOP("The part of the duration not spent in child spans."), "selfTimeNs", true},
    {QT_TR_NOOP("Status"), QT_TR_NOOP("Error when the span failed."), "status"},
    {QT_TR_NOOP("Error message"), QT_TR_NOOP("The status message the span carried."), "message"},
    {QT_TR_NOOP("Trace ID"), QT_TR_NOOP("The span's trace."), "traceId"},
}};

} // namespace

std::string_view SpanTableModel::kindName(SpanKind kind)
{
    static constexpr std::string_view names[] = {"", "internal", "server", "client", "producer", "consumer"};
    return names[static_cast<std::size_t>(kind)];
}

SpanTableModel::SpanTableModel(QObject* parent)
    : TableModel(columns, parent)
{ }

void SpanTableModel::setSpans(std::shared_ptr<const TraceSetPresentation> presentation, std::vector<SpanIndex> spans,
    std::vector<std::int64_t> selfTimes, TraceIndex trace)
{
    Q_ASSERT(selfTimes.size() == spans.size() || selfTimes.empty());
    beginResetModel();
    m_presentation = std::move(presentation);
    m_spans = std::move(spans);
    m_selfTimes = std::move(selfTimes);
    m_selfTimes.resize(m_spans.size()); // a cancelled computation leaves none
    m_trace = trace;
    endResetModel();
}

int SpanTableModel::rows() const
{
    return static_cast<int>(m_spans.size());
}

QVariant SpanTableModel::display(int row, int column) const
{
    const SpanIndex spanIndex = m_spans[static_cast<std::size_t>(row)];
    const TraceSet& set = m_presentation->set();
    const Span& span = set.span(spanIndex);
    switch (column) {
    case Service:
        return m_presentation->serviceName(span.service);
    case Operation:
        return m_presentation->text(span.operation);
    case Kind:
        return toQString(kindName(span.kind));
    case Start: {
        const std::int64_t traceStart = set.trace(set.forest().traceOf(spanIndex)).startNs;
        return QString(
            formatTimestamp(span.startNs) + QStringLiteral("  +") + formatDuration(span.startNs - traceStart));
    }
    case Duration:
        return formatDuration(span.durationNs);
    case SelfTime:
        return formatDuration(m_selfTimes[static_cast<std::size_t>(row)]);
    case Status:
        return span.status == StatusCode::Error ? tr("error") : span.status == StatusCode::Ok ? tr("ok") : QString();
    case Message:
        return span.statusMessage.isValid() ? m_presentation->text(span.statusMessage) : QString();
    case TraceIdColumn:
        return toQString(formatTraceId(span.traceId));
    default:
        return {};
    }
}

QVariant SpanTableModel::raw(int row, int column) const
{
    const Span& span = m_presentation->set().span(m_spans[static_cast<std::size_t>(row)]);
    switch (column) {
    case Start:
        return static_cast<qlonglong>(span.startNs);
    case Duration:
        return static_cast<qlonglong>(span.durationNs);
    case SelfTime:
        return static_cast<qlonglong>(m_selfTimes[static_cast<std::size_t>(row)]);
    default:
        return {};
    }
}

QVariant SpanTableModel::other(int row, int column, int role) const
{
    const SpanIndex spanIndex = m_spans[static_cast<std::size_t>(row)];
    const Span& span = m_presentation->set().span(spanIndex);
    switch (role) {
    case Roles::Span:
        return spanIndex.value;
    case Qt::DecorationRole:
        return column == Service ? QVariant(m_presentation->serviceColor(span.service)) : QVariant();
    case Qt::ForegroundRole:
        return span.isError() && (column == Status || column == Message) ? QVariant(viewColors().errorText)
                                                                         : QVariant();
    case Qt::ToolTipRole:
        return column == Message || column == Operation ? display(row, column) : QVariant();
    default:
        return {};
    }
}

} // namespace Spanwise
