#pragma once

#include "ids.h"

#include "themedchartview.h"

#include <memory>
#include <vector>

class QScatterSeries;

namespace Spanwise {

class TraceSet;

// Trace duration over start time, one point per trace (errors in red). Clicking a point opens
// that trace. Shows the traces the list shows; past a cap it samples evenly and says so.
class TraceScatterChart : public ThemedChartView
{
    Q_OBJECT

public:
    explicit TraceScatterChart(QWidget* parent = nullptr);

    // The traces to plot (indices into the set's traces), in any order.
    void setTraces(std::shared_ptr<const TraceSet> set, const std::vector<TraceIndex>& traces);
    void highlight(TraceIndex trace);

    static constexpr std::size_t maxPoints = 20000;

signals:
    void traceClicked(Spanwise::TraceIndex trace);

private:
    void pointClicked(const QPointF& point);
    void rebuild() override;
    void colourSeries();

    std::shared_ptr<const TraceSet> m_set;
    QScatterSeries* m_ok;
    QScatterSeries* m_errors;
    QScatterSeries* m_selected;
    std::vector<std::pair<QPointF, TraceIndex>> m_points;
    std::vector<TraceIndex> m_traces;
    TraceIndex m_highlighted;
};

} // namespace Spanwise
