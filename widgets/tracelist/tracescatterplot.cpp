#include "tracescatterplot.h"

#include "chartscales.h"
#include "formatting.h"
#include "theme.h"
#include "traceset.h"

#include <QDateTime>
#include <QKeyEvent>
#include <QMouseEvent>
#include <QPainter>
#include <QWheelEvent>

#include <algorithm>
#include <cmath>

namespace Spanwise {
namespace {

constexpr int leftMargin = 58;
constexpr int bottomMargin = 20;
constexpr int topMargin = 6;
constexpr int rightMargin = 10;
constexpr double pickRadius = 6;
constexpr int dragThreshold = 4;

// "1 ms", "100 µs", "10 s": a decade of nanoseconds as people say it, no decimals.
QString decadeLabel(int exponent)
{
    static const char* const units[] = {"ns", "µs", "ms", "s"};
    const int unit = std::clamp(exponent / 3, 0, 3);
    const double value = std::pow(10.0, exponent - 3 * unit);
    return QStringLiteral("%1 %2").arg(value, 0, 'f', 0).arg(QString::fromUtf8(units[unit]));
}

} // namespace

TraceScatterPlot::TraceScatterPlot(QWidget* parent)
    : QWidget(parent)
{
    setMouseTracking(false);
    setFocusPolicy(Qt::ClickFocus);
    setToolTip(tr("Trace duration over start time. Click a dot to open its trace; drag to zoom into an area; "
                  "wheel to zoom; double-click or Esc to see everything."));
}

QSize TraceScatterPlot::sizeHint() const
{
    return {360, 170};
}

QSize TraceScatterPlot::minimumSizeHint() const
{
    return {160, 90};
}

void TraceScatterPlot::setTraces(std::shared_ptr<const TraceSet> set, const std::vector<TraceIndex>& traces)
{
    m_points.clear();
    m_points.reserve(traces.size());
    for (const TraceIndex t : set ? traces : std::vector<TraceIndex> {}) {
        const TraceInfo& info = set->trace(t);
        if (!info.hasTime)
            continue; // no place on a time axis
        m_points.push_back({static_cast<double>(info.startNs / 1'000'000),
            std::log10(static_cast<double>(std::max<std::int64_t>(1, info.durationNs()))), t, info.errorCount > 0});
    }
    // Errors last, so they are drawn on top.
    std::stable_partition(m_points.begin(), m_points.end(), [](const Point& p) { return !p.error; });
    fitToData();
}

void TraceScatterPlot::fitToData()
{
    Range data;
    if (!m_points.empty()) {
        data = {m_points[0].startMs, m_points[0].startMs, m_points[0].logNs, m_points[0].logNs};
        for (const Point& p : m_points) {
            data.x0 = std::min(data.x0, p.startMs);
            data.x1 = std::max(data.x1, p.startMs);
            data.y0 = std::min(data.y0, p.logNs);
            data.y1 = std::max(data.y1, p.logNs);
        }
        const double padX = std::max(1000.0, (data.x1 - data.x0) * 0.03);
        data.x0 -= padX;
        data.x1 += padX;
        data.y0 = std::floor(data.y0);
        data.y1 = std::max(data.y0 + 1, std::ceil(data.y1 + 0.01));
    }
    m_data = data;
    resetZoom();
}

void TraceScatterPlot::resetZoom()
{
    m_view = m_data;
    m_zoomed = false;
    m_stale = true;
    update();
}

void TraceScatterPlot::zoomTo(const QRectF& area)
{
    const QRectF plot = plotArea();
    if (plot.isEmpty() || area.width() < 2 || area.height() < 2)
        return;
    const auto xAt = [&](double px) { return m_view.x0 + (px - plot.left()) / plot.width() * (m_view.x1 - m_view.x0); };
    const auto yAt = [&](double py) {
        return m_view.y0 + (plot.bottom() - py) / plot.height() * (m_view.y1 - m_view.y0);
    };
    const QRectF r = area.normalized().intersected(plot);
    Range next {xAt(r.left()), xAt(r.right()), yAt(r.bottom()), yAt(r.top())};
    // Not narrower than a millisecond of time or a hundredth of a decade.
    if (next.x1 - next.x0 < 1 || next.y1 - next.y0 < 0.01)
        return;
    m_view = next;
    m_zoomed = true;
    m_stale = true;
    update();
}

void TraceScatterPlot::highlight(TraceIndex trace)
{
    m_highlighted = trace;
    update();
}

QRectF TraceScatterPlot::plotArea() const
{
    return QRectF(leftMargin, topMargin, std::max(1, width() - leftMargin - rightMargin),
        std::max(1, height() - topMargin - bottomMargin));
}

QPointF TraceScatterPlot::toScreen(double x, double y) const
{
    const QRectF plot = plotArea();
    return {plot.left() + (x - m_view.x0) / (m_view.x1 - m_view.x0) * plot.width(),
        plot.bottom() - (y - m_view.y0) / (m_view.y1 - m_view.y0) * plot.height()};
}

QPointF TraceScatterPlot::positionOf(TraceIndex trace) const
{
    for (const Point& p : m_points)
        if (p.trace == trace)
            return toScreen(p.startMs, p.logNs);
    return {-1, -1};
}

std::optional<TraceIndex> TraceScatterPlot::traceAt(QPointF position) const
{
    std::optional<TraceIndex> best;
    double bestDistance = pickRadius * pickRadius;
    for (const Point& p : m_points) {
        const QPointF at = toScreen(p.startMs, p.logNs);
        const double dx = at.x() - position.x(), dy = at.y() - position.y();
        if (dx * dx + dy * dy <= bestDistance) {
            bestDistance = dx * dx + dy * dy;
            best = p.trace;
        }
    }
    return best;
}

// Every dot as a small square written straight into the image: no item per point.
void TraceScatterPlot::renderDots()
{
    m_stale = false;
    const qreal ratio = devicePixelRatioF();
    m_dots = QImage((size() * ratio), QImage::Format_ARGB32_Premultiplied);
    m_dots.setDevicePixelRatio(ratio);
    m_dots.fill(Qt::transparent);
    const ViewColors& colors = viewColors();
    const QRectF plot = plotArea();
    const int radius = std::max(1, static_cast<int>(std::lround(2.5 * ratio)));
    const int w = m_dots.width(), h = m_dots.height();
    for (const Point& p : m_points) {
        const QPointF at = toScreen(p.startMs, p.logNs);
        if (!plot.adjusted(-3, -3, 3, 3).contains(at))
            continue;
        const QRgb colour = (p.error ? colors.error : colors.accent).rgba();
        const int cx = static_cast<int>(at.x() * ratio), cy = static_cast<int>(at.y() * ratio);
        for (int y = std::max(0, cy - radius); y <= std::min(h - 1, cy + radius); ++y) {
            auto* line = reinterpret_cast<QRgb*>(m_dots.scanLine(y));
            std::fill(line + std::max(0, cx - radius), line + std::min(w - 1, cx + radius) + 1, colour);
        }
    }
}

void TraceScatterPlot::paintEvent(QPaintEvent*)
{
    QPainter painter(this);
    const ViewColors& colors = viewColors();
    painter.fillRect(rect(), colors.background);
    const QRectF plot = plotArea();
    if (m_points.empty()) {
        painter.setPen(colors.secondaryText);
        painter.drawText(rect(), Qt::AlignCenter, tr("No trace with a time to plot."));
        return;
    }
    QFont small = font();
    small.setPointSizeF(std::max(6.0, small.pointSizeF() * 0.85));
    painter.setFont(small);
    // Decades of duration, labelled as durations.
    for (int e = static_cast<int>(std::ceil(m_view.y0)); e <= static_cast<int>(std::floor(m_view.y1)); ++e) {
        const double y = toScreen(m_view.x0, e).y();
        painter.setPen(colors.grid);
        painter.drawLine(QPointF(plot.left(), y), QPointF(plot.right(), y));
        painter.setPen(colors.secondaryText);
        painter.drawText(QRectF(0, y - 8, leftMargin - 4, 16), Qt::AlignRight | Qt::AlignVCenter, decadeLabel(e));
    }
    // Start times: a few ticks, with the date or seconds as the range needs.
    const QString format = timeAxisFormat(static_cast<std::int64_t>(m_view.x0), static_cast<std::int64_t>(m_view.x1));
    const int ticks = std::max(2, static_cast<int>(plot.width() / 110));
    for (int i = 0; i <= ticks; ++i) {
        const double x = m_view.x0 + (m_view.x1 - m_view.x0) * i / ticks;
        const double px = toScreen(x, m_view.y0).x();
        painter.setPen(colors.grid);
        painter.drawLine(QPointF(px, plot.top()), QPointF(px, plot.bottom()));
        painter.setPen(colors.secondaryText);
        const QString label = displayedTime(static_cast<std::int64_t>(x)).toString(format);
        const Qt::Alignment align = i == 0 ? Qt::AlignLeft : i == ticks ? Qt::AlignRight : Qt::AlignHCenter;
        painter.drawText(QRectF(px - 60 +
                                 (i == 0              ? 60
                                         : i == ticks ? -60
                                                      : 0),
                             plot.bottom() + 2, 120, bottomMargin - 2),
            align | Qt::AlignTop, label);
    }
    painter.setPen(colors.guide);
    painter.drawRect(plot);
    if (m_stale || m_dots.size() != size() * devicePixelRatioF())
        renderDots();
    painter.drawImage(0, 0, m_dots);
    // The open trace: a ring around its dot.
    const QPointF selected = positionOf(m_highlighted);
    if (plot.contains(selected)) {
        painter.setRenderHint(QPainter::Antialiasing);
        painter.setPen(QPen(colors.text, 1.5));
        painter.setBrush(Qt::NoBrush);
        painter.drawEllipse(selected, 6, 6);
    }
    if (m_pressAt && (m_dragTo - *m_pressAt).manhattanLength() > dragThreshold) {
        QColor fill = colors.accent;
        fill.setAlpha(50);
        painter.setPen(QPen(colors.accent, 1, Qt::DashLine));
        painter.setBrush(fill);
        painter.drawRect(QRectF(*m_pressAt, m_dragTo).normalized());
    }
    if (m_zoomed) {
        painter.setPen(colors.secondaryText);
        painter.drawText(plot.adjusted(4, 2, -4, -2), Qt::AlignTop | Qt::AlignRight, tr("zoomed — Esc for all"));
    }
}

void TraceScatterPlot::resizeEvent(QResizeEvent*)
{
    m_stale = true;
}

void TraceScatterPlot::changeEvent(QEvent* event)
{
    if (event->type() == QEvent::PaletteChange) {
        m_stale = true;
        update();
    }
    QWidget::changeEvent(event);
}

void TraceScatterPlot::mousePressEvent(QMouseEvent* event)
{
    if (event->button() == Qt::LeftButton) {
        m_pressAt = event->position();
        m_dragTo = event->position();
    }
}

void TraceScatterPlot::mouseMoveEvent(QMouseEvent* event)
{
    if (m_pressAt) {
        m_dragTo = event->position();
        update();
    }
}

void TraceScatterPlot::mouseReleaseEvent(QMouseEvent* event)
{
    if (!m_pressAt || event->button() != Qt::LeftButton)
        return;
    const QPointF from = *m_pressAt;
    m_pressAt.reset();
    if ((event->position() - from).manhattanLength() > dragThreshold) {
        zoomTo(QRectF(from, event->position()));
    } else if (const auto trace = traceAt(event->position())) {
        emit traceClicked(*trace);
    }
    update();
}

void TraceScatterPlot::mouseDoubleClickEvent(QMouseEvent*)
{
    resetZoom();
}

void TraceScatterPlot::wheelEvent(QWheelEvent* event)
{
    const QRectF plot = plotArea();
    const QPointF at = event->position();
    const double factor = event->angleDelta().y() > 0 ? 0.8 : 1.25;
    const double fx = (at.x() - plot.left()) / plot.width(), fy = (plot.bottom() - at.y()) / plot.height();
    const double cx = m_view.x0 + fx * (m_view.x1 - m_view.x0), cy = m_view.y0 + fy * (m_view.y1 - m_view.y0);
    Range next {cx - fx * (m_view.x1 - m_view.x0) * factor, cx + (1 - fx) * (m_view.x1 - m_view.x0) * factor,
        cy - fy * (m_view.y1 - m_view.y0) * factor, cy + (1 - fy) * (m_view.y1 - m_view.y0) * factor};
    if (factor > 1 && next.x1 - next.x0 >= m_data.x1 - m_data.x0) {
        resetZoom();
    } else if (next.x1 - next.x0 >= 1 && next.y1 - next.y0 >= 0.01) {
        m_view = next;
        m_zoomed = true;
        m_stale = true;
        update();
    }
    event->accept();
}

void TraceScatterPlot::keyPressEvent(QKeyEvent* event)
{
    if (event->key() == Qt::Key_Escape && m_zoomed) {
        resetZoom();
        return;
    }
    QWidget::keyPressEvent(event);
}

} // namespace Spanwise
