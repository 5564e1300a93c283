#pragma once

#include "dependencygraph.h"
#include "graphlayout.h"

#include <QGraphicsItem>

class QGraphicsScene;

namespace Spanwise {

// A service (or virtual peer) box on the map; carries its node index.
class GraphNodeItem : public QGraphicsItem
{
public:
    enum { Type = UserType + 1 };
    GraphNodeItem(const DependencyGraph& graph, std::uint32_t node, const QRectF& rect);

    int type() const override { return Type; }
    std::uint32_t node() const { return m_node; }
    QRectF boundingRect() const override;
    void paint(QPainter* painter, const QStyleOptionGraphicsItem* option, QWidget* widget) override;

private:
    std::uint32_t m_node;
    QRectF m_rect;
    QString m_name;
    QString m_figures;
    QColor m_colour;
    bool m_virtual;
    std::uint64_t m_errors;
};

// A caller→callee edge: width by share of calls, colour by error rate; carries its edge index.
class GraphEdgeItem : public QGraphicsItem
{
public:
    enum { Type = UserType + 2 };
    GraphEdgeItem(const DependencyGraph& graph, std::uint32_t edge, const GraphLayout::Edge& geometry);

    int type() const override { return Type; }
    std::uint32_t edge() const { return m_edge; }
    QRectF boundingRect() const override;
    QPainterPath shape() const override;
    void paint(QPainter* painter, const QStyleOptionGraphicsItem* option, QWidget* widget) override;

    static QColor colourForErrorRate(double rate);
    // Where the call count is written.
    QRectF labelBox() const;

private:
    std::uint32_t m_edge;
    GraphLayout::Edge m_geometry;
    QString m_label;
    QColor m_colour;
    double m_width;
    bool m_virtual;
};

// Fills a scene with the laid-out graph and a legend; used by the view and the exports alike.
void buildGraphScene(QGraphicsScene& scene, const DependencyGraph& graph, const GraphLayout& layout);

// A sentence of figures for tooltips.
QString describeNode(const DependencyGraph& graph, std::uint32_t node);
QString describeEdge(const DependencyGraph& graph, std::uint32_t edge);

} // namespace Spanwise
