#pragma once

#include "ids.h"

#include <QImage>
#include <QWidget>

#include <memory>
#include <optional>
#include <vector>

namespace Spanwise {

class TraceSet;

// Trace duration (log scale) over start time, one dot per trace, errors in red; painted by
// hand into a cached image, so a hundred thousand traces draw in milliseconds. Click a dot to
// open its trace; drag a rectangle to zoom into it (the brush), wheel to zoom at the cursor,
// double-click or Esc to see everything again. Shows the traces the list shows.
class TraceScatterPlot : public QWidget
{
    Q_OBJECT

public:
    explicit TraceScatterPlot(QWidget* parent = nullptr);

    // The traces to plot (indices into the set's traces), in any order.
    void setTraces(std::shared_ptr<const TraceSet> set, const std::vector<TraceIndex>& traces);
    void highlight(TraceIndex trace);
    // The trace whose dot is nearest `position` (widget coordinates) within a few pixels.
    std::optional<TraceIndex> traceAt(QPointF position) const;
    // Zooms to a rectangle of the plot (widget coordinates); resetZoom() shows everything.
    void zoomTo(const QRectF& area);
    void resetZoom();
    bool isZoomed() const { return m_zoomed; }
    std::size_t pointCount() const { return m_points.size(); }
    QPointF positionOf(TraceIndex trace) const;

    QSize sizeHint() const override;
    QSize minimumSizeHint() const override;

signals:
    void traceClicked(Spanwise::TraceIndex trace);

protected:
    void paintEvent(QPaintEvent* event) override;
    void resizeEvent(QResizeEvent* event) override;
    void changeEvent(QEvent* event) override;
    void mousePressEvent(QMouseEvent* event) override;
    void mouseMoveEvent(QMouseEvent* event) override;
    void mouseReleaseEvent(QMouseEvent* event) override;
    void mouseDoubleClickEvent(QMouseEvent* event) override;
    void wheelEvent(QWheelEvent* event) override;
    void keyPressEvent(QKeyEvent* event) override;

private:
    struct Point {
        double startMs; // x
        double logNs;   // y: log10 of the duration in nanoseconds (at least 1 ns)
        TraceIndex trace;
        bool error;
    };
    struct Range {
        double x0 = 0, x1 = 1, y0 = 0, y1 = 1;
    };
    QRectF plotArea() const;
    QPointF toScreen(double x, double y) const;
    void fitToData();
    void renderDots();

    std::vector<Point> m_points;
    Range m_data;
    Range m_view;
    bool m_zoomed = false;
    TraceIndex m_highlighted;
    QImage m_dots; // the dots, drawn when data, size, zoom or theme change
    bool m_stale = true;
    std::optional<QPointF> m_pressAt;
    QPointF m_dragTo;
};

} // namespace Spanwise
