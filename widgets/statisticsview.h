#pragma once

#include "ids.h"
#include "operationstats.h"

#include <QFutureWatcher>
#include <QWidget>

#include <atomic>
#include <memory>

class QCheckBox;
class QComboBox;
class QLabel;
class QLineEdit;
class QListWidget;
class QProgressBar;
class QTableView;

namespace Spanwise {

class LatencyHistogram;
class OperationStatsModel;
class PassingFilterProxy;
class TraceSetPresentation;

// Latency and error statistics per service and operation (or per service, or per value of any
// attribute), for the selected trace or everything loaded, computed on a worker thread with
// progress. Opens sorted by p99, slowest first. Selecting a row shows its latency histogram
// and example spans (slowest, median, failing), each one double-click from the waterfall.
class StatisticsView : public QWidget
{
    Q_OBJECT

public:
    explicit StatisticsView(QWidget* parent = nullptr);
    ~StatisticsView() override;

    void setPresentation(std::shared_ptr<const TraceSetPresentation> presentation);
    void setSelectedTrace(TraceIndex trace);
    // Grouped by service over everything loaded, with this service's row selected.
    void showService(ServiceId service);
    void setGrouping(const StatsGrouping& grouping, bool allTraces);

    OperationStatsModel* model() const { return m_model; }
    QTableView* table() const { return m_table; }
    QListWidget* examples() const { return m_examples; }
    LatencyHistogram* histogram() const { return m_histogram; }
    bool isComputing() const { return m_watcher.isRunning(); }
    QString exportCsvTo(const QString& path) const;

signals:
    void spanRequested(Spanwise::SpanIndex span);
    void statisticsReady();

private:
    void recompute();
    void showRow(int sourceRow);
    void applyFilter();
    StatsGrouping groupingFromControls() const;

    std::shared_ptr<const TraceSetPresentation> m_presentation;
    TraceIndex m_trace;
    OperationStatsModel* m_model;
    PassingFilterProxy* m_proxy;
    QTableView* m_table;
    QComboBox* m_scope;
    QComboBox* m_groupBy;
    QLineEdit* m_filter;
    QProgressBar* m_progress;
    QLabel* m_status;
    LatencyHistogram* m_histogram;
    QCheckBox* m_logScale;
    QListWidget* m_examples;
    QFutureWatcher<std::shared_ptr<const StatsResult>> m_watcher;
    std::shared_ptr<std::atomic<bool>> m_cancel;
    ServiceId m_pendingService;
};

} // namespace Spanwise
