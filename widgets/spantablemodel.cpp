#include "spantablemodel.h"

#include "formatting.h"
#include "hexid.h"
#include "traceset.h"
#include "tracesetpresentation.h"

#include <array>

namespace Spanwise {
namespace {

QString kindText(SpanKind kind)
{
    static const std::array<QString, 6> names = {QString(), QStringLiteral("internal"), QStringLiteral("server"),
        QStringLiteral("client"), QStringLiteral("producer"), QStringLiteral("consumer")};
    return names[static_cast<std::size_t>(kind)];
}

} // namespace

SpanTableModel::SpanTableModel(QObject* parent)
    : QAbstractTableModel(parent)
{ }

void SpanTableModel::setSpans(std::shared_ptr<const TraceSetPresentation> presentation, std::vector<SpanIndex> spans,
    std::vector<std::int64_t> selfTimes)
{
    beginResetModel();
    m_presentation = std::move(presentation);
    m_spans = std::move(spans);
    m_selfTimes = std::move(selfTimes);
    endResetModel();
}

int SpanTableModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(m_spans.size());
}

int SpanTableModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant SpanTableModel::data(const QModelIndex& index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid))
        return {};
    const std::size_t row = static_cast<std::size_t>(index.row());
    const SpanIndex spanIndex = m_spans[row];
    const TraceSet& set = m_presentation->set();
    const Span& span = set.span(spanIndex);
    const int column = index.column();
    const std::int64_t traceStart = set.trace(set.forest().traceOf(spanIndex)).startNs;
    switch (role) {
    case Qt::DisplayRole:
        switch (column) {
        case Service:
            return m_presentation->serviceName(span.service);
        case Operation:
            return m_presentation->text(span.operation);
        case Kind:
            return kindText(span.kind);
        case Start:
            return QString(
                formatTimestamp(span.startNs) + QStringLiteral("  +") + formatDuration(span.startNs - traceStart));
        case Duration:
            return formatDuration(span.durationNs);
        case SelfTime:
            return formatDuration(m_selfTimes[row]);
        case Status:
            return span.status == StatusCode::Error ? tr("error")
                : span.status == StatusCode::Ok     ? tr("ok")
                                                    : QString();
        case Message:
            return span.statusMessage.isValid() ? m_presentation->text(span.statusMessage) : QString();
        case TraceIdColumn:
            return toQString(formatTraceId(span.traceId));
        default:
            return {};
        }
    case SortRole:
        switch (column) {
        case Start:
            return static_cast<qlonglong>(span.startNs);
        case Duration:
            return static_cast<qlonglong>(span.durationNs);
        case SelfTime:
            return static_cast<qlonglong>(m_selfTimes[row]);
        default:
            return data(index, Qt::DisplayRole);
        }
    case SpanRole:
        return spanIndex.value;
    case Qt::TextAlignmentRole:
        return QVariant::fromValue(
            (column == Duration || column == SelfTime ? Qt::AlignRight : Qt::AlignLeft) | Qt::AlignVCenter);
    case Qt::DecorationRole:
        return column == Service ? QVariant(m_presentation->serviceColor(span.service)) : QVariant();
    case Qt::ForegroundRole:
        return span.isError() && (column == Status || column == Message) ? QVariant(QColor(0xc0, 0x1c, 0x28))
                                                                         : QVariant();
    case Qt::ToolTipRole:
        return column == Message || column == Operation ? data(index, Qt::DisplayRole) : QVariant();
    default:
        return {};
    }
}

QVariant SpanTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || section < 0 || section >= ColumnCount)
        return {};
    static const std::array<std::pair<const char*, const char*>, ColumnCount> headers = {{
        {"Service", "The service that recorded the span."},
        {"Operation", "The span's operation name."},
        {"Kind", "Server, client, producer, consumer or internal."},
        {"Start", "When the span started, and how long after its trace started."},
        {"Duration", "How long the span took."},
        {"Self time", "The part of the duration not spent in child spans."},
        {"Status", "Error when the span failed."},
        {"Error message", "The status message the span carried."},
        {"Trace ID", "The span's trace."},
    }};
    const QString title = tr(headers[static_cast<std::size_t>(section)].first);
    switch (role) {
    case Qt::DisplayRole:
        return title;
    case CsvHeaderRole:
        return section == Start || section == Duration || section == SelfTime ? QString(title + QStringLiteral(" (ns)"))
                                                                              : title;
    case Qt::ToolTipRole:
        return tr(headers[static_cast<std::size_t>(section)].second);
    default:
        return {};
    }
}

} // namespace Spanwise
