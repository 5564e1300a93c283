#pragma once

#include "dependencygraph.h"
#include "graphlayout.h"
#include "impact.h"

#include <QWidget>

#include <memory>

class QCheckBox;
class QComboBox;
class QLabel;
class QPushButton;
class QSpinBox;
class QSplitter;
class QTreeWidget;

namespace Spanwise {

class BackgroundWork;
class RefreshWhenShown;
class DependencyGraphView;
class ImpactPanel;
class TraceSession;
class TraceSetPresentation;

// The service dependency map of everything loaded or of the session's trace: computed and laid
// out on a worker, with options for virtual peers, mesh folding, direction, and focus on one
// service with N hops each way. Clicking a service or an edge shows its impact counted trace by
// trace (ImpactPanel) and lights what depends on it and what it depends on; an edge also lists
// the calls behind it, each one double-click from its waterfall; double-clicking a service asks
// the session for its statistics.
class DependencyMapView : public QWidget
{
    Q_OBJECT

public:
    explicit DependencyMapView(TraceSession* session, QWidget* parent = nullptr);
    // Shows one service and its neighbours within `depth` hops (empty name: every service).
    void setFocus(const QString& service, int depth);
    void setSelectedTraceOnly(bool only);
    DependencyGraphView* graphView() const { return m_view; }
    QTreeWidget* calls() const { return m_calls; }
    ImpactPanel* impactPanel() const { return m_impact; }
    // Selects a service or peer as a click would (its impact listed and lit), once the map is
    // ready; an empty name clears the selection.
    void selectService(const QString& name);
    // The service whose impact is shown (empty: none, or an edge's).
    QString selectedService() const { return m_selected; }
    // Work running (the map, or an impact), or waiting for the view to be shown.
    bool isComputing() const;
    QString exportTo(const QString& path) const;

    // Past this many services the map shows the busiest ones and says so.
    static constexpr std::size_t maxNodes = 250;

signals:
    void mapReady();
    // selectService() named nothing on the map.
    void serviceNotFound(const QString& name);

private:
    struct Computed {
        std::shared_ptr<const DependencyGraph> graph;
        GraphLayout layout;
        QString note;
        QStringList names;                            // every node of the whole map, before focus or the node cap
        std::shared_ptr<const DependencyGraph> whole; // the map before focus or the node cap
        DependencyOptions options;                    // what it was computed with
    };
    void changeEvent(QEvent* event) override;
    void loaded();
    void colourNote();
    void offerFocusOn(QStringList names);
    // Computes now if the view is shown, else when it is next shown.
    void recompute();
    void compute();
    void showComputed(const std::shared_ptr<const TraceSetPresentation>& presentation, const Computed& computed);
    void showCalls(std::uint32_t edge);
    // Counts the target's impact on a worker, then lists it and lights it on the map, `viewNode`
    // selected (-1: none).
    void showImpact(const ImpactTarget& target, std::int64_t viewNode);
    void openSidePanel();

    TraceSession* m_session;
    std::shared_ptr<const TraceSetPresentation> m_presentation; // the one the map shows
    DependencyGraphView* m_view;
    QComboBox* m_scope;
    QCheckBox* m_virtual;
    QCheckBox* m_foldMesh;
    QComboBox* m_direction;
    QComboBox* m_focus;
    QSpinBox* m_depth;
    QLabel* m_note;
    QLabel* m_edgeTitle;
    QTreeWidget* m_calls;
    QPushButton* m_cancelLayout;
    QSplitter* m_split;
    ImpactPanel* m_impact;
    std::shared_ptr<const DependencyGraph> m_whole;
    DependencyOptions m_options;
    BackgroundWork* m_impactWork;
    QString m_selected;
    QString m_pendingSelection; // asked for before the map was ready
    // A new request cancels the running layout (a large one's helper process is killed).
    BackgroundWork* m_work;
    RefreshWhenShown* m_computeWhenShown;
};

} // namespace Spanwise
