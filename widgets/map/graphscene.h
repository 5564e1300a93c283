#pragma once

#include "dependencygraph.h"
#include "graphlayout.h"
#include "graphstyle.h"

#include "theme.h"

#include <QGraphicsItem>

class QGraphicsScene;

namespace Spanwise {

// A service (or virtual peer) box on the map; carries its node index.
class GraphNodeItem : public QGraphicsItem
{
public:
    enum { Type = UserType + 1 };
    // `colour`: the service's (invalid for a peer); `colors`: the theme's; `style`: none, or
    // the frame colour, line and tooltip that replace the plain map's.
    GraphNodeItem(const DependencyGraph& graph, std::uint32_t node, const QRectF& rect, QColor colour,
        const ViewColors& colors, const GraphStyle::Element* style = nullptr);

    int type() const override { return Type; }
    std::uint32_t node() const { return m_node; }
    const QString& name() const { return m_name; }
    // A failing rule is about this service: a red frame, the rule in the tooltip.
    void setViolation(const QString& text);
    bool isViolated() const { return !m_violation.isEmpty(); }
    // On a trace's critical path (the trace graph): framed in the critical-path colour.
    void setEmphasized(bool on);
    bool isEmphasized() const { return m_emphasized; }
    QRectF boundingRect() const override;
    void paint(QPainter* painter, const QStyleOptionGraphicsItem* option, QWidget* widget) override;

private:
    std::uint32_t m_node;
    QRectF m_rect;
    QString m_name;
    QString m_figures;
    QColor m_colour;
    const ViewColors& m_colors;
    bool m_virtual;
    std::uint64_t m_errors;
    QString m_violation;
    QString m_description;
    bool m_emphasized = false;
    QColor m_frame; // from a style; invalid: the service's colour
    Qt::PenStyle m_pen = Qt::SolidLine;
};

// A caller→callee edge: width by share of calls, colour by error rate; carries its edge index.
class GraphEdgeItem : public QGraphicsItem
{
public:
    enum { Type = UserType + 2 };
    // `style`: none, or the colour, line, label and tooltip that replace the plain map's.
    GraphEdgeItem(const DependencyGraph& graph, std::uint32_t edge, const GraphLayout::Edge& geometry,
        const ViewColors& colors, const GraphStyle* style = nullptr);

    int type() const override { return Type; }
    std::uint32_t edge() const { return m_edge; }
    QRectF boundingRect() const override;
    QPainterPath shape() const override;
    void paint(QPainter* painter, const QStyleOptionGraphicsItem* option, QWidget* widget) override;

    static QColor colourForErrorRate(double rate);
    // On a trace's critical path (the trace graph): drawn over in the critical-path colour.
    void setEmphasized(bool on);
    bool isEmphasized() const { return m_emphasized; }
    // Where the call count is written.
    QRectF labelBox() const;
    static QFont labelFont();

private:
    std::uint32_t m_edge;
    GraphLayout::Edge m_geometry;
    QString m_label;
    QColor m_colour;
    const ViewColors& m_colors;
    double m_width;
    QSizeF m_labelSize;
    Qt::PenStyle m_pen;
    bool m_emphasized = false;
};

// Fills a scene with the laid-out graph and a legend; used by the view and the exports alike.
// `serviceColors` by ServiceId (empty: every box grey), in the palette that goes with `colors`;
// `style` (may be null) recolours and relabels elements and replaces the legend.
void buildGraphScene(QGraphicsScene& scene, const DependencyGraph& graph, const GraphLayout& layout,
    const std::vector<QColor>& serviceColors, const ViewColors& colors, const GraphStyle* style = nullptr);

// A sentence of figures for tooltips.
QString describeNode(const DependencyGraph& graph, std::uint32_t node);
QString describeEdge(const DependencyGraph& graph, std::uint32_t edge);

} // namespace Spanwise
