#pragma once

#include "tracegraph.h"

#include <QWidget>

#include <memory>

class QLabel;

namespace Spanwise {

class BackgroundWork;
class RefreshWhenShown;
class DependencyGraphView;
class TraceSession;
class TraceSetPresentation;

// The Trace graph tab: the selected trace's operations as a graph laid out by Graphviz, top to
// bottom (model/tracegraph): a box per service+operation with its span count and p95, an arrow
// per caller→callee pair with the calls merged into a count, the critical path drawn in the
// critical-path colour. Double-click an operation to open its first span, click an arrow to open
// its first call; click a box to highlight what it calls and what calls it, as on the map.
// Computed and laid out in the background.
class TraceGraphView : public QWidget
{
    Q_OBJECT

public:
    explicit TraceGraphView(TraceSession* session, QWidget* parent = nullptr);
    ~TraceGraphView() override;

    const TraceGraph* traceGraph() const { return m_graph.get(); }
    DependencyGraphView* view() const { return m_view; }
    bool isComputing() const;

signals:
    void laidOut();

private:
    struct Computed;
    // Computes now if the view is shown, else when it is next shown.
    void recompute();
    void compute();
    void showLayout(const Computed& computed);
    void exportGraph();

    TraceSession* m_session;
    DependencyGraphView* m_view;
    QLabel* m_note;
    // Something changed while the tab was hidden: compute when it is shown (hidden tabs do no work).
    BackgroundWork* m_work;
    RefreshWhenShown* m_computeWhenShown;
    std::shared_ptr<const TraceSetPresentation> m_presentation;
    std::shared_ptr<const TraceGraph> m_graph;
    TraceIndex m_shown;
};

} // namespace Spanwise
