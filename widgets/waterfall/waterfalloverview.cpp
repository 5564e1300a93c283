#include "waterfalloverview.h"

#include "theme.h"

#include "traceset.h"
#include "tracesetpresentation.h"
#include "waterfallcontroller.h"

#include <QMouseEvent>
#include <QPainter>

#include <algorithm>

namespace Spanwise {
namespace {

constexpr int margin = 2;

} // namespace

WaterfallOverview::WaterfallOverview(WaterfallController* controller, QWidget* parent)
    : QWidget(parent)
    , m_controller(controller)
{
    setMinimumHeight(40);
    setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Fixed);
    setCursor(Qt::CrossCursor);
    setToolTip(tr("The whole trace: drag the window to pan, drag elsewhere to zoom to a range, double-click for the "
                  "whole trace"));
    connect(controller, &WaterfallController::traceChanged, this, [this] {
        m_stale = true;
        update();
    });
    connect(controller, &WaterfallController::visibleRangeChanged, this, qOverload<>(&QWidget::update));
}

void WaterfallOverview::setPresentation(std::shared_ptr<const TraceSetPresentation> presentation)
{
    m_presentation = std::move(presentation);
    m_stale = true;
    update();
}

double WaterfallOverview::xOf(std::int64_t ns) const
{
    const auto range = m_controller->traceRange();
    return margin +
        static_cast<double>(ns - range.startNs) * (width() - 2 * margin) /
        static_cast<double>(std::max<std::int64_t>(1, range.width()));
}

std::int64_t WaterfallOverview::timeAt(double x) const
{
    const auto range = m_controller->traceRange();
    return range.startNs +
        static_cast<std::int64_t>(
            (x - margin) * static_cast<double>(range.width()) / std::max(1, width() - 2 * margin));
}

const QImage& WaterfallOverview::strip()
{
    if (m_stale || m_image.size() != size())
        rebuild();
    return m_image;
}

void WaterfallOverview::rebuild()
{
    m_stale = false;
    m_image = QImage(size(), QImage::Format_RGB32);
    const ViewColors& palette = viewColors();
    m_image.fill(palette.header);
    const TraceInfo* info = m_controller->traceInfo();
    if (!m_presentation || !info || &m_presentation->set() != m_controller->traceSet() || width() <= 2 * margin)
        return;
    const TraceSet& set = m_presentation->set();
    const auto order = set.forest().spansOf(*info);
    const int lines = height() - 2 * margin;
    const int w = m_image.width();
    std::vector<QRgb> colours(set.serviceNames().size());
    for (std::uint32_t s = 0; s < colours.size(); ++s)
        colours[s] = m_presentation->serviceColor(ServiceId {s}, palette.dark).rgb();
    const QRgb error = palette.error.rgb();
    // Rows squeeze onto scanlines; on each scanline a span paints its pixel run directly.
    const std::size_t n = order.size();
    for (std::size_t p = 0; p < n; ++p) {
        const int yTop = margin + static_cast<int>(p * lines / n);
        const int yBottom = std::min(yTop + 3, std::max(yTop + 1, margin + static_cast<int>((p + 1) * lines / n)));
        const Span& span = set.span(order[p]);
        const int x0 = std::clamp(static_cast<int>(xOf(span.startNs)), 0, w - 1);
        const int x1 = std::clamp(static_cast<int>(xOf(span.endNs())), x0, w - 1);
        const QRgb colour = span.isError() ? error : colours[span.service.value];
        for (int line = yTop; line < yBottom; ++line) {
            auto* pixels = reinterpret_cast<QRgb*>(m_image.scanLine(line));
            std::fill(pixels + x0, pixels + x1 + 1, colour);
        }
    }
}

void WaterfallOverview::paintEvent(QPaintEvent*)
{
    QPainter painter(this);
    painter.drawImage(0, 0, strip());
    if (!m_controller->traceInfo())
        return;
    const auto visible = m_controller->visibleRange();
    double x0 = xOf(visible.startNs), x1 = xOf(visible.endNs);
    if (m_drag == Drag::Select) {
        x0 = std::min(m_dragOriginX, m_selectTo);
        x1 = std::max(m_dragOriginX, m_selectTo);
    }
    // Dim what is outside the window.
    const QColor dim(30, 40, 60, 70);
    painter.fillRect(QRectF(0, 0, x0, height()), dim);
    painter.fillRect(QRectF(x1, 0, width() - x1, height()), dim);
    painter.setPen(QPen(viewColors().accent, 2));
    painter.drawRect(QRectF(x0, 1, std::max(2.0, x1 - x0), height() - 2));
    painter.setPen(viewColors().guide);
    painter.drawLine(0, height() - 1, width(), height() - 1);
}

void WaterfallOverview::resizeEvent(QResizeEvent*)
{
    m_stale = true;
}

void WaterfallOverview::changeEvent(QEvent* event)
{
    // A theme change: the strip is drawn again in the new colours.
    if (event->type() == QEvent::PaletteChange) {
        m_stale = true;
        update();
    }
    QWidget::changeEvent(event);
}

void WaterfallOverview::mousePressEvent(QMouseEvent* event)
{
    if (event->button() != Qt::LeftButton || !m_controller->traceInfo())
        return;
    const double x = event->position().x();
    const auto visible = m_controller->visibleRange();
    m_dragOriginX = x;
    if (x >= xOf(visible.startNs) && x <= xOf(visible.endNs) && visible.width() < m_controller->traceRange().width()) {
        m_drag = Drag::Move;
        m_dragOriginStart = visible.startNs;
    } else {
        m_drag = Drag::Select;
        m_selectTo = x;
    }
}

void WaterfallOverview::mouseMoveEvent(QMouseEvent* event)
{
    const double x = event->position().x();
    if (m_drag == Drag::Move) {
        const std::int64_t target = m_dragOriginStart + (timeAt(x) - timeAt(m_dragOriginX));
        m_controller->pan(target - m_controller->visibleRange().startNs);
    } else if (m_drag == Drag::Select) {
        m_selectTo = x;
        update();
    }
}

void WaterfallOverview::mouseReleaseEvent(QMouseEvent* event)
{
    if (m_drag == Drag::Select) {
        const double a = std::min(m_dragOriginX, event->position().x());
        const double b = std::max(m_dragOriginX, event->position().x());
        if (b - a >= 3) {
            m_controller->setVisibleRange({timeAt(a), timeAt(b)});
        } else {
            // A click: centre the window there.
            const auto visible = m_controller->visibleRange();
            const std::int64_t centre = timeAt(a);
            m_controller->setVisibleRange({centre - visible.width() / 2, centre + visible.width() / 2});
        }
    }
    m_drag = Drag::None;
    update();
}

void WaterfallOverview::mouseDoubleClickEvent(QMouseEvent*)
{
    m_controller->showWholeTrace();
}

} // namespace Spanwise
