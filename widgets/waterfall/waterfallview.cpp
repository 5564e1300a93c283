#include "waterfallview.h"

#include "logging.h"

#include <QElapsedTimer>

#include "formatting.h"
#include "traceset.h"
#include "tracesetpresentation.h"
#include "waterfallcontroller.h"

#include <QHelpEvent>
#include <QKeyEvent>
#include <QMouseEvent>
#include <QPainter>
#include <QScrollBar>
#include <QToolTip>
#include <QWheelEvent>

#include <algorithm>

namespace Spanwise {
namespace {

constexpr int resizeGrip = 4; // pixels either side of the label column's edge

} // namespace

WaterfallView::WaterfallView(WaterfallController* controller, QWidget* parent)
    : QAbstractScrollArea(parent)
    , m_controller(controller)
    , m_metrics(WaterfallMetrics::forFont(font(), 380))
{
    setFocusPolicy(Qt::StrongFocus);
    setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    setVerticalScrollBarPolicy(Qt::ScrollBarAsNeeded);
    viewport()->setMouseTracking(true);
    viewport()->setAttribute(Qt::WA_OpaquePaintEvent);
    setFrameShape(QFrame::NoFrame);
    connect(controller, &WaterfallController::traceChanged, this, &WaterfallView::rebuildRows);
    connect(controller, &WaterfallController::visibleRangeChanged, viewport(), qOverload<>(&QWidget::update));
    connect(controller, &WaterfallController::selectionChanged, this, [this](SpanIndex span) {
        if (span.isValid()) {
            const std::int64_t position = m_rows.positionOf(span);
            if (position >= 0)
                scrollToPosition(static_cast<std::uint32_t>(position));
        }
        viewport()->update();
    });
}

WaterfallView::~WaterfallView() = default;

void WaterfallView::setPresentation(std::shared_ptr<const TraceSetPresentation> presentation)
{
    m_presentation = std::move(presentation);
    rebuildRows();
}

void WaterfallView::rebuildRows()
{
    const TraceInfo* info = m_controller->traceInfo();
    if (m_presentation && info && &m_presentation->set() == m_controller->traceSet())
        m_rows = WaterfallRows(m_presentation->set(), *info);
    else
        m_rows = WaterfallRows();
    m_matchFlags.clear();
    m_critical.clear();
    m_currentMatch = -1;
    m_hovered = -1;
    verticalScrollBar()->setValue(0);
    rowsChanged();
}

void WaterfallView::rowsChanged()
{
    updateScrollBars();
    viewport()->update();
}

void WaterfallView::setCriticalPath(std::vector<CriticalMark> marks)
{
    std::sort(marks.begin(), marks.end(),
        [](const CriticalMark& a, const CriticalMark& b) { return a.position < b.position; });
    m_critical = std::move(marks);
    viewport()->update();
}

void WaterfallView::setMatches(std::vector<std::uint32_t> positions, std::int64_t current)
{
    m_matchFlags.assign(m_rows.spanCount(), false);
    for (const std::uint32_t p : positions)
        m_matchFlags[p] = true;
    if (positions.empty())
        m_matchFlags.clear();
    m_currentMatch = current;
    viewport()->update();
}

TimeAxis WaterfallView::timeAxis() const
{
    const auto range = m_controller->visibleRange();
    TimeAxis axis;
    axis.startNs = range.startNs;
    axis.endNs = range.endNs;
    // A margin right of the bars leaves room for the last duration label.
    axis.left = m_metrics.labelWidth + 8;
    axis.width = std::max(10, viewport()->width() - m_metrics.labelWidth - 8 - 70);
    return axis;
}

int WaterfallView::rowAt(int y) const
{
    if (y < m_metrics.rulerHeight)
        return -1;
    const int row = verticalScrollBar()->value() + (y - m_metrics.rulerHeight) / m_metrics.rowHeight;
    return row < static_cast<int>(m_rows.visible().size()) ? row : -1;
}

std::int64_t WaterfallView::positionAt(const QPoint& point) const
{
    const int row = rowAt(point.y());
    return row < 0 ? -1 : std::int64_t(m_rows.visible()[static_cast<std::size_t>(row)]);
}

bool WaterfallView::isOnExpander(const QPoint& point) const
{
    const std::int64_t position = positionAt(point);
    if (position < 0 || !m_rows.hasChildren(static_cast<std::uint32_t>(position)))
        return false;
    const int x = 8 + static_cast<int>(m_rows.depthAt(static_cast<std::uint32_t>(position))) * m_metrics.indent;
    return point.x() >= x - 2 && point.x() < x + m_metrics.indent + 2;
}

QRect WaterfallView::rowRect(int row) const
{
    return QRect(0, m_metrics.rulerHeight + (row - verticalScrollBar()->value()) * m_metrics.rowHeight,
        viewport()->width(), m_metrics.rowHeight);
}

void WaterfallView::scrollToPosition(std::uint32_t position)
{
    m_rows.reveal(position);
    updateScrollBars();
    const std::int64_t row = m_rows.rowOf(position);
    if (row < 0)
        return;
    const int first = verticalScrollBar()->value();
    const int pageRows = std::max(1, (viewport()->height() - m_metrics.rulerHeight) / m_metrics.rowHeight);
    if (row < first)
        verticalScrollBar()->setValue(static_cast<int>(row));
    else if (row >= first + pageRows)
        verticalScrollBar()->setValue(static_cast<int>(row) - pageRows + 1);
    viewport()->update();
}

void WaterfallView::updateScrollBars()
{
    const int pageRows = std::max(1, (viewport()->height() - m_metrics.rulerHeight) / m_metrics.rowHeight);
    verticalScrollBar()->setPageStep(pageRows);
    verticalScrollBar()->setSingleStep(1);
    verticalScrollBar()->setRange(0, std::max(0, static_cast<int>(m_rows.visible().size()) - pageRows));
}

void WaterfallView::resizeEvent(QResizeEvent* event)
{
    QAbstractScrollArea::resizeEvent(event);
    // Until the user drags the column edge, the labels take a share of the width that leaves
    // the bars room.
    if (!m_labelWidthChosen)
        m_metrics.labelWidth = std::clamp(viewport()->width() * 2 / 5, 220, 420);
    updateScrollBars();
}

void WaterfallView::paintEvent(QPaintEvent*)
{
    QPainter painter(viewport());
    const QRect area = viewport()->rect();
    painter.fillRect(area, viewColors().background);
    if (!m_presentation || m_rows.spanCount() == 0) {
        painter.setPen(palette().color(QPalette::PlaceholderText));
        painter.drawText(area, Qt::AlignCenter, tr("Select a trace to see its waterfall."));
        return;
    }
    QElapsedTimer clock;
    clock.start();
    const TimeAxis axis = timeAxis();
    const WaterfallPainter rowsPainter(*m_presentation, m_rows, m_metrics, font(), viewColors());
    const QRect rowsArea(0, m_metrics.rulerHeight, area.width(), area.height() - m_metrics.rulerHeight);
    const int first = verticalScrollBar()->value();
    const int last = first + rowsArea.height() / m_metrics.rowHeight + 1;
    WaterfallHighlights highlights;
    highlights.selectedPosition = selectedPosition();
    highlights.hoveredPosition = m_hovered;
    highlights.matches = m_matchFlags.empty() ? nullptr : &m_matchFlags;
    highlights.currentMatch = m_currentMatch;
    highlights.critical = m_critical.empty() ? nullptr : &m_critical;
    rowsPainter.paintRows(painter, rowsArea, first, last, 0, axis, m_controller->traceRange().startNs, highlights);
    rowsPainter.paintRuler(
        painter, QRect(0, 0, area.width(), m_metrics.rulerHeight), axis, m_controller->traceRange().startNs);
    if (clock.elapsed() > 16)
        qCDebug(lcPaint) << "waterfall frame took" << clock.elapsed() << "ms for rows" << first << "to" << last;
}

std::int64_t WaterfallView::selectedPosition() const
{
    const SpanIndex selection = m_controller->selection();
    return selection.isValid() ? m_rows.positionOf(selection) : -1;
}

void WaterfallView::mousePressEvent(QMouseEvent* event)
{
    setFocus();
    const QPoint point = event->position().toPoint();
    if (event->button() != Qt::LeftButton)
        return;
    if (std::abs(point.x() - m_metrics.labelWidth) <= resizeGrip) {
        m_drag = Drag::ResizeLabels;
        return;
    }
    const std::int64_t position = positionAt(point);
    if (position >= 0 && isOnExpander(point)) {
        m_rows.toggle(static_cast<std::uint32_t>(position));
        rowsChanged();
        return;
    }
    if (position >= 0)
        m_controller->select(m_rows.spanAt(static_cast<std::uint32_t>(position)));
    if (point.x() > m_metrics.labelWidth) {
        m_drag = Drag::Pan;
        m_dragOrigin = point;
        m_dragOriginStartNs = m_controller->visibleRange().startNs;
    }
}

void WaterfallView::mouseMoveEvent(QMouseEvent* event)
{
    const QPoint point = event->position().toPoint();
    if (m_drag == Drag::ResizeLabels) {
        m_metrics.labelWidth = std::clamp(point.x(), 160, std::max(160, viewport()->width() - 200));
        m_labelWidthChosen = true;
        emit labelWidthChanged(m_metrics.labelWidth);
        viewport()->update();
        return;
    }
    if (m_drag == Drag::Pan && (event->buttons() & Qt::LeftButton)) {
        const TimeAxis axis = timeAxis();
        const std::int64_t delta = axis.timeAt(m_dragOrigin.x()) - axis.timeAt(point.x());
        const std::int64_t target = m_dragOriginStartNs + delta;
        m_controller->pan(target - m_controller->visibleRange().startNs);
        viewport()->setCursor(Qt::ClosedHandCursor);
        return;
    }
    viewport()->setCursor(
        std::abs(point.x() - m_metrics.labelWidth) <= resizeGrip ? Qt::SplitHCursor : Qt::ArrowCursor);
    const std::int64_t hovered = positionAt(point);
    if (hovered != m_hovered) {
        m_hovered = hovered;
        viewport()->update();
    }
}

void WaterfallView::mouseReleaseEvent(QMouseEvent*)
{
    m_drag = Drag::None;
    viewport()->setCursor(Qt::ArrowCursor);
}

void WaterfallView::mouseDoubleClickEvent(QMouseEvent* event)
{
    const QPoint point = event->position().toPoint();
    const std::int64_t position = positionAt(point);
    if (position < 0)
        return;
    if (point.x() < m_metrics.labelWidth) {
        m_rows.toggle(static_cast<std::uint32_t>(position));
        rowsChanged();
    } else {
        m_controller->zoomToSpan(m_rows.spanAt(static_cast<std::uint32_t>(position)));
    }
}

void WaterfallView::wheelEvent(QWheelEvent* event)
{
    const int steps = event->angleDelta().y() / 120;
    if (event->modifiers() & Qt::ControlModifier) {
        const std::int64_t anchor = timeAxis().timeAt(std::max<double>(event->position().x(), m_metrics.labelWidth));
        m_controller->zoom(steps > 0 ? 0.8 : 1.25, anchor);
    } else if (event->modifiers() & Qt::ShiftModifier) {
        m_controller->pan(-steps * m_controller->visibleRange().width() / 10);
    } else {
        verticalScrollBar()->setValue(verticalScrollBar()->value() - steps * 3);
    }
    event->accept();
}

void WaterfallView::moveSelection(int rowDelta)
{
    const auto visible = m_rows.visible();
    if (visible.empty())
        return;
    const std::int64_t position = selectedPosition();
    const std::int64_t row = position >= 0 ? m_rows.rowOf(static_cast<std::uint32_t>(position)) : -1;
    const std::int64_t target =
        std::clamp<std::int64_t>(row < 0 ? 0 : row + rowDelta, 0, std::int64_t(visible.size()) - 1);
    m_controller->select(m_rows.spanAt(visible[static_cast<std::size_t>(target)]));
}

void WaterfallView::collapseSelected(bool collapse)
{
    const std::int64_t position = selectedPosition();
    if (position < 0)
        return;
    const auto p = static_cast<std::uint32_t>(position);
    if (collapse) {
        if (m_rows.hasChildren(p) && !m_rows.isCollapsed(p)) {
            m_rows.setCollapsed(p, true);
        } else if (const std::int64_t parent = m_rows.parentPosition(p); parent >= 0) {
            m_controller->select(m_rows.spanAt(static_cast<std::uint32_t>(parent)));
        }
    } else if (m_rows.hasChildren(p)) {
        if (m_rows.isCollapsed(p))
            m_rows.setCollapsed(p, false);
        else
            m_controller->select(m_rows.spanAt(p + 1)); // the first child follows in depth-first order
    }
    rowsChanged();
}

void WaterfallView::keyPressEvent(QKeyEvent* event)
{
    const auto range = m_controller->visibleRange();
    const std::int64_t centre = range.startNs + range.width() / 2;
    const int pageRows = verticalScrollBar()->pageStep();
    switch (event->key()) {
    case Qt::Key_Down:
    case Qt::Key_J:
        moveSelection(1);
        break;
    case Qt::Key_Up:
    case Qt::Key_K:
        moveSelection(-1);
        break;
    case Qt::Key_PageDown:
        moveSelection(pageRows);
        break;
    case Qt::Key_PageUp:
        moveSelection(-pageRows);
        break;
    case Qt::Key_Home:
        moveSelection(-static_cast<int>(m_rows.visible().size()));
        break;
    case Qt::Key_End:
        moveSelection(static_cast<int>(m_rows.visible().size()));
        break;
    case Qt::Key_Left:
        if (event->modifiers() & Qt::AltModifier)
            m_controller->back();
        else
            collapseSelected(true);
        break;
    case Qt::Key_Right:
        if (event->modifiers() & Qt::AltModifier)
            m_controller->forward();
        else
            collapseSelected(false);
        break;
    case Qt::Key_Return:
    case Qt::Key_Enter:
        if (const std::int64_t p = selectedPosition(); p >= 0) {
            m_rows.toggle(static_cast<std::uint32_t>(p));
            rowsChanged();
        }
        break;
    case Qt::Key_Plus:
    case Qt::Key_Equal:
        m_controller->zoom(0.5, centre);
        break;
    case Qt::Key_Minus:
        m_controller->zoom(2.0, centre);
        break;
    case Qt::Key_0:
        m_controller->showWholeTrace();
        break;
    case Qt::Key_Escape:
        m_controller->select({});
        break;
    default:
        QAbstractScrollArea::keyPressEvent(event);
        return;
    }
    event->accept();
}

void WaterfallView::leaveEvent(QEvent* event)
{
    m_hovered = -1;
    viewport()->update();
    QAbstractScrollArea::leaveEvent(event);
}

QString WaterfallView::tooltipFor(std::uint32_t position) const
{
    const TraceSet& set = m_presentation->set();
    const SpanIndex index = m_rows.spanAt(position);
    const Span& span = set.span(index);
    QString tip = QStringLiteral("<b>%1</b> %2<br>%3, starts at +%4")
                      .arg(m_presentation->serviceName(span.service).toHtmlEscaped(),
                          m_presentation->text(span.operation).toHtmlEscaped(), formatDuration(span.durationNs),
                          formatDuration(span.startNs - m_controller->traceRange().startNs));
    if (span.isError())
        tip += QStringLiteral("<br><span style='color:%1'>%2</span>").arg(viewColors().errorText.name(), tr("Error"));
    for (const QString& line : m_presentation->describeMarks(index))
        tip += QStringLiteral("<br>⚠ ") + line.toHtmlEscaped();
    return tip;
}

bool WaterfallView::viewportEvent(QEvent* event)
{
    if (event->type() == QEvent::ToolTip && m_presentation) {
        const auto* help = static_cast<QHelpEvent*>(event);
        const std::int64_t position = positionAt(help->pos());
        if (position >= 0)
            QToolTip::showText(help->globalPos(), tooltipFor(static_cast<std::uint32_t>(position)), viewport());
        else
            QToolTip::hideText();
        return true;
    }
    return QAbstractScrollArea::viewportEvent(event);
}

} // namespace Spanwise
