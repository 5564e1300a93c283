#pragma once

#include "dependencygraph.h"
#include "graphlayout.h"

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
class TraceSession;
class TraceSetPresentation;

// The service dependency map of everything loaded or of the session's trace: computed and laid
// out on a worker, with options for virtual peers, mesh folding, direction, and focus on one
// service with N hops each way. Clicking an edge lists the calls behind it, each one
// double-click from its waterfall; double-clicking a service asks the session for its statistics.
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
    // Work running, or waiting for the view to be shown.
    bool isComputing() const;
    QString exportTo(const QString& path) const;

    // Past this many services the map shows the busiest ones and says so.
    static constexpr std::size_t maxNodes = 250;

signals:
    void mapReady();

private:
    struct Computed {
        std::shared_ptr<const DependencyGraph> graph;
        GraphLayout layout;
        QString note;
        QStringList names; // every node of the whole map, before focus or the node cap
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
    // A new request cancels the running layout (a large one's helper process is killed).
    BackgroundWork* m_work;
    RefreshWhenShown* m_computeWhenShown;
};

} // namespace Spanwise
