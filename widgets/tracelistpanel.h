#pragma once

#include "ids.h"
#include "tracefilter.h"

#include <QWidget>

#include <memory>

class QCheckBox;
class QComboBox;
class QLineEdit;
class QSortFilterProxyModel;
class QTableView;
class QTimer;

namespace Spanwise {

class PassingFilterProxy;
class TraceListModel;
class TraceScatterChart;
class TraceSet;

// The loaded traces: filters (text, service, operation, duration range, errors only,
// attribute key=value), a duration-over-time scatter plot and the sortable list. Selecting a
// row or clicking a point opens that trace.
class TraceListPanel : public QWidget
{
    Q_OBJECT

public:
    explicit TraceListPanel(QWidget* parent = nullptr);

    void setTraceSet(std::shared_ptr<const TraceSet> set);
    TraceListModel* model() const { return m_model; }
    QSortFilterProxyModel* proxy() const;
    QTableView* table() const { return m_table; }
    // Applies a filter now (the fields apply theirs after a short pause while typing).
    void setFilter(const TraceFilter& filter);
    void selectTrace(TraceIndex trace);
    void selectFirst();

signals:
    void traceSelected(Spanwise::TraceIndex trace);

private:
    void applyFilterFromFields();
    void updateChart();

    std::shared_ptr<const TraceSet> m_set;
    TraceListModel* m_model;
    PassingFilterProxy* m_proxy;
    QTableView* m_table;
    TraceScatterChart* m_chart;
    QLineEdit* m_text;
    QComboBox* m_service;
    QLineEdit* m_operation;
    QLineEdit* m_minDuration;
    QLineEdit* m_maxDuration;
    QCheckBox* m_errorsOnly;
    QLineEdit* m_attribute;
    QTimer* m_debounce;
};

} // namespace Spanwise
