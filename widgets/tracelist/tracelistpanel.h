#pragma once

#include "ids.h"

#include <QWidget>

#include <memory>

class QTableView;

namespace Spanwise {

class BackgroundWork;
class FilterBar;
class SpanQuery;
class TraceListModel;
class TraceScatterPlot;
class TraceSession;
class TraceSet;

// The loaded traces: the filter bar (a query, docs/query.md: a trace passes when each term
// holds on some span of it, and `duration` is the trace's), a duration-over-time scatter plot
// and the sortable list, filtered and sorted on a worker. It follows the session: the selected trace is the session's,
// and selecting a row or a point selects it there.
class TraceListPanel : public QWidget
{
    Q_OBJECT

public:
    explicit TraceListPanel(TraceSession* session, QWidget* parent = nullptr);

    TraceListModel* model() const { return m_model; }
    QTableView* table() const { return m_table; }
    FilterBar* filterBar() const { return m_filter; }
    TraceScatterPlot* scatterPlot() const { return m_chart; }
    bool isFiltering() const;

signals:
    // The list shows the result of the newest filter.
    void filterApplied();

private:
    void setTraceSet(std::shared_ptr<const TraceSet> set);
    void applyFilter();
    void showTraces();
    void runOrder(std::shared_ptr<const SpanQuery> query);
    void showSelected(TraceIndex trace);
    void updateChart();
    void showTableMenu(const QPoint& point);
    // Asks the compare view for trace A against trace B.
    void compareTraces(TraceIndex a, TraceIndex b);
    QString traceQuery(TraceIndex trace) const;

    TraceSession* m_session;
    std::shared_ptr<const TraceSet> m_set;
    TraceListModel* m_model;
    QTableView* m_table;
    TraceScatterPlot* m_chart;
    FilterBar* m_filter;
    BackgroundWork* m_work;
    // Which traces the last filter passed (null: every trace), kept for a new sort.
    std::shared_ptr<const std::vector<bool>> m_passing;
};

} // namespace Spanwise
