#include "waterfallcontroller.h"

#include "traceset.h"

#include <algorithm>
#include <cmath>

namespace Spanwise {

WaterfallController::WaterfallController(QObject* parent)
    : QObject(parent)
{ }

void WaterfallController::setTrace(std::shared_ptr<const TraceSet> set, TraceIndex trace)
{
    m_set = std::move(set);
    m_trace = m_set && trace.isValid() && trace.value < m_set->traces().size() ? trace : TraceIndex {};
    const TraceInfo* info = traceInfo();
    m_traceRange =
        info ? TimeRange {info->startNs, std::max(info->endNs, info->startNs + minimumRangeNs)} : TimeRange {0, 1};
    m_history = {m_traceRange};
    m_historyIndex = 0;
    m_lastWasPan = false;
    m_selection = info ? info->root : SpanIndex {};
    emit traceChanged();
    emit visibleRangeChanged();
    emit selectionChanged(m_selection);
}

const TraceInfo* WaterfallController::traceInfo() const
{
    return m_trace.isValid() ? &m_set->trace(m_trace) : nullptr;
}

WaterfallController::TimeRange WaterfallController::clamped(TimeRange range) const
{
    const std::int64_t traceWidth = m_traceRange.width();
    std::int64_t width = std::clamp<std::int64_t>(range.width(), minimumRangeNs, std::max(traceWidth, minimumRangeNs));
    std::int64_t start = std::clamp(range.startNs, m_traceRange.startNs, m_traceRange.endNs - width);
    if (range.width() < minimumRangeNs) // zoomed in past the limit: keep the centre
        start =
            std::clamp(range.startNs + range.width() / 2 - width / 2, m_traceRange.startNs, m_traceRange.endNs - width);
    return {start, start + width};
}

void WaterfallController::push(TimeRange range, bool isPan)
{
    range = clamped(range);
    if (range == visibleRange())
        return;
    if (isPan && m_lastWasPan) {
        m_history[m_historyIndex] = range;
    } else {
        m_history.resize(m_historyIndex + 1);
        m_history.push_back(range);
        ++m_historyIndex;
    }
    m_lastWasPan = isPan;
    emit visibleRangeChanged();
}

void WaterfallController::setVisibleRange(TimeRange range)
{
    push(range, false);
}

void WaterfallController::zoom(double factor, std::int64_t anchorNs)
{
    const TimeRange current = visibleRange();
    const double width = static_cast<double>(current.width()) * factor;
    const double anchorShare =
        current.width() > 0 ? static_cast<double>(anchorNs - current.startNs) / current.width() : 0.5;
    const auto start = anchorNs - static_cast<std::int64_t>(std::llround(width * anchorShare));
    push({start, start + static_cast<std::int64_t>(std::llround(width))}, false);
}

void WaterfallController::pan(std::int64_t deltaNs)
{
    const TimeRange current = visibleRange();
    push({current.startNs + deltaNs, current.endNs + deltaNs}, true);
}

void WaterfallController::zoomToSpan(SpanIndex span)
{
    if (!m_set || !span.isValid())
        return;
    const Span& s = m_set->span(span);
    const std::int64_t margin = std::max<std::int64_t>(s.durationNs / 20, minimumRangeNs / 2);
    setVisibleRange({s.startNs - margin, s.endNs() + margin});
}

void WaterfallController::showWholeTrace()
{
    setVisibleRange(m_traceRange);
}

void WaterfallController::back()
{
    if (!canGoBack())
        return;
    --m_historyIndex;
    m_lastWasPan = false;
    emit visibleRangeChanged();
}

void WaterfallController::forward()
{
    if (!canGoForward())
        return;
    ++m_historyIndex;
    m_lastWasPan = false;
    emit visibleRangeChanged();
}

void WaterfallController::select(SpanIndex span)
{
    if (span == m_selection)
        return;
    m_selection = span;
    emit selectionChanged(span);
}

} // namespace Spanwise
