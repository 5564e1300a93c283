#include "waterfallpainter.h"

#include "formatting.h"
#include "traceset.h"
#include "tracesetpresentation.h"
#include "waterfallrows.h"

#include <QCoreApplication>
#include <QFontMetrics>
#include <QPainter>
#include <QPainterPath>

#include <algorithm>
#include <cassert>

namespace Spanwise {

WaterfallMetrics WaterfallMetrics::forFont(const QFont& font, int labelWidth)
{
    const QFontMetrics fm(font);
    WaterfallMetrics m;
    m.rowHeight = std::max(20, fm.height() + 8);
    m.rulerHeight = fm.height() + 12;
    m.indent = std::max(12, fm.height() - 2);
    m.labelWidth = labelWidth;
    return m;
}

WaterfallPainter::WaterfallPainter(const TraceSetPresentation& presentation, const WaterfallRows& rows,
    const WaterfallMetrics& metrics, const QFont& font, const ViewColors& colors)
    : m_presentation(presentation)
    , m_colors(colors)
    , m_rows(rows)
    , m_metrics(metrics)
    , m_font(font)
    , m_boldFont(font)
    , m_smallFont(font)
{
    m_boldFont.setBold(true);
    m_smallFont.setPointSizeF(font.pointSizeF() > 0 ? font.pointSizeF() * 0.9 : 8);
}

void WaterfallPainter::paintRuler(
    QPainter& painter, const QRect& rect, const TimeAxis& axis, std::int64_t traceStartNs) const
{
    painter.fillRect(rect, m_colors.header);
    painter.setPen(m_colors.grid.darker(115));
    painter.drawLine(rect.bottomLeft(), rect.bottomRight());
    painter.setFont(m_smallFont);
    painter.setPen(m_colors.secondaryText);
    const QRect labelArea(rect.left(), rect.top(), m_metrics.labelWidth, rect.height());
    painter.setFont(m_boldFont);
    painter.drawText(labelArea.adjusted(8, 0, -4, 0), Qt::AlignVCenter | Qt::AlignLeft,
        QCoreApplication::translate("WaterfallPainter", "Service and operation"));
    painter.setFont(m_smallFont);
    const QFontMetrics fm(m_smallFont);
    for (const TimeAxis::Tick& tick : ticks(axis, traceStartNs)) {
        const int x = static_cast<int>(tick.x);
        if (x < m_metrics.labelWidth)
            continue;
        painter.setPen(m_colors.grid.darker(130));
        painter.drawLine(x, rect.bottom() - 5, x, rect.bottom());
        const QString label = formatDuration(tick.timeNs - traceStartNs);
        const int width = fm.horizontalAdvance(label);
        if (x + 4 + width <= rect.right()) {
            painter.setPen(m_colors.secondaryText);
            painter.drawText(
                QRect(x + 4, rect.top(), width + 2, rect.height() - 4), Qt::AlignVCenter | Qt::AlignLeft, label);
        }
    }
    painter.setPen(m_colors.grid.darker(115));
    painter.drawLine(m_metrics.labelWidth, rect.top(), m_metrics.labelWidth, rect.bottom());
}

std::vector<TimeAxis::Tick> WaterfallPainter::ticks(const TimeAxis& axis, std::int64_t traceStartNs) const
{
    const QFontMetrics fm(m_smallFont);
    return axis.ticks(fm.horizontalAdvance(QStringLiteral("000.000 ms")) + 24, traceStartNs);
}

void WaterfallPainter::paintRows(QPainter& painter, const QRect& rect, int firstRow, int lastRow, int firstRowY,
    const TimeAxis& axis, std::int64_t traceStartNs, const WaterfallHighlights& highlights) const
{
    const auto grid = ticks(axis, traceStartNs);
    const auto visible = m_rows.visible();
    lastRow = std::min<int>(lastRow, static_cast<int>(visible.size()) - 1);
    for (int row = firstRow; row <= lastRow; ++row) {
        const std::uint32_t position = visible[static_cast<std::size_t>(row)];
        const QRect rowRect(rect.left(), rect.top() + firstRowY + (row - firstRow) * m_metrics.rowHeight, rect.width(),
            m_metrics.rowHeight);
        QColor background = row % 2 ? m_colors.alternate : m_colors.background;
        if (highlights.matches && position < highlights.matches->size() && (*highlights.matches)[position])
            background = position == highlights.currentMatch ? m_colors.currentMatch : m_colors.match;
        if (position == highlights.hoveredPosition)
            background =
                background == m_colors.background || background == m_colors.alternate ? m_colors.hover : background;
        if (position == highlights.selectedPosition)
            background = m_colors.selection;
        painter.fillRect(rowRect, background);
        painter.setPen(m_colors.grid);
        for (const TimeAxis::Tick& tick : grid)
            if (tick.x > rect.left() + m_metrics.labelWidth)
                painter.drawLine(QPointF(tick.x, rowRect.top()), QPointF(tick.x, rowRect.bottom()));
        paintLabel(painter, rowRect, position);
        paintBar(painter, rowRect, position, axis, highlights.critical);
    }
    painter.setPen(m_colors.grid.darker(115));
    painter.drawLine(rect.left() + m_metrics.labelWidth, rect.top(), rect.left() + m_metrics.labelWidth, rect.bottom());
}

void WaterfallPainter::paintLabel(QPainter& painter, const QRect& row, std::uint32_t position) const
{
    const TraceSet& set = m_presentation.set();
    const SpanIndex spanIndex = m_rows.spanAt(position);
    const Span& span = set.span(spanIndex);
    const int depth = static_cast<int>(m_rows.depthAt(position));
    const int indent = m_metrics.indent;
    const int midY = row.center().y();
    painter.save();
    painter.setClipRect(QRect(row.left(), row.top(), m_metrics.labelWidth - 1, row.height()));

    // Tree guides: a vertical line for every ancestor level that continues below this row.
    painter.setPen(m_colors.guide);
    std::int64_t ancestor = m_rows.parentPosition(position);
    for (int level = depth - 1; level >= 0 && ancestor >= 0; --level) {
        const int x = row.left() + 8 + level * indent + indent / 2;
        if (level == depth - 1) {
            painter.drawLine(x, row.top(), x, m_rows.isLastChild(position) ? midY : row.bottom());
            painter.drawLine(x, midY, x + indent / 2, midY);
        } else {
            // `ancestor` sits at depth level + 1: its siblings below continue this line.
            if (!m_rows.isLastChild(static_cast<std::uint32_t>(ancestor)))
                painter.drawLine(x, row.top(), x, row.bottom());
            ancestor = m_rows.parentPosition(static_cast<std::uint32_t>(ancestor));
        }
    }

    int x = row.left() + 8 + depth * indent;
    // Expander: a triangle pointing right (collapsed) or down (expanded).
    if (m_rows.hasChildren(position)) {
        QPainterPath arrow;
        const double s = indent * 0.32;
        const QPointF c(x + indent / 2.0, midY);
        if (m_rows.isCollapsed(position)) {
            arrow.moveTo(c + QPointF(-s * 0.6, -s));
            arrow.lineTo(c + QPointF(s * 0.9, 0));
            arrow.lineTo(c + QPointF(-s * 0.6, s));
        } else {
            arrow.moveTo(c + QPointF(-s, -s * 0.6));
            arrow.lineTo(c + QPointF(s, -s * 0.6));
            arrow.lineTo(c + QPointF(0, s * 0.9));
        }
        arrow.closeSubpath();
        painter.setRenderHint(QPainter::Antialiasing, true);
        painter.fillPath(arrow, m_colors.secondaryText);
        painter.setRenderHint(QPainter::Antialiasing, false);
    }
    x += indent;

    // Service colour chip.
    painter.fillRect(QRect(x, midY - 5, 4, 11), m_presentation.serviceColor(span.service, m_colors.dark));
    x += 9;

    if (span.isError()) {
        painter.setRenderHint(QPainter::Antialiasing, true);
        painter.setBrush(m_colors.error);
        painter.setPen(Qt::NoPen);
        const int d = std::min(12, row.height() - 8);
        painter.drawEllipse(QRect(x, midY - d / 2, d, d));
        painter.setPen(Qt::white);
        painter.setFont(m_boldFont);
        painter.drawText(QRect(x, midY - d / 2, d, d), Qt::AlignCenter, QStringLiteral("!"));
        painter.setRenderHint(QPainter::Antialiasing, false);
        x += d + 4;
    }

    const int rightReserve = (m_presentation.marks(spanIndex) ? 16 : 0) +
        (m_rows.isCollapsed(position) ? QFontMetrics(m_smallFont).horizontalAdvance(QStringLiteral("+00000")) : 0);
    const int available = std::max(0, row.left() + m_metrics.labelWidth - 6 - rightReserve - x);
    const QString& service = m_presentation.serviceName(span.service);
    const QFontMetrics boldMetrics(m_boldFont);
    const QString serviceText =
        boldMetrics.elidedText(service, Qt::ElideRight, std::max(available * 2 / 3, available - 120));
    painter.setFont(m_boldFont);
    painter.setPen(span.isError() ? m_colors.errorText : m_colors.text);
    const int serviceWidth = boldMetrics.horizontalAdvance(serviceText);
    painter.drawText(
        QRect(x, row.top(), serviceWidth + 1, row.height()), Qt::AlignVCenter | Qt::AlignLeft, serviceText);
    x += serviceWidth + 6;
    const int operationSpace = row.left() + m_metrics.labelWidth - 6 - rightReserve - x;
    if (operationSpace > 12) {
        painter.setFont(m_font);
        painter.setPen(m_colors.secondaryText);
        const QString operation =
            QFontMetrics(m_font).elidedText(m_presentation.text(span.operation), Qt::ElideRight, operationSpace);
        painter.drawText(
            QRect(x, row.top(), operationSpace, row.height()), Qt::AlignVCenter | Qt::AlignLeft, operation);
    }

    int right = row.left() + m_metrics.labelWidth - 6;
    if (m_presentation.marks(spanIndex)) {
        // A warning triangle: orphan, duplicate id, cycle, or incomplete record.
        painter.setRenderHint(QPainter::Antialiasing, true);
        QPainterPath triangle;
        triangle.moveTo(right - 6, midY - 6);
        triangle.lineTo(right, midY + 5);
        triangle.lineTo(right - 12, midY + 5);
        triangle.closeSubpath();
        painter.fillPath(triangle, m_colors.mark);
        painter.setPen(Qt::white);
        painter.setFont(m_smallFont);
        painter.drawText(QRect(right - 12, midY - 4, 12, 10), Qt::AlignCenter, QStringLiteral("!"));
        painter.setRenderHint(QPainter::Antialiasing, false);
        right -= 16;
    }
    if (m_rows.isCollapsed(position)) {
        painter.setFont(m_smallFont);
        painter.setPen(m_colors.secondaryText);
        painter.drawText(QRect(row.left(), row.top(), right - row.left(), row.height()),
            Qt::AlignVCenter | Qt::AlignRight, QStringLiteral("+%1").arg(m_rows.subtreeSize(position) - 1));
    }
    painter.restore();
}

void WaterfallPainter::paintLogMarks(
    QPainter& painter, const TimeAxis& axis, SpanIndex span, int y, int areaLeft, int areaRight) const
{
    const TraceSet& set = m_presentation.set();
    const auto logs = set.logsOf(span);
    if (logs.empty())
        return;
    painter.save();
    painter.setRenderHint(QPainter::Antialiasing);
    painter.setPen(QPen(m_colors.background, 1));
    double lastX = -10;
    for (const std::uint32_t index : logs) {
        const LogRecord& log = set.logs()[index];
        const double x = axis.x(log.timeNs);
        if (!log.hasTime || x < areaLeft || x > areaRight || x - lastX < 3)
            continue;
        // Red from ERROR up, amber for WARN, the text colour below: the bad ones stand out.
        painter.setBrush(log.severityNumber >= 17 ? m_colors.error
                : log.severityNumber >= 13        ? QColor(0xe0, 0x9a, 0x1a)
                                                  : m_colors.text);
        const QPointF diamond[] = {{x, y - 5.0}, {x + 4.5, y + 0.0}, {x, y + 5.0}, {x - 4.5, y + 0.0}};
        painter.drawPolygon(diamond, 4);
        lastX = x;
    }
    painter.restore();
}

void WaterfallPainter::paintBar(QPainter& painter, const QRect& row, std::uint32_t position, const TimeAxis& axis,
    const std::vector<CriticalMark>* critical) const
{
    const TraceSet& set = m_presentation.set();
    const Span& span = set.span(m_rows.spanAt(position));
    assert(m_rows.spanAt(position).isValid());
    const int areaLeft = row.left() + m_metrics.labelWidth + 1;
    const int areaRight = row.right();
    painter.save();
    painter.setClipRect(QRect(areaLeft, row.top(), areaRight - areaLeft + 1, row.height()));
    const QColor color = m_presentation.serviceColor(span.service, m_colors.dark);
    const int barHeight = std::max(6, row.height() - 10);
    const int barTop = row.top() + (row.height() - barHeight) / 2;

    const auto clampX = [&](double x) { return std::clamp(x, double(areaLeft - 2), double(areaRight + 2)); };
    // A collapsed subtree shows its whole extent as a faint band behind the span.
    if (m_rows.isCollapsed(position)) {
        const double x0 = clampX(axis.x(m_rows.subtreeStart(position)));
        const double x1 = clampX(axis.x(m_rows.subtreeEnd(position)));
        QColor band = color;
        band.setAlpha(70);
        painter.fillRect(QRectF(x0, barTop + 2, std::max(1.0, x1 - x0), barHeight - 4), band);
    }
    // A span whose file gave no time, and nothing to derive one from, has no place to draw.
    if (!span.hasTime()) {
        painter.setFont(m_smallFont);
        painter.setPen(m_colors.secondaryText);
        painter.drawText(QRect(areaLeft + 4, row.top(), areaRight - areaLeft - 8, row.height()),
            Qt::AlignVCenter | Qt::AlignLeft, QObject::tr("no time recorded"));
        painter.restore();
        return;
    }
    const double x0 = clampX(axis.x(span.startNs));
    const double x1 = clampX(axis.x(span.endNs()));
    const QRectF bar(x0, barTop, std::max(1.0, x1 - x0), barHeight);
    // A derived time (SpanTimeDerived) is hatched: it was not recorded, only inferred.
    painter.fillRect(bar,
        QBrush(span.isError() ? m_colors.error : color,
            span.flags & SpanTimeDerived ? Qt::Dense3Pattern : Qt::SolidPattern));
    if (span.isError())
        painter.fillRect(QRectF(bar.left(), bar.top(), bar.width(), 2), m_colors.error.darker(140));

    // The critical path: a dark strip along the part of the bar that held the trace up.
    if (critical) {
        auto it = std::lower_bound(critical->begin(), critical->end(), position,
            [](const CriticalMark& m, std::uint32_t p) { return m.position < p; });
        for (; it != critical->end() && it->position == position; ++it) {
            const double c0 = clampX(axis.x(it->startNs)), c1 = clampX(axis.x(it->endNs));
            painter.fillRect(QRectF(c0, bar.bottom() - 2, std::max(1.0, c1 - c0), 3), m_colors.criticalPath);
        }
    }

    // Events: thin dark ticks on the bar.
    const auto events = set.events(span.events);
    if (!events.empty()) {
        painter.setPen(QColor(0, 0, 0, 150));
        double lastX = -10;
        for (const Event& event : events) {
            const double x = axis.x(event.timeNs);
            if (x < areaLeft || x > areaRight || x - lastX < 2)
                continue;
            painter.drawLine(QPointF(x, barTop - 1), QPointF(x, barTop + barHeight));
            lastX = x;
        }
    }

    paintLogMarks(painter, axis, m_rows.spanAt(position), barTop + barHeight, areaLeft, areaRight);

    // The duration where it fits: right of the bar, else left of it, else inside.
    const QString label = formatDuration(span.durationNs);
    const QFontMetrics fm(m_smallFont);
    const int width = fm.horizontalAdvance(label) + 4;
    painter.setFont(m_smallFont);
    QRectF textRect;
    if (bar.right() + 4 + width <= areaRight) {
        textRect = QRectF(bar.right() + 4, row.top(), width, row.height());
        painter.setPen(m_colors.secondaryText);
    } else if (bar.left() - 4 - width >= areaLeft) {
        textRect = QRectF(bar.left() - 4 - width, row.top(), width, row.height());
        painter.setPen(m_colors.secondaryText);
    } else if (bar.width() > width + 4) {
        textRect = QRectF(bar.right() - width - 2, row.top(), width, row.height());
        painter.setPen(Qt::white);
    }
    if (!textRect.isNull())
        painter.drawText(textRect, Qt::AlignVCenter | Qt::AlignLeft, label);
    painter.restore();
}

} // namespace Spanwise
