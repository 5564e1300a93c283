#pragma once

#include "query.h"
#include "spanscope.h"

#include <QWidget>

#include <functional>

class QComboBox;
class QLabel;
class QLineEdit;
class QTimer;

namespace Spanwise {

class TraceSession;

// What a view's rows come from, in the one order every view shows them.
enum class FilterScope { SelectedTrace, MatchingTraces, AllTraces };
// Fills a scope box in that order, each item's data its FilterScope (for views with a scope
// but no filter, such as the map).
void addScopeItems(QComboBox* box);
// The spans a scope covers now: the session's trace, the traces its trace-list filter passes,
// or everything. (A selected-trace scope with no trace selected covers nothing.)
SpanScope spanScopeOf(FilterScope scope, const TraceSession& session);
// Whether a view in this scope must follow a change of selection, or of the trace-list filter.
bool followsSelection(FilterScope scope);
bool followsTraceFilter(FilterScope scope);
// Calls `recompute` (in `receiver`'s context) when the session's selection or trace-list filter
// changes what the view's current scope covers.
void recomputeWhenScopeMoves(QObject* receiver, const TraceSession& session, std::function<FilterScope()> scope,
    std::function<void()> recompute);
// The scope a box filled by addScopeItems shows.
FilterScope scopeIn(const QComboBox* box);

// The one filter bar of the trace list, the span table and the statistics: an optional scope,
// a query field in the language of docs/query.md (parsed here, applied a moment after typing
// stops or at once on Enter, with what is wrong shown in place), and a status such as
// "12 of 300". What a term means is up to the view: it compiles query() for its rows and
// reports a field or value it cannot take with showError().
class FilterBar : public QWidget
{
    Q_OBJECT

public:
    // `placeholder` shows an example query; `withScope` adds the scope box.
    FilterBar(const QString& placeholder, bool withScope, QWidget* parent = nullptr);

    const Query& query() const { return m_query; }
    QString text() const;
    // Sets the text and applies it at once (for tests, links and the command line).
    void setText(const QString& text);
    FilterScope scope() const;
    void setScope(FilterScope scope);
    void setStatus(const QString& status);
    void showError(const QueryError& error);
    QLineEdit* field() const { return m_field; }
    void focusField();

    static constexpr int debounceMs = 300;

signals:
    void queryChanged(const Spanwise::Query& query);
    void scopeChanged(Spanwise::FilterScope scope);

private:
    void apply();

    QComboBox* m_scope = nullptr;
    QLineEdit* m_field;
    QLabel* m_status;
    QTimer* m_debounce;
    Query m_query;
    QString m_help;
};

} // namespace Spanwise
