#pragma once

#include "ids.h"

#include <QWidget>

#include <memory>
#include <vector>

class QTableView;

namespace Spanwise {

class BackgroundWork;
class FilterBar;
class PassingFilterProxy;
class SpanTableModel;
class TraceSession;
class TraceSetPresentation;

// Every span of the session's trace, or of everything loaded, in one sortable table with the
// filter bar (docs/query.md; `duration` is the span's) and CSV export of what is shown.
// Double-click (or Enter) opens a span in the waterfall.
class SpansView : public QWidget
{
    Q_OBJECT

public:
    explicit SpansView(TraceSession* session, QWidget* parent = nullptr);

    void setAllTraces(bool all);
    SpanTableModel* model() const { return m_model; }
    QTableView* table() const { return m_table; }
    FilterBar* filterBar() const { return m_filter; }
    int shownRows() const;
    bool isLoading() const;
    QString exportCsvTo(const QString& path) const;

signals:
    void rowsReady();

private:
    void reload();
    void applyFilter();

    TraceSession* m_session;
    SpanTableModel* m_model;
    PassingFilterProxy* m_proxy;
    QTableView* m_table;
    FilterBar* m_filter;
    BackgroundWork* m_work;
};

} // namespace Spanwise
