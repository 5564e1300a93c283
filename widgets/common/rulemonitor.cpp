#include "rulemonitor.h"

#include "backgroundwork.h"
#include "formatting.h"
#include "rules.h"
#include "tracesession.h"
#include "traceset.h"
#include "tracesetpresentation.h"

#include <cmath>

namespace Spanwise {
QString ruleValueText(const RuleResult& result)
{
    if (!result.value)
        return RuleMonitor::tr("no data");
    switch (result.unit) {
    case RuleUnit::Nanoseconds:
        return formatDuration(static_cast<std::int64_t>(std::llround(*result.value)));
    case RuleUnit::Ratio:
        return QString::number(100 * *result.value, 'f', 2) + QLatin1Char('%');
    case RuleUnit::Count:
        break;
    }
    return QString::number(*result.value, 'f', 0);
}

RuleMonitor::RuleMonitor(TraceSession* session, QObject* parent)
    : QObject(parent)
    , m_session(session)
    , m_work(new BackgroundWork(this))
{
    connect(m_session, &TraceSession::rulesChanged, this, &RuleMonitor::evaluate);
    connect(m_session, &TraceSession::loaded, this, &RuleMonitor::evaluate);
}

void RuleMonitor::evaluate()
{
    const auto presentation = m_session->presentation();
    std::vector<Rule> rules;
    for (const QString& text : m_session->rules())
        if (auto rule = parseRule(text.toStdString()))
            rules.push_back(std::move(*rule));
    if (!presentation || rules.empty()) {
        m_work->cancel();
        m_session->setRuleOutcomes({});
        return;
    }
    m_work->run(
        [presentation, rules](const WorkTicket&) {
            std::vector<TraceSession::RuleOutcome> outcomes;
            RuleEvaluator evaluator(presentation->set());
            for (const Rule& rule : rules) {
                const auto result = evaluator.evaluate(rule);
                outcomes.push_back({rule, result ? *result : RuleResult {}});
            }
            return outcomes;
        },
        [this](std::vector<TraceSession::RuleOutcome> outcomes) { m_session->setRuleOutcomes(std::move(outcomes)); });
}

std::vector<RuleViolation> violationsOf(const TraceSession& session)
{
    std::vector<RuleViolation> violations;
    for (const TraceSession::RuleOutcome& outcome : session.ruleOutcomes()) {
        if (outcome.result.pass)
            continue;
        RuleViolation v;
        v.text = RuleMonitor::tr("Rule failed: %1 (measured %2)")
                     .arg(toQString(outcome.rule.text), ruleValueText(outcome.result));
        if (outcome.rule.function == Rule::Function::Calls) {
            v.service = outcome.rule.from;
            v.callee = outcome.rule.to;
        }
        for (const QueryTerm& term : outcome.rule.selectors.terms) {
            if (term.key == "service")
                v.service = term.value.text;
            else if (term.key == "operation" || term.key == "name")
                v.operation = term.value.text;
        }
        violations.push_back(std::move(v));
    }
    return violations;
}

} // namespace Spanwise
