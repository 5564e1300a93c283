#pragma once

#include "flamegraph.h"
#include "flamegraphpainter.h"

#include <QWidget>

#include <memory>

class QComboBox;
class QLabel;
class QLineEdit;
class QScrollArea;

namespace Spanwise {

class BackgroundWork;
class RefreshWhenShown;
class FlameCanvas;
class TraceSession;
class TraceSetPresentation;

// The flame graph tab. For the selected trace, a flame chart: each span a frame where it ran,
// stacked by depth, children clipped to their parent (a notch marks one that outlives it), the
// gaps under a frame its self time. For the traces the trace list passes, or all of them, a
// profiler's flame graph: spans merged by path, widths their total time. Click a frame to zoom
// into its subtree (Esc or the button: the whole graph), double-click to open its span in the
// waterfall; the search field highlights frames by service or operation. Export as SVG or PNG.
class FlameGraphView : public QWidget
{
    Q_OBJECT

public:
    explicit FlameGraphView(TraceSession* session, QWidget* parent = nullptr);
    ~FlameGraphView() override;

    const FlameGraph* graph() const { return m_graph.get(); }
    FlameCanvas* canvas() const { return m_canvas; }
    bool isComputing() const;
    void setSearch(const QString& text);
    int matchCount() const { return m_matchCount; }
    void exportImage();

signals:
    void graphChanged();

private:
    // Computes now if the view is shown, else when it is next shown.
    void recompute();
    void compute();
    void showGraph(std::shared_ptr<const FlameGraph> graph);
    void updateMatches();
    void showSummary(std::uint32_t frame);

    TraceSession* m_session;
    QComboBox* m_scope;
    QLineEdit* m_search;
    QLabel* m_status;
    QScrollArea* m_scroll;
    FlameCanvas* m_canvas;
    // Something changed while the tab was hidden: compute when it is shown (hidden tabs do no work).
    BackgroundWork* m_work;
    RefreshWhenShown* m_computeWhenShown;
    std::shared_ptr<const TraceSetPresentation> m_presentation;
    std::shared_ptr<const FlameGraph> m_graph;
    int m_matchCount = 0;
};

// The frames, drawn by paintFlameGraph; zoom, hover and clicks.
class FlameCanvas : public QWidget
{
    Q_OBJECT

public:
    explicit FlameCanvas(QWidget* parent = nullptr);

    void setGraph(std::shared_ptr<const TraceSetPresentation> presentation, std::shared_ptr<const FlameGraph> graph);
    void setHighlighted(std::vector<bool> highlighted); // empty: no search
    // Shows a frame's range across the whole width (FlameFrame::none: the whole graph).
    void zoomTo(std::uint32_t frame);
    std::uint32_t zoomedFrame() const { return m_zoomed; }
    const FlamePicture& picture() const { return m_picture; }
    QSize sizeHint() const override;

signals:
    void frameHovered(std::uint32_t frame);
    void frameActivated(std::uint32_t frame);

protected:
    void paintEvent(QPaintEvent* event) override;
    void mouseMoveEvent(QMouseEvent* event) override;
    void mousePressEvent(QMouseEvent* event) override;
    void mouseDoubleClickEvent(QMouseEvent* event) override;
    void leaveEvent(QEvent* event) override;
    void keyPressEvent(QKeyEvent* event) override;
    void resizeEvent(QResizeEvent* event) override;

private:
    void updatePicture();

    std::shared_ptr<const TraceSetPresentation> m_presentation;
    std::shared_ptr<const FlameGraph> m_graph;
    std::vector<bool> m_highlighted;
    FlamePicture m_picture;
    std::uint32_t m_zoomed = FlameFrame::none;
};

} // namespace Spanwise
