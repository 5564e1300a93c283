#pragma once

#include "dependencygraph.h"
#include "graphlayout.h"

#include <QFutureWatcher>
#include <QWidget>

#include <atomic>
#include <memory>

class QCheckBox;
class QComboBox;
class QLabel;
class QPushButton;
class QSpinBox;
class QTreeWidget;

namespace Spanwise {

class DependencyGraphView;
class TraceSetPresentation;

// The service dependency map of everything loaded or of the selected trace: computed and laid
// out on a worker, with options for virtual peers, mesh folding, direction, and focus on one
// service with N hops each way. Clicking an edge lists the calls behind it, each one
// double-click from its waterfall; double-clicking a service asks for its statistics.
class DependencyMapView : public QWidget
{
    Q_OBJECT

public:
    explicit DependencyMapView(QWidget* parent = nullptr);
    ~DependencyMapView() override;

    void setPresentation(std::shared_ptr<const TraceSetPresentation> presentation);
    void setSelectedTrace(TraceIndex trace);
    // Shows one service and its neighbours within `depth` hops (empty name: every service).
    void setFocus(const QString& service, int depth);
    void setSelectedTraceOnly(bool only);
    DependencyGraphView* graphView() const { return m_view; }
    QTreeWidget* calls() const { return m_calls; }
    bool isComputing() const { return m_watcher.isRunning(); }
    QString exportTo(const QString& path) const;

    // Past this many services the map shows the busiest ones and says so.
    static constexpr std::size_t maxNodes = 250;

signals:
    void spanRequested(Spanwise::SpanIndex span);
    void serviceStatisticsRequested(Spanwise::ServiceId service);
    void mapReady();

private:
    struct Computed {
        std::shared_ptr<const DependencyGraph> graph;
        GraphLayout layout;
        QString note;
    };
    void recompute();
    void showCalls(std::uint32_t edge);

    std::shared_ptr<const TraceSetPresentation> m_presentation;
    TraceIndex m_trace;
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
    QFutureWatcher<std::shared_ptr<Computed>> m_watcher;
    // The running layout's stop flag; a large layout runs in a helper process that it kills.
    std::shared_ptr<std::atomic<bool>> m_layoutCancel;
    bool m_recomputeQueued = false;
};

} // namespace Spanwise
