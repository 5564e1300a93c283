#pragma once

#include "dependencygraph.h"
#include "graphlayout.h"
#include "graphstyle.h"
#include "rulemonitor.h"
#include "servicecolors.h"

#include <QGraphicsView>

#include <memory>
#include <vector>

namespace Spanwise {

struct GraphLayout;

// The laid-out dependency map, interactive: wheel zooms at the cursor, drag pans, hover shows
// figures. Clicking a service highlights everything upstream (its transitive callers) and
// downstream (its transitive callees) and dims the rest — impact analysis; clicking the
// background clears it. Double-clicking a service asks for its statistics; clicking an edge
// asks for the calls behind it.
class DependencyGraphView : public QGraphicsView
{
    Q_OBJECT

public:
    explicit DependencyGraphView(QWidget* parent = nullptr);

    // `palettes`: the services' colours by ServiceId for each theme (none: grey boxes); `style`:
    // the colours, labels and legend of a map drawn for another purpose (the map diff).
    void setGraph(std::shared_ptr<const DependencyGraph> graph, const GraphLayout& layout,
        ServicePalettes palettes = {}, std::shared_ptr<const GraphStyle> style = {});
    const DependencyGraph* graph() const { return m_graph.get(); }
    // -1 clears the highlight. Lights the node and its transitive callers and callees on this
    // graph; a view that knows better (the map's per-trace impact) follows with setHighlight.
    void highlightNode(std::int64_t node);
    // Selects `node` (-1: none) and lights `lit` (by index), dimming the rest; an empty `lit`
    // lights everything.
    void setHighlight(std::int64_t node, std::vector<std::uint32_t> lit);
    // The highlighted node and its upstream and downstream; empty when nothing is highlighted.
    std::vector<std::uint32_t> highlightedNodes() const { return m_highlighted; }
    // The centre of a node's box in view coordinates (for tests and keyboard users).
    QPoint nodeCentre(std::uint32_t node) const;
    // Fits the map to the view, and keeps it fitted as the view is shown and resized until the
    // user zooms (wheel or 1:1).
    void fitAll();
    // Marks the services failing rules are about (RuleMonitor), kept across rebuilds.
    void setViolations(std::vector<RuleViolation> violations);
    // Emphasises some nodes and edges (by index; empty: none), kept across rebuilds: the trace
    // graph's critical path.
    void setEmphasis(std::vector<bool> nodes, std::vector<bool> edges);
    void actualSize();
    bool isAutoFitting() const { return m_autoFit; }
    // Below this zoom node labels are too small to read; a fit stops there.
    static constexpr double minimumReadableScale = 0.7;

signals:
    void nodeActivated(std::uint32_t node);
    void nodeClicked(std::uint32_t node);
    void edgeClicked(std::uint32_t edge);
    // A click on the background: nothing is highlighted any more.
    void highlightCleared();

protected:
    void wheelEvent(QWheelEvent* event) override;
    void mousePressEvent(QMouseEvent* event) override;
    void mouseDoubleClickEvent(QMouseEvent* event) override;
    void resizeEvent(QResizeEvent* event) override;
    void showEvent(QShowEvent* event) override;
    void changeEvent(QEvent* event) override;

private:
    void fitNow();
    // Builds the scene in the theme's colours (again after a theme change).
    void rebuildScene();
    void markViolations();
    void markEmphasis();

    std::shared_ptr<const DependencyGraph> m_graph;
    GraphLayout m_layout;
    ServicePalettes m_palettes;
    std::shared_ptr<const GraphStyle> m_style;
    std::vector<RuleViolation> m_violations;
    std::vector<bool> m_emphasizedNodes;
    std::vector<bool> m_emphasizedEdges;
    std::vector<std::uint32_t> m_highlighted;
    std::int64_t m_marked = -1;
    bool m_autoFit = true;
};

} // namespace Spanwise
