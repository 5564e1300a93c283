#pragma once

#include "query.h"

#include <expected>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace Spanwise {

class TraceSet;
struct DependencyGraph;

// Alert rules over loaded spans (docs/analysis.md, "Rules"), for release gates and CI:
//   p95(service="checkout") < 300ms        p99(operation="GET /api/orders") < 1s
//   error_rate(service="payments") < 1%    calls("frontend" -> "payments") > 0
//   spans(service="x") > 100               p50(service="api", kind="server") <= 20ms
// A function of the spans its selectors pick (the query language's key="value" terms, all of
// which must hold), compared with a value. Percentiles are the statistics table's: the
// nearest rank over the sorted durations of the spans that have a time.
struct Rule {
    enum class Function { P50, P90, P95, P99, Min, Max, Mean, ErrorRate, Spans, Calls };
    std::string text; // as written, trimmed
    Function function = Function::P95;
    Query selectors;      // for every function but Calls
    std::string from, to; // for Calls: the caller and the callee
    QueryOp op = QueryOp::Less;
    double threshold = 0; // nanoseconds, a ratio 0..1, or a count
};

enum class RuleUnit { Nanoseconds, Ratio, Count };

struct RuleError {
    std::string message;
    std::size_t column = 1; // 1-based, in the rule's text
};

std::expected<Rule, RuleError> parseRule(std::string_view text);
RuleUnit unitOf(Rule::Function function);

struct RuleResult {
    std::optional<double> value; // none: no span matched ("no data")
    bool pass = false;
    RuleUnit unit = RuleUnit::Count;
};

// Evaluates a rule over every loaded span. A rule no span matches fails, unless allowEmpty.
// A selector whose value a field cannot take (kind="sideways") is an error.
std::expected<RuleResult, RuleError> evaluateRule(const TraceSet& set, const Rule& rule, bool allowEmpty = false);

// Evaluates several rules over one set: the dependency map that calls(…) rules read is
// computed once, on the first of them.
class RuleEvaluator
{
public:
    explicit RuleEvaluator(const TraceSet& set);
    ~RuleEvaluator();
    std::expected<RuleResult, RuleError> evaluate(const Rule& rule, bool allowEmpty = false);

private:
    const TraceSet& m_set;
    std::unique_ptr<DependencyGraph> m_graph;
};

} // namespace Spanwise
