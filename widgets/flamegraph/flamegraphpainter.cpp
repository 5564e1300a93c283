#include "flamegraphpainter.h"

#include "formatting.h"
#include "theme.h"
#include "traceset.h"
#include "tracesetpresentation.h"

#include <QCoreApplication>
#include <QFontMetricsF>
#include <QPainter>

namespace Spanwise {
namespace {

// Narrower frames are not drawn (their children are narrower still).
constexpr double minimumFrameWidth = 0.25;

} // namespace

QRectF flameFrameRect(const FlameFrame& frame, const FlamePicture& picture)
{
    const double span = static_cast<double>(std::max<std::int64_t>(1, picture.toNs - picture.fromNs));
    if (frame.depth < picture.firstDepth || frame.endNs < picture.fromNs || frame.startNs > picture.toNs)
        return {};
    const double scale = picture.area.width() / span;
    const double left =
        picture.area.left() + (static_cast<double>(std::max(frame.startNs, picture.fromNs) - picture.fromNs)) * scale;
    const double right =
        picture.area.left() + (static_cast<double>(std::min(frame.endNs, picture.toNs) - picture.fromNs)) * scale;
    const double top = picture.area.top() + (frame.depth - picture.firstDepth) * picture.rowHeight;
    if (top >= picture.area.bottom())
        return {};
    // A pixel between neighbours where there is room for one, so siblings read as separate.
    const double width = right - left > 3 ? right - left - 1 : std::max(0.0, right - left);
    return {left, top, width, static_cast<double>(picture.rowHeight - 1)};
}

QString flameFrameLabel(const TraceSetPresentation& presentation, const FlameFrame& frame)
{
    const Span& span = presentation.set().span(frame.span);
    return presentation.serviceName(span.service) + QStringLiteral(": ") + presentation.text(span.operation);
}

QString flameFrameSummary(const TraceSetPresentation& presentation, const FlameGraph& graph, const FlameFrame& frame)
{
    QString text = flameFrameLabel(presentation, frame) + QStringLiteral(" — ");
    if (graph.merged)
        text += QCoreApplication::translate("FlameGraph", "%1 spans, %2 in all")
                    .arg(frame.count)
                    .arg(formatDuration(frame.durationNs));
    else
        text += formatDuration(frame.durationNs);
    text += QCoreApplication::translate("FlameGraph", ", self %1").arg(formatDuration(frame.selfNs));
    if (frame.clipped)
        text += graph.merged
            ? QCoreApplication::translate("FlameGraph", " (children ran in parallel: drawn scaled to fit)")
            : QCoreApplication::translate("FlameGraph", " (outlives its parent: drawn clipped)");
    return text;
}

std::uint32_t flameFrameAt(const FlameGraph& graph, const FlamePicture& picture, QPointF point)
{
    // Deepest first would need an index; rows are few, frames per row many: test each frame
    // of the row under the point.
    if (point.y() < picture.area.top())
        return FlameFrame::none;
    const auto depth =
        picture.firstDepth + static_cast<std::uint32_t>((point.y() - picture.area.top()) / picture.rowHeight);
    for (std::uint32_t i = 0; i < graph.frames.size(); ++i) {
        const FlameFrame& frame = graph.frames[i];
        if (frame.depth != depth)
            continue;
        const QRectF rect = flameFrameRect(frame, picture);
        if (!rect.isEmpty() && point.x() >= rect.left() && point.x() < rect.right() + 1)
            return i;
    }
    return FlameFrame::none;
}

void paintFlameGraph(
    QPainter& painter, const FlameGraph& graph, const TraceSetPresentation& presentation, const FlamePicture& picture)
{
    const ViewColors& colors = viewColors(picture.dark);
    const std::vector<QColor>& palette = presentation.servicePalettes()[picture.dark ? 1 : 0];
    const QFontMetricsF metrics(painter.font());
    const bool searching = picture.highlighted != nullptr;
    for (std::uint32_t i = 0; i < graph.frames.size(); ++i) {
        const FlameFrame& frame = graph.frames[i];
        const QRectF rect = flameFrameRect(frame, picture);
        if (rect.width() < minimumFrameWidth || rect.height() <= 0)
            continue;
        const Span& span = presentation.set().span(frame.span);
        QColor fill = span.service.value < palette.size() ? palette[span.service.value] : colors.peer;
        const bool match = searching && (*picture.highlighted)[i];
        if (searching && !match)
            fill =
                picture.dark ? fill.darker(250) : QColor::fromHslF(fill.hslHueF(), fill.hslSaturationF() * 0.25, 0.9);
        painter.fillRect(rect, fill);
        if (span.isError())
            painter.fillRect(QRectF(rect.left(), rect.bottom() - 2, rect.width(), 2), colors.error);
        if (match || i == picture.hovered) {
            painter.setPen(QPen(i == picture.hovered ? colors.text : colors.currentMatch, 2));
            painter.drawRect(rect.adjusted(1, 1, -1, -1));
        }
        if (frame.clipped && rect.width() >= 6) {
            // A notch at the right edge: this frame is not the whole story.
            const QPointF corner = rect.topRight();
            painter.setPen(Qt::NoPen);
            painter.setBrush(colors.mark);
            painter.drawPolygon(QPolygonF {corner, corner + QPointF(-6, 0), corner + QPointF(0, 6)});
            painter.setBrush(Qt::NoBrush);
        }
        if (rect.width() > 24) {
            const QString label =
                metrics.elidedText(flameFrameLabel(presentation, frame), Qt::ElideRight, rect.width() - 6);
            painter.setPen(fill.lightnessF() > 0.55 ? QColor(0x1b, 0x1f, 0x24) : QColor(0xf5, 0xf6, 0xf7));
            painter.drawText(rect.adjusted(3, 0, -3, 0), Qt::AlignVCenter | Qt::AlignLeft, label);
        }
    }
}

} // namespace Spanwise
