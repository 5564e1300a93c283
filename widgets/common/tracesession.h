#pragma once

#include "ids.h"
#include "rules.h"

#include <QObject>
#include <QStringList>

#include <memory>
#include <vector>

namespace Spanwise {

class TraceSetPresentation;

// The state every view follows: what is loaded (the presentation, the files, a title), where
// the user is (trace and span, with back/forward history), and the trace-list filter. Views
// read it and subscribe to its signals; they change it only through its methods, so the window
// never pushes state into a view and every view and the window title agree.
// (What loading skipped, the import reports, stays with the application, which knows importers.)
class TraceSession : public QObject
{
    Q_OBJECT

public:
    explicit TraceSession(QObject* parent = nullptr);

    void setLoaded(std::shared_ptr<const TraceSetPresentation> presentation, QStringList files, QString sourceName);
    const std::shared_ptr<const TraceSetPresentation>& presentation() const { return m_presentation; }
    // The same spans shown another way (the clock-skew correction on or off): views reload,
    // the selection, history and trace-list filter stay, as span and trace indexes do.
    void replacePresentation(std::shared_ptr<const TraceSetPresentation> presentation);
    const QStringList& files() const { return m_files; }
    TraceIndex trace() const { return m_current.trace; }
    SpanIndex span() const { return m_current.span; }
    QString title() const;

    // Navigation. Selecting a trace or opening a span is a step back() returns from;
    // selectSpan() only moves within the current step.
    void selectTrace(TraceIndex trace);
    void selectSpan(SpanIndex span);
    // Selects the span's trace and the span, and asks for the waterfall.
    void openSpan(SpanIndex span);
    bool canGoBack() const { return !m_back.empty(); }
    bool canGoForward() const { return !m_forward.empty(); }
    void back();
    void forward();

    // Asks for a view by its stable tab name (MainWindow::tabNames).
    void requestView(const QString& tab) { emit viewRequested(tab); }

    // Asks the compare view for two sides, each a query picking traces (docs/query.md).
    void requestComparison(const QString& queryA, const QString& queryB)
    {
        emit comparisonRequested(queryA, queryB);
        emit viewRequested(QStringLiteral("compare"));
    }

    // The way values are shown changed (the time zone): views re-show what they hold.
    void notifyDisplayOptionsChanged() { emit displayOptionsChanged(); }

    // Asks for the statistics of one service (over everything loaded).
    void showServiceStatistics(ServiceId service);

    const QString& traceFilter() const { return m_traceFilter; }
    void setTraceFilter(const QString& query);
    // The traces the trace-list filter passes, by TraceIndex (null: every trace), as the trace
    // list last computed them: the "Traces matching the filter" scope of other views.
    const std::shared_ptr<const std::vector<bool>>& matchingTraces() const { return m_matching; }
    void setMatchingTraces(std::shared_ptr<const std::vector<bool>> matching);

    // Alert rules (docs/analysis.md) and how they fared on what is loaded: the statistics table
    // and the map mark what a failing rule is about.
    struct RuleOutcome {
        Rule rule;
        RuleResult result;
    };
    const QStringList& rules() const { return m_rules; }
    void setRules(const QStringList& rules);
    const std::vector<RuleOutcome>& ruleOutcomes() const { return m_ruleOutcomes; }
    void setRuleOutcomes(std::vector<RuleOutcome> outcomes);

signals:
    // A new load replaced what was shown; the selection is cleared (navigated follows).
    void loaded(const std::shared_ptr<const Spanwise::TraceSetPresentation>& presentation);
    // The current trace or span changed (by any path: list, link, back/forward).
    void navigated(Spanwise::TraceIndex trace, Spanwise::SpanIndex span);
    void historyChanged();
    void titleChanged(const QString& title);
    void traceFilterChanged(const QString& query);
    void matchingTracesChanged();
    void rulesChanged(const QStringList& rules);
    void ruleOutcomesChanged();
    // A request to bring a view to the front, by its stable tab name (see MainWindow::tabNames).
    void viewRequested(const QString& tab);
    void displayOptionsChanged();
    void comparisonRequested(const QString& queryA, const QString& queryB);
    void serviceStatisticsRequested(Spanwise::ServiceId service);

private:
    struct Place {
        TraceIndex trace;
        SpanIndex span;
        bool operator==(const Place&) const = default;
    };
    void go(Place place, bool record);
    bool isOurs(TraceIndex trace) const;

    std::shared_ptr<const TraceSetPresentation> m_presentation;
    QStringList m_files;
    QString m_sourceName;
    Place m_current;
    std::vector<Place> m_back;
    std::vector<Place> m_forward;
    QString m_traceFilter;
    std::shared_ptr<const std::vector<bool>> m_matching;
    QStringList m_rules;
    std::vector<RuleOutcome> m_ruleOutcomes;
};

} // namespace Spanwise
