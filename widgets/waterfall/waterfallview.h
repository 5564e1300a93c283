#pragma once

#include "timeaxis.h"
#include "waterfallpainter.h"
#include "waterfallrows.h"

#include <QAbstractScrollArea>

#include <memory>
#include <vector>

namespace Spanwise {

class TraceSetPresentation;
class WaterfallController;

// The waterfall of one trace: a row per span in depth-first order (label column with tree
// guides, bars on the time axis), virtualised — only the rows on screen are painted, so a
// million-span trace scrolls like a small one. Follows a WaterfallController for trace, time
// range and selection.
//
// Mouse: click selects, the triangle (or double-click on the label) expands/collapses,
// double-click on a bar zooms to the span, wheel scrolls, Ctrl+wheel zooms at the cursor,
// Shift+wheel or dragging the bars pans, dragging the column edge resizes the labels.
// Keys: arrows or j/k move, Left/Right or Enter collapse/expand, +/- zoom, 0 whole trace,
// Alt+Left/Right zoom history, Esc clears the selection.
class WaterfallView : public QAbstractScrollArea
{
    Q_OBJECT

public:
    explicit WaterfallView(WaterfallController* controller, QWidget* parent = nullptr);
    ~WaterfallView() override;

    void setPresentation(std::shared_ptr<const TraceSetPresentation> presentation);
    const TraceSetPresentation* presentation() const { return m_presentation.get(); }
    WaterfallRows& rows() { return m_rows; }
    const WaterfallRows& rows() const { return m_rows; }
    const WaterfallMetrics& metrics() const { return m_metrics; }

    // Search results to highlight (positions, in order) and the current one.
    void setMatches(std::vector<std::uint32_t> positions, std::int64_t current);
    // The critical path to draw on the bars (empty: none).
    void setCriticalPath(std::vector<CriticalMark> marks);
    const std::vector<CriticalMark>& criticalPath() const { return m_critical; }
    // Rows were collapsed, expanded or filtered from outside.
    void rowsChanged();

    // Geometry, for tests and hit testing.
    TimeAxis timeAxis() const;
    int rowAt(int y) const;                             // visible row under y, or -1
    std::int64_t positionAt(const QPoint& point) const; // span position under point, or -1
    bool isOnExpander(const QPoint& point) const;
    QRect rowRect(int row) const;
    void scrollToPosition(std::uint32_t position);

    void collapseSelected(bool collapse);

signals:
    // The label column was resized by the user.
    void labelWidthChanged(int width);

protected:
    void paintEvent(QPaintEvent* event) override;
    void resizeEvent(QResizeEvent* event) override;
    void mousePressEvent(QMouseEvent* event) override;
    void mouseMoveEvent(QMouseEvent* event) override;
    void mouseReleaseEvent(QMouseEvent* event) override;
    void mouseDoubleClickEvent(QMouseEvent* event) override;
    void wheelEvent(QWheelEvent* event) override;
    void keyPressEvent(QKeyEvent* event) override;
    void leaveEvent(QEvent* event) override;
    bool viewportEvent(QEvent* event) override;

private:
    void rebuildRows();
    void updateScrollBars();
    void moveSelection(int rowDelta);
    std::int64_t selectedPosition() const;
    QString tooltipFor(std::uint32_t position) const;

    WaterfallController* m_controller;
    std::shared_ptr<const TraceSetPresentation> m_presentation;
    WaterfallRows m_rows;
    WaterfallMetrics m_metrics;
    std::vector<bool> m_matchFlags;
    std::vector<CriticalMark> m_critical;
    std::int64_t m_currentMatch = -1;
    std::int64_t m_hovered = -1;
    bool m_labelWidthChosen = false;
    enum class Drag { None, Pan, ResizeLabels } m_drag = Drag::None;
    QPoint m_dragOrigin;
    std::int64_t m_dragOriginStartNs = 0;
};

} // namespace Spanwise
