#pragma once

#include "ids.h"

#include <QObject>

#include <cstdint>
#include <memory>
#include <vector>

namespace Spanwise {

class TraceSet;
struct TraceInfo;

// The one owner of what the waterfall shows: which trace, the visible time range, the selected
// span and the zoom history. The ruler, rows, overview and details all follow it, so they
// never disagree.
class WaterfallController : public QObject
{
    Q_OBJECT

public:
    struct TimeRange {
        std::int64_t startNs = 0;
        std::int64_t endNs = 0;
        bool operator==(const TimeRange&) const = default;
        std::int64_t width() const { return endNs - startNs; }
    };

    // The narrowest range zooming reaches.
    static constexpr std::int64_t minimumRangeNs = 100;

    explicit WaterfallController(QObject* parent = nullptr);

    void setTrace(std::shared_ptr<const TraceSet> set, TraceIndex trace);
    const TraceSet* traceSet() const { return m_set.get(); }
    std::shared_ptr<const TraceSet> sharedTraceSet() const { return m_set; }
    TraceIndex trace() const { return m_trace; }
    const TraceInfo* traceInfo() const;
    TimeRange traceRange() const { return m_traceRange; }

    TimeRange visibleRange() const { return m_history[m_historyIndex]; }
    // Shows a range (clamped to the trace, at least minimumRangeNs wide) and records it in
    // the history: back() returns to the range before.
    void setVisibleRange(TimeRange range);
    // factor < 1 zooms in; the time under `anchorNs` stays where it is on screen.
    void zoom(double factor, std::int64_t anchorNs);
    // Moves the range by deltaNs; consecutive pans make one history step.
    void pan(std::int64_t deltaNs);
    void zoomToSpan(SpanIndex span);
    void showWholeTrace();

    bool canGoBack() const { return m_historyIndex > 0; }
    bool canGoForward() const { return m_historyIndex + 1 < m_history.size(); }
    void back();
    void forward();

    SpanIndex selection() const { return m_selection; }
    void select(SpanIndex span);

signals:
    void traceChanged();
    void visibleRangeChanged();
    void selectionChanged(Spanwise::SpanIndex span);

private:
    TimeRange clamped(TimeRange range) const;
    void push(TimeRange range, bool isPan);

    std::shared_ptr<const TraceSet> m_set;
    TraceIndex m_trace;
    TimeRange m_traceRange;
    std::vector<TimeRange> m_history {TimeRange {}};
    std::size_t m_historyIndex = 0;
    bool m_lastWasPan = false;
    SpanIndex m_selection;
};

} // namespace Spanwise
