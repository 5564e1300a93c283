#include "dependencygraphview.h"

#include "graphlayout.h"
#include "graphscene.h"
#include "query.h"

#include <QGraphicsScene>
#include <QMouseEvent>
#include <QWheelEvent>

#include <algorithm>

namespace Spanwise {

DependencyGraphView::DependencyGraphView(QWidget* parent)
    : QGraphicsView(parent)
{
    setScene(new QGraphicsScene(this));
    setRenderHint(QPainter::Antialiasing);
    setDragMode(QGraphicsView::ScrollHandDrag);
    setTransformationAnchor(QGraphicsView::AnchorUnderMouse);
    setViewportUpdateMode(QGraphicsView::SmartViewportUpdate);
}

void DependencyGraphView::setGraph(std::shared_ptr<const DependencyGraph> graph, const GraphLayout& layout,
    ServicePalettes palettes, std::shared_ptr<const GraphStyle> style)
{
    m_graph = std::move(graph);
    m_layout = layout;
    m_palettes = std::move(palettes);
    m_style = std::move(style);
    m_highlighted.clear();
    rebuildScene();
    fitAll();
}

void DependencyGraphView::rebuildScene()
{
    const ViewColors& colors = viewColors();
    setBackgroundBrush(colors.background);
    if (m_graph)
        buildGraphScene(*scene(), *m_graph, m_layout, m_palettes[colors.dark ? 1 : 0], colors, m_style.get());
    else
        scene()->clear();
    markViolations();
    markEmphasis();
}

void DependencyGraphView::setEmphasis(std::vector<bool> nodes, std::vector<bool> edges)
{
    m_emphasizedNodes = std::move(nodes);
    m_emphasizedEdges = std::move(edges);
    markEmphasis();
}

void DependencyGraphView::markEmphasis()
{
    const auto marked = [](const std::vector<bool>& flags, std::uint32_t index) {
        return index < flags.size() && flags[index];
    };
    for (QGraphicsItem* item : scene()->items()) {
        if (auto* node = qgraphicsitem_cast<GraphNodeItem*>(item))
            node->setEmphasized(marked(m_emphasizedNodes, node->node()));
        else if (auto* edge = qgraphicsitem_cast<GraphEdgeItem*>(item))
            edge->setEmphasized(marked(m_emphasizedEdges, edge->edge()));
    }
}

void DependencyGraphView::setViolations(std::vector<RuleViolation> violations)
{
    m_violations = std::move(violations);
    markViolations();
}

void DependencyGraphView::markViolations()
{
    for (QGraphicsItem* item : scene()->items())
        if (auto* node = qgraphicsitem_cast<GraphNodeItem*>(item)) {
            QStringList texts;
            for (const RuleViolation& v : m_violations)
                if (!v.service.empty() && globMatches(node->name().toStdString(), v.service))
                    texts << v.text;
            node->setViolation(texts.join(QLatin1Char('\n')));
        }
}

void DependencyGraphView::changeEvent(QEvent* event)
{
    if (event->type() == QEvent::PaletteChange) {
        rebuildScene();
        setHighlight(m_marked, m_highlighted); // the marked service and its paths stay marked
    }
    QGraphicsView::changeEvent(event);
}

void DependencyGraphView::highlightNode(std::int64_t node)
{
    std::vector<std::uint32_t> lit;
    if (m_graph && node >= 0 && node < static_cast<std::int64_t>(m_graph->nodes.size())) {
        const auto index = static_cast<std::uint32_t>(node);
        lit = m_graph->upstream(index);
        const auto down = m_graph->downstream(index);
        lit.insert(lit.end(), down.begin(), down.end());
        lit.push_back(index);
    }
    setHighlight(node, std::move(lit));
}

void DependencyGraphView::setHighlight(std::int64_t node, std::vector<std::uint32_t> lit)
{
    m_marked = node;
    m_highlighted = std::move(lit);
    std::sort(m_highlighted.begin(), m_highlighted.end());
    m_highlighted.erase(std::unique(m_highlighted.begin(), m_highlighted.end()), m_highlighted.end());
    const auto isLit = [this](std::uint32_t n) {
        return std::binary_search(m_highlighted.begin(), m_highlighted.end(), n);
    };
    const bool any = !m_highlighted.empty();
    for (QGraphicsItem* item : scene()->items()) {
        double opacity = 1.0;
        if (auto* nodeItem = qgraphicsitem_cast<GraphNodeItem*>(item)) {
            nodeItem->setSelected(std::int64_t(nodeItem->node()) == node);
            // Selected from a link or a list, it may lie outside the part shown: bring it in.
            if (nodeItem->isSelected())
                ensureVisible(nodeItem, 80, 80);
        }
        if (any) {
            if (const auto* nodeItem = qgraphicsitem_cast<GraphNodeItem*>(item))
                opacity = isLit(nodeItem->node()) ? 1.0 : 0.18;
            else if (const auto* edgeItem = qgraphicsitem_cast<GraphEdgeItem*>(item)) {
                const DependencyEdge& e = m_graph->edges[edgeItem->edge()];
                // An edge on a path through the highlighted node: both ends lit, and not a
                // sideways edge between two callers or two callees.
                opacity = isLit(e.from) && isLit(e.to) ? 1.0 : 0.12;
            }
        }
        item->setOpacity(opacity);
    }
}

QPoint DependencyGraphView::nodeCentre(std::uint32_t node) const
{
    for (QGraphicsItem* item : scene()->items())
        if (const auto* nodeItem = qgraphicsitem_cast<GraphNodeItem*>(item); nodeItem && nodeItem->node() == node)
            return mapFromScene(nodeItem->boundingRect().center());
    return {};
}

void DependencyGraphView::fitAll()
{
    m_autoFit = true;
    fitNow();
}

// A fit computed while the tab is hidden uses a tiny viewport: it is redone on show and resize.
void DependencyGraphView::fitNow()
{
    const QRectF rect = scene()->itemsBoundingRect();
    if (rect.isEmpty())
        return;
    fitInView(rect.adjusted(-20, -20, 20, 20), Qt::KeepAspectRatio);
    // Never blow a small graph up past its natural size, nor shrink a big one past where its
    // labels can be read: then it is shown from its start (the callers), to be panned.
    if (transform().m11() > 1.0) {
        setTransform(QTransform());
    } else if (transform().m11() < minimumReadableScale) {
        setTransform(QTransform::fromScale(minimumReadableScale, minimumReadableScale));
        const QRectF shown = mapToScene(viewport()->rect()).boundingRect();
        centerOn(rect.left() + shown.width() / 2 - 20, rect.center().y());
    }
}

void DependencyGraphView::actualSize()
{
    m_autoFit = false;
    setTransform(QTransform());
}

void DependencyGraphView::resizeEvent(QResizeEvent* event)
{
    QGraphicsView::resizeEvent(event);
    if (m_autoFit)
        fitNow();
}

void DependencyGraphView::showEvent(QShowEvent* event)
{
    QGraphicsView::showEvent(event);
    if (m_autoFit)
        fitNow();
}

void DependencyGraphView::wheelEvent(QWheelEvent* event)
{
    const double factor = event->angleDelta().y() > 0 ? 1.2 : 1 / 1.2;
    const double scaleNow = transform().m11();
    m_autoFit = false;
    if ((factor > 1 && scaleNow < 8) || (factor < 1 && scaleNow > 0.05))
        scale(factor, factor);
    event->accept();
}

void DependencyGraphView::mousePressEvent(QMouseEvent* event)
{
    if (event->button() == Qt::LeftButton) {
        QGraphicsItem* item = itemAt(event->position().toPoint());
        if (const auto* nodeItem = qgraphicsitem_cast<GraphNodeItem*>(item)) {
            highlightNode(nodeItem->node());
            emit nodeClicked(nodeItem->node());
        } else if (const auto* edgeItem = qgraphicsitem_cast<GraphEdgeItem*>(item)) {
            emit edgeClicked(edgeItem->edge());
        } else {
            highlightNode(-1);
            emit highlightCleared();
        }
    }
    QGraphicsView::mousePressEvent(event);
}

void DependencyGraphView::mouseDoubleClickEvent(QMouseEvent* event)
{
    if (const auto* nodeItem = qgraphicsitem_cast<GraphNodeItem*>(itemAt(event->position().toPoint())))
        emit nodeActivated(nodeItem->node());
    QGraphicsView::mouseDoubleClickEvent(event);
}

} // namespace Spanwise
