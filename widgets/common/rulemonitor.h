#pragma once

#include <QObject>
#include <QString>

#include <string>
#include <vector>

namespace Spanwise {

class BackgroundWork;
class TraceSession;
struct Rule;
struct RuleResult;

// Keeps the session's rule outcomes current: evaluates its rules (docs/analysis.md) in the
// background whenever the rules or what is loaded change.
class RuleMonitor : public QObject
{
    Q_OBJECT

public:
    explicit RuleMonitor(TraceSession* session, QObject* parent = nullptr);

private:
    void evaluate();

    TraceSession* m_session;
    BackgroundWork* m_work;
};

// What a failing rule is about, for views to mark: its service and operation selectors (empty
// when the rule has none) and one line saying what failed.
struct RuleViolation {
    std::string service;
    std::string operation;
    std::string callee; // calls("A" -> "B"): B, with A in `service`
    QString text;
};
std::vector<RuleViolation> violationsOf(const TraceSession& session);

// A rule's measured value as people read it: 287 ms, 4.17%, 1204, or "no data".
QString ruleValueText(const RuleResult& result);

} // namespace Spanwise
