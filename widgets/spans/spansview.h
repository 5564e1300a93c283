#pragma once

#include "ids.h"

#include <QWidget>

#include <memory>
#include <vector>

class QTableView;

namespace Spanwise {

class BackgroundWork;
class FilterBar;
class RefreshWhenShown;
class SpanTableModel;
struct ShownSpanRows;
struct SpanRows;
class TraceSession;
class TraceSetPresentation;

// Every span of the session's trace, or of everything loaded, in one sortable table with the
// filter bar (docs/query.md; `duration` is the span's) and CSV export of what is shown.
// Double-click (or Enter) opens a span in the waterfall. Filtering and sorting run on a worker
// (a million rows sort in a moment there, and would freeze the window on the GUI thread), and
// only while the view is shown.
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
    void refilter();
    void showRows();
    void takeRows(ShownSpanRows& shown, TraceIndex trace);

    TraceSession* m_session;
    SpanTableModel* m_model;
    QTableView* m_table;
    FilterBar* m_filter;
    BackgroundWork* m_work;
    RefreshWhenShown* m_reload;
    // The scope's rows, kept so a new filter or sort does not recompute self times.
    std::shared_ptr<const SpanRows> m_rows;
    TraceIndex m_scopeTrace;
    bool m_resizeColumns = true;
};

} // namespace Spanwise
