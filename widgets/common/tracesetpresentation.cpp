#include "tracesetpresentation.h"

#include "formatting.h"
#include "servicecolors.h"
#include "theme.h"
#include "traceset.h"

#include <QCoreApplication>
#include <QStringList>

namespace Spanwise {

QColor TraceSetPresentation::serviceColor(ServiceId id) const
{
    return m_serviceColors[isDarkTheme() ? 1 : 0][id.value];
}

TraceSetPresentation::TraceSetPresentation(std::shared_ptr<const TraceSet> set)
    : m_set(std::move(set))
    , m_texts(m_set->strings().size())
    , m_textReady(m_set->strings().size(), false)
    , m_marks(m_set->spans().size(), 0)
    , m_links(*m_set)
{
    for (const StringId name : m_set->serviceNames())
        m_serviceNames.push_back(toQString(m_set->text(name)));
    m_serviceColors = assignServicePalettes(m_serviceNames);
    for (const Diagnostic& d : m_set->forest().diagnostics()) {
        switch (d.kind) {
        case DiagnosticKind::MissingParent:
            m_marks[d.span.value] |= MarkMissingParent;
            break;
        case DiagnosticKind::DuplicateSpanId:
            m_marks[d.span.value] |= MarkDuplicateId;
            break;
        case DiagnosticKind::CycleBroken:
            m_marks[d.span.value] |= MarkCycleBroken;
            break;
        }
    }
    const auto spans = m_set->spans();
    for (std::size_t i = 0; i < spans.size(); ++i)
        if (spans[i].flags & (SpanMissingStart | SpanMissingId | SpanMissingTraceId))
            m_marks[i] |= MarkIncomplete;
    for (const SpanWarning& warning : m_set->spanWarnings())
        m_marks[warning.span.value] |= MarkWarning;
}

const QString& TraceSetPresentation::text(StringId id) const
{
    if (!m_textReady[id.value]) {
        m_texts[id.value] = toQString(m_set->text(id));
        m_textReady[id.value] = true;
    }
    return m_texts[id.value];
}

QStringList TraceSetPresentation::describeMarks(SpanIndex span) const
{
    QStringList lines;
    const std::uint8_t m = marks(span);
    const auto tr = [](const char* text) { return QCoreApplication::translate("TraceSetPresentation", text); };
    if (m & MarkMissingParent)
        lines << tr("Its parent span is not in the loaded data (broken context propagation, or a span not exported): "
                    "shown as a root.");
    if (m & MarkDuplicateId)
        lines << tr("Another span of this trace has the same span id: both are shown.");
    if (m & MarkCycleBroken)
        lines << tr("Its parent chain looped back to it: the loop was cut here.");
    if (m & MarkIncomplete)
        lines << tr("The file left out its id or start time.");
    if (m & MarkWarning)
        lines << tr("The file attached warnings to this span.");
    if (m & MarkAnomaly)
        for (const Anomaly& anomaly : m_anomalies)
            if (anomaly.span == span)
                lines << tr("Anomaly: %1.").arg(toQString(anomaly.reason));
    if (m & MarkClockMoved)
        lines << tr("Moved by %1 to correct its host's clock skew (View the raw times by turning the correction off).")
                     .arg((clockShift(span) > 0 ? QStringLiteral("+") : QStringLiteral("−")) +
                         formatDuration(std::abs(clockShift(span))));
    return lines;
}

void TraceSetPresentation::markAnomalies(const std::vector<Anomaly>& anomalies)
{
    m_anomalies = anomalies;
    for (const Anomaly& anomaly : m_anomalies)
        m_marks[anomaly.span.value] |= MarkAnomaly;
}

void TraceSetPresentation::markClockCorrection(std::vector<std::int64_t> shiftNs)
{
    Q_ASSERT(shiftNs.size() == m_marks.size());
    m_clockShifts = std::move(shiftNs);
    for (std::size_t i = 0; i < m_clockShifts.size(); ++i)
        if (m_clockShifts[i] != 0)
            m_marks[i] |= MarkClockMoved;
}

} // namespace Spanwise
