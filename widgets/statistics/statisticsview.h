#pragma once

#include "ids.h"
#include "operationstats.h"

#include <QWidget>

#include <memory>

class QCheckBox;
class QComboBox;
class QLabel;
class QLineEdit;
class QListWidget;
class QProgressBar;
class QTableView;

namespace Spanwise {

class BackgroundWork;
class RefreshWhenShown;
class FilterBar;
class LatencyHistogram;
class OperationStatsModel;
class PassingFilterProxy;
class TraceSession;
class TraceSetPresentation;

// Latency and error statistics per service and operation (or per service, or per value of any
// attribute), for the session's trace or everything loaded, computed on a worker thread with
// progress. The filter bar narrows the rows (docs/query.md, "Statistics": p99>250ms errors>5%). Opens sorted by p99,
// slowest first. Selecting a row shows its latency histogram and example spans (slowest, median, failing), each one
// double-click from the waterfall.
class StatisticsView : public QWidget
{
    Q_OBJECT

public:
    explicit StatisticsView(TraceSession* session, QWidget* parent = nullptr);

    // Grouped by service over everything loaded, with this service's row selected.
    void showService(ServiceId service);
    void setGrouping(const StatsGrouping& grouping, bool allTraces);

    OperationStatsModel* model() const { return m_model; }
    QTableView* table() const { return m_table; }
    QListWidget* examples() const { return m_examples; }
    LatencyHistogram* histogram() const { return m_histogram; }
    FilterBar* filterBar() const { return m_filter; }
    // Work running, or waiting for the view to be shown.
    bool isComputing() const;
    QString exportCsvTo(const QString& path) const;

signals:
    void statisticsReady();

private:
    void loaded();
    void editRules();
    // Computes now if the view is shown, else when it is next shown.
    void recompute();
    void compute();
    void showResult(const std::shared_ptr<const TraceSetPresentation>& presentation,
        const std::shared_ptr<const StatsResult>& result);
    void showRow(int sourceRow);
    void applyFilter();
    StatsGrouping groupingFromControls() const;

    TraceSession* m_session;
    std::shared_ptr<const TraceSetPresentation> m_presentation; // the one the rows are of
    OperationStatsModel* m_model;
    PassingFilterProxy* m_proxy;
    QTableView* m_table;
    FilterBar* m_filter;
    QComboBox* m_groupBy;
    QProgressBar* m_progress;
    QLabel* m_status;
    LatencyHistogram* m_histogram;
    QCheckBox* m_logScale;
    QListWidget* m_examples;
    BackgroundWork* m_work;
    RefreshWhenShown* m_computeWhenShown;
    ServiceId m_pendingService;
};

} // namespace Spanwise
