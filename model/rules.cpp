#include "rules.h"

#include "dependencygraph.h"
#include "operationstats.h"
#include "spanquery.h"
#include "traceset.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <cmath>

namespace Spanwise {
namespace {

struct FunctionName {
    std::string_view name;
    Rule::Function function;
};

constexpr std::array functionNames {FunctionName {"p50", Rule::Function::P50},
    FunctionName {"p90", Rule::Function::P90}, FunctionName {"p95", Rule::Function::P95},
    FunctionName {"p99", Rule::Function::P99}, FunctionName {"min", Rule::Function::Min},
    FunctionName {"max", Rule::Function::Max}, FunctionName {"mean", Rule::Function::Mean},
    FunctionName {"error_rate", Rule::Function::ErrorRate}, FunctionName {"spans", Rule::Function::Spans},
    FunctionName {"calls", Rule::Function::Calls}};

// A cursor over the rule's text that reports where it is, 1-based.
class Reader
{
public:
    explicit Reader(std::string_view text)
        : m_text(text)
    { }
    void skipSpaces()
    {
        while (m_at < m_text.size() && std::isspace(static_cast<unsigned char>(m_text[m_at])))
            ++m_at;
    }
    bool take(std::string_view what)
    {
        skipSpaces();
        if (m_text.substr(m_at, what.size()) != what)
            return false;
        m_at += what.size();
        return true;
    }
    std::string word()
    {
        skipSpaces();
        const std::size_t start = m_at;
        while (m_at < m_text.size() &&
            (std::isalnum(static_cast<unsigned char>(m_text[m_at])) || m_text[m_at] == '_' || m_text[m_at] == '.'))
            ++m_at;
        return std::string(m_text.substr(start, m_at - start));
    }
    std::optional<std::string> quoted()
    {
        skipSpaces();
        if (m_at >= m_text.size() || m_text[m_at] != '"')
            return std::nullopt;
        std::string out;
        for (++m_at; m_at < m_text.size() && m_text[m_at] != '"'; ++m_at) {
            if (m_text[m_at] == '\\' && m_at + 1 < m_text.size())
                ++m_at;
            out += m_text[m_at];
        }
        if (m_at >= m_text.size())
            return std::nullopt;
        ++m_at;
        return out;
    }
    std::string_view rest() const { return m_text.substr(m_at); }
    std::size_t column() const { return m_at + 1; }
    bool atEnd()
    {
        skipSpaces();
        return m_at >= m_text.size();
    }

private:
    std::string_view m_text;
    std::size_t m_at = 0;
};

std::unexpected<RuleError> failAt(const Reader& reader, std::string message)
{
    return std::unexpected(RuleError {std::move(message), reader.column()});
}

std::string trimmed(std::string_view text)
{
    while (!text.empty() && std::isspace(static_cast<unsigned char>(text.front())))
        text.remove_prefix(1);
    while (!text.empty() && std::isspace(static_cast<unsigned char>(text.back())))
        text.remove_suffix(1);
    return std::string(text);
}

} // namespace

RuleUnit unitOf(Rule::Function function)
{
    switch (function) {
    case Rule::Function::ErrorRate:
        return RuleUnit::Ratio;
    case Rule::Function::Spans:
    case Rule::Function::Calls:
        return RuleUnit::Count;
    default:
        return RuleUnit::Nanoseconds;
    }
}

std::expected<Rule, RuleError> parseRule(std::string_view text)
{
    Rule rule;
    rule.text = trimmed(text);
    Reader reader(text);
    reader.skipSpaces();
    const std::string name = reader.word();
    const auto* known = std::ranges::find_if(functionNames, [&](const FunctionName& f) { return f.name == name; });
    if (known == functionNames.end())
        return std::unexpected(RuleError {
            "a rule starts with p50, p90, p95, p99, min, max, mean, error_rate, spans or calls, not '" + name + "'",
            1});
    rule.function = known->function;
    if (!reader.take("("))
        return failAt(reader, "'" + name + "' needs '(' after it");
    if (rule.function == Rule::Function::Calls) {
        const auto from = reader.quoted();
        if (!from)
            return failAt(reader, "calls(\"caller\" -> \"callee\") needs the caller's name in quotes");
        if (!reader.take("->"))
            return failAt(reader, "calls(…) needs '->' between the two services");
        const auto to = reader.quoted();
        if (!to)
            return failAt(reader, "calls(…) needs the callee's name in quotes");
        rule.from = *from;
        rule.to = *to;
    } else {
        // key="value", key="value"… — the query language's terms, comma-separated here.
        reader.skipSpaces();
        while (!reader.take(")")) {
            if (!rule.selectors.terms.empty() && !reader.take(","))
                return failAt(reader, "selectors are separated by ',' and closed by ')'");
            const std::size_t column = reader.column();
            const std::string key = reader.word();
            if (key.empty())
                return failAt(reader, "a selector is key=\"value\", e.g. service=\"checkout\"");
            if (!reader.take("="))
                return failAt(reader, "'" + key + "' needs '=' and a quoted value");
            const auto value = reader.quoted();
            if (!value)
                return failAt(reader, "the value of '" + key + "' goes in double quotes");
            rule.selectors.terms.push_back({key, QueryOp::Equal, {*value, QueryUnit::Text, 0}, column - 1});
            reader.skipSpaces();
        }
    }
    if (rule.function == Rule::Function::Calls && !reader.take(")"))
        return failAt(reader, "calls(…) is closed by ')'");
    // The comparison: the query language's operators and values.
    reader.skipSpaces();
    const std::size_t opColumn = reader.column();
    static constexpr std::array<std::pair<std::string_view, QueryOp>, 7> ops {
        {{"<=", QueryOp::LessOrEqual}, {">=", QueryOp::GreaterOrEqual}, {"!=", QueryOp::NotEqual},
            {"==", QueryOp::Equal}, {"<", QueryOp::Less}, {">", QueryOp::Greater}, {"=", QueryOp::Equal}}};
    const auto* op = std::ranges::find_if(ops, [&](const auto& o) { return reader.take(o.first); });
    if (op == ops.end())
        return std::unexpected(RuleError {"a comparison (<, <=, >, >=, =, !=) comes after ')'", opColumn});
    rule.op = op->second;
    reader.skipSpaces();
    const std::size_t valueColumn = reader.column();
    const std::string valueText = trimmed(reader.rest());
    if (valueText.empty())
        return std::unexpected(RuleError {"the comparison needs a value", valueColumn});
    // Read as the value of a query term, so units are the query language's.
    const auto parsedValue = parseQuery("x=" + valueText);
    if (!parsedValue || parsedValue->terms.size() != 1)
        return std::unexpected(RuleError {"one value after the comparison, such as 300ms, 1% or 100", valueColumn});
    const QueryValue value = parsedValue->terms[0].value;
    switch (unitOf(rule.function)) {
    case RuleUnit::Nanoseconds: {
        const auto ns = durationValue(value);
        if (!ns)
            return std::unexpected(RuleError {"'" + name + "' is compared with a duration such as 300ms", valueColumn});
        rule.threshold = static_cast<double>(*ns);
        break;
    }
    case RuleUnit::Ratio:
        if (value.unit == QueryUnit::Percent)
            rule.threshold = value.number / 100;
        else if (value.unit == QueryUnit::Number)
            rule.threshold = value.number;
        else
            return std::unexpected(RuleError {
                "error_rate is compared with a percentage such as 1% or a fraction such as 0.01", valueColumn});
        break;
    case RuleUnit::Count:
        if (value.unit != QueryUnit::Number)
            return std::unexpected(RuleError {"'" + name + "' is compared with a count such as 100", valueColumn});
        rule.threshold = value.number;
        break;
    }
    return rule;
}

std::expected<RuleResult, RuleError> evaluateRule(const TraceSet& set, const Rule& rule, bool allowEmpty)
{
    return RuleEvaluator(set).evaluate(rule, allowEmpty);
}

RuleEvaluator::RuleEvaluator(const TraceSet& set)
    : m_set(set)
{ }

RuleEvaluator::~RuleEvaluator() = default;

std::expected<RuleResult, RuleError> RuleEvaluator::evaluate(const Rule& rule, bool allowEmpty)
{
    const TraceSet& set = m_set;
    RuleResult result;
    result.unit = unitOf(rule.function);
    if (rule.function == Rule::Function::Calls) {
        // Calls as the dependency map counts them, uninstrumented peers included.
        if (!m_graph)
            m_graph = std::make_unique<DependencyGraph>(computeDependencyGraph(set));
        const DependencyGraph& graph = *m_graph;
        const auto from = graph.findNode(rule.from), to = graph.findNode(rule.to);
        double calls = 0;
        for (const DependencyEdge& e : graph.edges)
            if (from && to && e.from == *from && e.to == *to)
                calls += static_cast<double>(e.calls);
        result.value = calls;
    } else {
        const auto query = SpanQuery::compile(set, rule.selectors);
        if (!query)
            return std::unexpected(RuleError {query.error().message, query.error().position + 1});
        std::vector<std::int64_t> durations;
        std::uint64_t spans = 0, errors = 0;
        for (std::uint32_t i = 0; i < set.spans().size(); ++i) {
            if (!query->matches(SpanIndex {i}))
                continue;
            const Span& span = set.span(SpanIndex {i});
            ++spans;
            errors += span.isError() ? 1 : 0;
            if (span.hasTime())
                durations.push_back(span.durationNs);
        }
        std::sort(durations.begin(), durations.end());
        const auto percentile = [&](double p) -> std::optional<double> {
            if (durations.empty())
                return std::nullopt;
            return static_cast<double>(percentileOfSorted(durations, p));
        };
        switch (rule.function) {
        case Rule::Function::P50:
            result.value = percentile(50);
            break;
        case Rule::Function::P90:
            result.value = percentile(90);
            break;
        case Rule::Function::P95:
            result.value = percentile(95);
            break;
        case Rule::Function::P99:
            result.value = percentile(99);
            break;
        case Rule::Function::Min:
            result.value = durations.empty() ? std::nullopt : std::optional(static_cast<double>(durations.front()));
            break;
        case Rule::Function::Max:
            result.value = durations.empty() ? std::nullopt : std::optional(static_cast<double>(durations.back()));
            break;
        case Rule::Function::Mean: {
            if (!durations.empty()) {
                double total = 0;
                for (const std::int64_t d : durations)
                    total += static_cast<double>(d);
                result.value = total / static_cast<double>(durations.size());
            }
            break;
        }
        case Rule::Function::ErrorRate:
            if (spans > 0)
                result.value = static_cast<double>(errors) / static_cast<double>(spans);
            break;
        case Rule::Function::Spans:
            result.value = static_cast<double>(spans);
            if (spans == 0)
                result.value.reset();
            break;
        case Rule::Function::Calls:
            break;
        }
    }
    if (!result.value) {
        result.pass = allowEmpty;
        return result;
    }
    result.pass = compareWith(*result.value, rule.op, rule.threshold);
    return result;
}

} // namespace Spanwise
