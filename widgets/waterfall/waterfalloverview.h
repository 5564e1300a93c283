#pragma once

#include <QImage>
#include <QWidget>

#include <memory>

namespace Spanwise {

class TraceSetPresentation;
class WaterfallController;

// The whole trace at a glance: every span as a thin line (rows squeezed to the strip's height),
// with the visible time range as a window. Drag the window to pan, drag outside it to choose a
// new range, double-click to see the whole trace.
// The lines are rasterised once into an image per trace and size (sub-pixel rows merge into one
// scanline, written directly); painting is then a blit plus the window overlay.
class WaterfallOverview : public QWidget
{
    Q_OBJECT

public:
    explicit WaterfallOverview(WaterfallController* controller, QWidget* parent = nullptr);

    void setPresentation(std::shared_ptr<const TraceSetPresentation> presentation);
    QSize sizeHint() const override { return {400, 56}; }
    // The strip's image, rebuilt if stale (exposed for the benchmark).
    const QImage& strip();

protected:
    void paintEvent(QPaintEvent* event) override;
    void resizeEvent(QResizeEvent* event) override;
    void changeEvent(QEvent* event) override;
    void mousePressEvent(QMouseEvent* event) override;
    void mouseMoveEvent(QMouseEvent* event) override;
    void mouseReleaseEvent(QMouseEvent* event) override;
    void mouseDoubleClickEvent(QMouseEvent* event) override;

private:
    double xOf(std::int64_t ns) const;
    std::int64_t timeAt(double x) const;
    void rebuild();

    WaterfallController* m_controller;
    std::shared_ptr<const TraceSetPresentation> m_presentation;
    QImage m_image;
    bool m_stale = true;
    enum class Drag { None, Move, Select } m_drag = Drag::None;
    double m_dragOriginX = 0;
    std::int64_t m_dragOriginStart = 0;
    double m_selectTo = 0;
};

} // namespace Spanwise
