#include "graphscene.h"

#include "formatting.h"

#include <QFontMetricsF>
#include <QGraphicsScene>
#include <QGraphicsSimpleTextItem>
#include <QPainter>
#include <QStyleOptionGraphicsItem>

#include <algorithm>

namespace Spanwise {
QString describeNode(const DependencyGraph& graph, std::uint32_t index)
{
    const DependencyNode& n = graph.nodes[index];
    QString text =
        QStringLiteral("<b>%1</b>%2<br>")
            .arg(toQString(n.name).toHtmlEscaped(), n.isVirtual ? QStringLiteral(" (uninstrumented peer)") : QString());
    if (!n.isVirtual)
        text += QStringLiteral("%1 spans, ").arg(n.spans);
    text += QStringLiteral("%1 calls in, %2 errors").arg(n.entryCalls).arg(n.errors);
    if (n.serverP95Ns > 0)
        text += QStringLiteral("<br>p95 %1 %2")
                    .arg(n.isVirtual ? QStringLiteral("of calls") : QStringLiteral("of server spans"),
                        formatDuration(n.serverP95Ns));
    return text;
}

QString describeEdge(const DependencyGraph& graph, std::uint32_t index)
{
    const DependencyEdge& e = graph.edges[index];
    QString text =
        QStringLiteral("<b>%1 → %2</b><br>%3 calls (%4% of all), %5 errors (%6%)<br>p50 %7, p95 %8, p99 %9")
            .arg(toQString(graph.nodes[e.from].name).toHtmlEscaped(), toQString(graph.nodes[e.to].name).toHtmlEscaped())
            .arg(e.calls)
            .arg(100 * e.shareOfCalls, 0, 'f', 1)
            .arg(e.errors)
            .arg(100 * e.errorRate(), 0, 'f', 1)
            .arg(formatDuration(e.p50Ns), formatDuration(e.p95Ns), formatDuration(e.p99Ns));
    if (!e.via.empty())
        text += QStringLiteral("<br>via %1").arg(toQString(e.via).toHtmlEscaped());
    return text;
}

GraphNodeItem::GraphNodeItem(const DependencyGraph& graph, std::uint32_t node, const QRectF& rect, QColor colour,
    const ViewColors& colors, const GraphStyle::Element* style)
    : m_node(node)
    , m_rect(rect)
    , m_name(toQString(graph.nodes[node].name))
    , m_figures(nodeLabel(graph, node).section(QLatin1Char('\n'), 1))
    , m_colour(graph.nodes[node].isVirtual || !colour.isValid() ? colors.peer : colour)
    , m_colors(colors)
    , m_virtual(graph.nodes[node].isVirtual)
    , m_errors(graph.nodes[node].errors)
{
    m_description = style && !style->tooltip.isEmpty() ? style->tooltip : describeNode(graph, node);
    if (style) {
        m_frame = style->colour;
        m_pen = style->pen;
    }
    setToolTip(m_description);
    setAcceptHoverEvents(true);
    setFlag(QGraphicsItem::ItemIsSelectable); // the clicked service is marked
    setZValue(2);
}

void GraphNodeItem::setViolation(const QString& text)
{
    if (text == m_violation)
        return;
    m_violation = text;
    setToolTip(text.isEmpty()
            ? m_description
            : m_description + QStringLiteral("<br><b>") + text.toHtmlEscaped() + QStringLiteral("</b>"));
    update();
}

QRectF GraphNodeItem::boundingRect() const
{
    return m_rect.adjusted(-10, -10, 10, 10);
}

void GraphNodeItem::paint(QPainter* painter, const QStyleOptionGraphicsItem* option, QWidget*)
{
    const double lod = option->levelOfDetailFromTransform(painter->worldTransform());
    painter->setRenderHint(QPainter::Antialiasing);
    // A tint of the service colour over the background: the same hue as in every other view,
    // text stays legible on light and dark alike.
    const auto mix = [](float colour, float background) { return 0.4f * colour + 0.6f * background; };
    const QColor& back = m_colors.background;
    const QColor fill = QColor::fromRgbF(
        mix(m_colour.redF(), back.redF()), mix(m_colour.greenF(), back.greenF()), mix(m_colour.blueF(), back.blueF()));
    const QColor frame = isSelected() ? m_colors.accent
        : isViolated()                ? m_colors.error
        : m_emphasized                ? m_colors.criticalPath
        : m_frame.isValid()           ? m_frame
        : m_colors.dark               ? m_colour
                                      : m_colour.darker(130);
    QPen border(frame, isSelected() || isViolated() || m_emphasized ? 3.5 : m_frame.isValid() ? 2.5 : 1.5);
    border.setCosmetic(true);
    if (m_pen != Qt::SolidLine)
        border.setStyle(m_pen);
    else if (m_virtual)
        border.setStyle(Qt::DashLine);
    painter->setPen(border);
    painter->setBrush(fill);
    painter->drawRoundedRect(m_rect, 6, 6);
    // Under a few pixels of text nothing is readable: skip the labels.
    if (lod > 0.35) {
        QFont bold = painter->font();
        bold.setPointSizeF(10);
        bold.setBold(true);
        painter->setFont(bold);
        painter->setPen(m_colors.text);
        // Clear of the error badge on the top-right corner, and centred all the same.
        const double badgeRoom = m_errors > 0 ? 14 : 0;
        const QRectF top(
            m_rect.left() + 4 + badgeRoom, m_rect.top() + 3, m_rect.width() - 8 - 2 * badgeRoom, m_rect.height() / 2);
        painter->drawText(top, Qt::AlignHCenter | Qt::AlignBottom,
            QFontMetricsF(bold).elidedText(m_name, Qt::ElideMiddle, top.width() + 4));
        QFont small = bold;
        small.setBold(false);
        small.setPointSizeF(8.5);
        painter->setFont(small);
        painter->setPen(m_colors.secondaryText);
        painter->drawText(
            QRectF(m_rect.left() + 4, m_rect.center().y() + 1, m_rect.width() - 8, m_rect.height() / 2 - 4),
            Qt::AlignHCenter | Qt::AlignTop, m_figures);
    }
    if (m_errors > 0) {
        const QString count = QString::number(m_errors);
        QFont badgeFont = painter->font();
        badgeFont.setPointSizeF(8);
        badgeFont.setBold(true);
        const double w = std::max(16.0, QFontMetricsF(badgeFont).horizontalAdvance(count) + 8);
        const QRectF badge(m_rect.right() - w / 2, m_rect.top() - 8, w, 16);
        painter->setPen(Qt::NoPen);
        painter->setBrush(m_colors.error);
        painter->drawRoundedRect(badge, 8, 8);
        painter->setPen(Qt::white);
        painter->setFont(badgeFont);
        painter->drawText(badge, Qt::AlignCenter, count);
    }
}

QColor GraphEdgeItem::colourForErrorRate(double rate)
{
    if (rate <= 0)
        return QColor(0x7b, 0x86, 0x99);
    // From amber (a few failures) to red (a fifth or more failing).
    const double t = std::clamp(rate / 0.2, 0.0, 1.0);
    return QColor::fromRgbF(
        static_cast<float>(0.95 + 0.03 * t), static_cast<float>(0.62 - 0.44 * t), static_cast<float>(0.1 + 0.08 * t));
}

GraphEdgeItem::GraphEdgeItem(const DependencyGraph& graph, std::uint32_t edge, const GraphLayout::Edge& geometry,
    const ViewColors& colors, const GraphStyle* style)
    : m_edge(edge)
    , m_geometry(geometry)
    , m_label(edgeLabel(graph, edge, style))
    , m_colour(colourForErrorRate(graph.edges[edge].errorRate()))
    , m_colors(colors)
    , m_width(1.0 + 5.0 * std::sqrt(graph.edges[edge].shareOfCalls))
    , m_pen(graph.edges[edge].isVirtual ? Qt::DashLine : Qt::SolidLine)
{
    const GraphStyle::Element* styled = style && edge < style->edges.size() ? &style->edges[edge] : nullptr;
    if (styled && styled->colour.isValid())
        m_colour = styled->colour;
    if (styled && styled->pen != Qt::SolidLine)
        m_pen = styled->pen;
    setToolTip(styled && !styled->tooltip.isEmpty() ? styled->tooltip : describeEdge(graph, edge));
    // At least the box the plain map always had, so short labels stay as easy to click.
    const QSizeF text = QFontMetricsF(labelFont()).size(0, m_label);
    m_labelSize = QSizeF(std::max(100.0, text.width() + 8), std::max(16.0, text.height() + 2));
    setAcceptHoverEvents(true);
    setZValue(1);
}

QRectF GraphEdgeItem::labelBox() const
{
    return QRectF(m_geometry.labelPos - QPointF(m_labelSize.width() / 2, m_labelSize.height() / 2), m_labelSize);
}

QFont GraphEdgeItem::labelFont()
{
    QFont small;
    small.setPointSizeF(8);
    return small;
}

QRectF GraphEdgeItem::boundingRect() const
{
    return m_geometry.path.boundingRect()
        .united(m_geometry.arrow.boundingRect())
        .united(QRectF(m_geometry.labelPos, QSizeF(1, 1)))
        .adjusted(-m_labelSize.width() / 2 - 10, -m_labelSize.height() / 2 - 10, m_labelSize.width() / 2 + 10,
            m_labelSize.height() / 2 + 10);
}

QPainterPath GraphEdgeItem::shape() const
{
    // Clickable near the line, not only on its 2 px, and on its label.
    QPainterPathStroker stroker;
    stroker.setWidth(std::max(m_width + 12, 14.0));
    QPainterPath area = stroker.createStroke(m_geometry.path);
    area.addPolygon(m_geometry.arrow);
    area.addRect(labelBox());
    return area;
}

void GraphNodeItem::setEmphasized(bool on)
{
    m_emphasized = on;
    update();
}

void GraphEdgeItem::setEmphasized(bool on)
{
    m_emphasized = on;
    update();
}

void GraphEdgeItem::paint(QPainter* painter, const QStyleOptionGraphicsItem* option, QWidget*)
{
    painter->setRenderHint(QPainter::Antialiasing);
    const QColor colour = m_emphasized ? m_colors.criticalPath : m_colour;
    QPen pen(colour, m_emphasized ? std::max(m_width, 3.0) : m_width, m_pen, Qt::RoundCap);
    painter->setPen(pen);
    painter->setBrush(Qt::NoBrush);
    painter->drawPath(m_geometry.path);
    painter->setPen(Qt::NoPen);
    painter->setBrush(colour);
    painter->drawPolygon(m_geometry.arrow);
    if (option->levelOfDetailFromTransform(painter->worldTransform()) > 0.5) {
        painter->setFont(labelFont());
        painter->setPen(m_colors.secondaryText);
        painter->drawText(labelBox(), Qt::AlignCenter, m_label);
    }
}

void buildGraphScene(QGraphicsScene& scene, const DependencyGraph& graph, const GraphLayout& layout,
    const std::vector<QColor>& serviceColors, const ViewColors& colors, const GraphStyle* style)
{
    scene.clear();
    scene.setBackgroundBrush(colors.background);
    for (std::uint32_t i = 0; i < layout.edges.size(); ++i)
        scene.addItem(new GraphEdgeItem(graph, i, layout.edges[i], colors, style));
    for (std::uint32_t i = 0; i < layout.nodes.size(); ++i) {
        const ServiceId service = graph.nodes[i].service;
        const QColor colour =
            service.isValid() && service.value < serviceColors.size() ? serviceColors[service.value] : QColor();
        const GraphStyle::Element* nodeStyle = style && i < style->nodes.size() ? &style->nodes[i] : nullptr;
        scene.addItem(new GraphNodeItem(graph, i, layout.nodes[i].rect, colour, colors, nodeStyle));
    }
    // Legend: what colour and width mean.
    const double x = layout.bounds.left();
    double y = layout.bounds.bottom() + 24;
    const auto legendLine = [&](const QColor& colour, double width, const QString& text,
                                Qt::PenStyle style = Qt::SolidLine) {
        scene.addLine(x, y, x + 36, y, QPen(colour, width, style));
        auto* label = scene.addSimpleText(text);
        label->setPos(x + 44, y - 8);
        label->setBrush(colors.secondaryText);
        y += 20;
    };
    if (style && !style->legend.empty()) {
        for (const GraphStyle::LegendEntry& entry : style->legend)
            legendLine(entry.colour, 2.5, entry.text, entry.pen);
        scene.setSceneRect(scene.itemsBoundingRect().adjusted(-20, -20, 20, 20));
        return;
    }
    legendLine(GraphEdgeItem::colourForErrorRate(0), 2, QObject::tr("no errors"));
    legendLine(GraphEdgeItem::colourForErrorRate(0.05), 2, QObject::tr("5% of calls fail"));
    legendLine(GraphEdgeItem::colourForErrorRate(0.2), 2, QObject::tr("20% or more fail"));
    legendLine(GraphEdgeItem::colourForErrorRate(0), 6, QObject::tr("width: share of all calls"));
    legendLine(
        GraphEdgeItem::colourForErrorRate(0), 2, QObject::tr("to an uninstrumented peer (dashed box)"), Qt::DashLine);
    scene.setSceneRect(scene.itemsBoundingRect().adjusted(-20, -20, 20, 20));
}

} // namespace Spanwise
