#pragma once

#include "diffmap.h"
#include "graphlayout.h"
#include "splitsuggestions.h"

#include <QWidget>

#include <memory>

class QDoubleSpinBox;
class QLabel;
class QLineEdit;
class QMenu;
class QToolButton;
class QTreeWidget;

namespace Spanwise {

class BackgroundWork;
class DependencyGraphView;
class RefreshWhenShown;
class TraceSession;
class TraceSetPresentation;

// The dependency maps of two groups of the loaded traces compared (model/mapdiff): each side is
// the traces a query picks (file="v1.json", service.version="1.5", start>="2024-05-01T10:00Z"),
// with splits the data offers in a menu (by file, by release or environment attribute, in time)
// and the first of them chosen on load. One map shows both (added, removed, worse, better,
// volume changed), with a legend; the list beside it has every edge that changed, selecting one
// lights it on the map, and clicking an edge on the map selects its row. Computed and laid out in the background;
// exported as SVG, PNG or DOT.
class MapDiffView : public QWidget
{
    Q_OBJECT

public:
    explicit MapDiffView(TraceSession* session, QWidget* parent = nullptr);
    ~MapDiffView() override;

    // Sets both sides' queries and compares.
    void compare(const QString& before, const QString& after);
    QString beforeQuery() const;
    QString afterQuery() const;
    void setThresholds(const MapDiffThresholds& thresholds);
    const DiffMap* diffMap() const { return m_shown.get(); }
    DependencyGraphView* graphView() const { return m_view; }
    QTreeWidget* changes() const { return m_changes; }
    QString summary() const;
    // Work running, or waiting for the view to be shown.
    bool isComputing() const;
    QString exportTo(const QString& path) const;

signals:
    void diffReady();

private:
    struct Computed;
    void loaded(const std::shared_ptr<const TraceSetPresentation>& presentation);
    void offerSplits(const std::vector<SplitSuggestion>& splits);
    void recompute();
    void compute();
    void showComputed(const Computed& computed);
    void listChanges();
    MapDiffThresholds thresholds() const;

    TraceSession* m_session;
    std::shared_ptr<const TraceSetPresentation> m_presentation;
    QLineEdit* m_before;
    QLineEdit* m_after;
    QToolButton* m_splits;
    QMenu* m_splitMenu;
    QDoubleSpinBox* m_callsPercent;
    QDoubleSpinBox* m_errorPoints;
    QDoubleSpinBox* m_p95Percent;
    QLabel* m_summary;
    DependencyGraphView* m_view;
    QTreeWidget* m_changes;
    GraphLayoutOptions m_layoutOptions;
    std::shared_ptr<const DiffMap> m_shown;
    BackgroundWork* m_work;
    RefreshWhenShown* m_computeWhenShown;
};

} // namespace Spanwise
