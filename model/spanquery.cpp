#include "spanquery.h"

#include "attributetext.h"
#include "hexid.h"
#include "timestamptext.h"
#include "traceset.h"

#include <algorithm>
#include <array>
#include <cassert>

namespace Spanwise {
namespace {

using Field = SpanQuery::Term::Field;

struct FieldName {
    std::string_view name;
    Field field;
};

constexpr std::array fieldNames {FieldName {"service", Field::Service}, FieldName {"operation", Field::Operation},
    FieldName {"name", Field::Operation}, FieldName {"kind", Field::Kind}, FieldName {"status", Field::Status},
    FieldName {"error", Field::Error}, FieldName {"duration", Field::Duration}, FieldName {"trace", Field::TraceId},
    FieldName {"traceid", Field::TraceId}, FieldName {"span", Field::SpanId}, FieldName {"spanid", Field::SpanId},
    FieldName {"file", Field::File}, FieldName {"spans", Field::Spans}, FieldName {"start", Field::Start}};

constexpr std::array<std::string_view, 6> kindNames {
    "unspecified", "internal", "server", "client", "producer", "consumer"};
constexpr std::array<std::string_view, 3> statusNames {"unset", "ok", "error"};

std::string lowered(std::string_view text)
{
    std::string out(text);
    std::transform(out.begin(), out.end(), out.begin(), [](unsigned char c) { return char(std::tolower(c)); });
    return out;
}

QueryError errorAt(const QueryTerm& term, std::string message)
{
    return QueryError {std::move(message), term.position};
}

template <std::size_t N>
std::optional<std::int64_t> indexOfName(const std::array<std::string_view, N>& names, std::string_view text)
{
    for (std::size_t i = 0; i < N; ++i)
        if (equalsIgnoringCase(names[i], text))
            return static_cast<std::int64_t>(i);
    return std::nullopt;
}

template <std::size_t N> std::string joined(const std::array<std::string_view, N>& names)
{
    std::string out;
    for (const std::string_view name : names)
        out += (out.empty() ? "" : ", ") + std::string(name);
    return out;
}

bool textHolds(std::string_view subject, QueryOp op, std::string_view pattern)
{
    const bool match = globMatches(subject, pattern);
    return op == QueryOp::NotEqual ? !match : match;
}

std::expected<SpanQuery::Term, QueryError> bind(const TraceSet& set, const QueryTerm& qt)
{
    SpanQuery::Term term;
    term.op = qt.op;
    if (qt.op == QueryOp::Text) {
        term.pattern = lowered(qt.value.text);
        return term;
    }
    term.field = Field::Attribute;
    for (const FieldName& f : fieldNames)
        if (equalsIgnoringCase(f.name, qt.key))
            term.field = f.field;
    const std::string& v = qt.value.text;
    const bool ordering = isOrdering(qt.op);
    switch (term.field) {
    case Field::Service:
    case Field::Operation:
    case Field::TraceId:
    case Field::SpanId:
    case Field::File:
        if (ordering)
            return std::unexpected(errorAt(qt, "'" + qt.key + "' is text: compare it with = or !="));
        term.pattern = v;
        if (term.field == Field::Service) {
            term.services.resize(set.serviceNames().size());
            for (std::uint32_t s = 0; s < term.services.size(); ++s)
                term.services[s] = globMatches(set.serviceName(ServiceId {s}), v);
        }
        return term;
    case Field::Kind:
    case Field::Status: {
        const auto value = term.field == Field::Kind ? indexOfName(kindNames, v) : indexOfName(statusNames, v);
        if (ordering || !value)
            return std::unexpected(errorAt(qt,
                "'" + qt.key + "' is one of " + (term.field == Field::Kind ? joined(kindNames) : joined(statusNames)) +
                    ", compared with = or !="));
        term.number = *value;
        return term;
    }
    case Field::Error:
        if (ordering || !(equalsIgnoringCase(v, "true") || equalsIgnoringCase(v, "false")))
            return std::unexpected(errorAt(qt, "'error' is true or false, compared with = or !="));
        term.boolean = equalsIgnoringCase(v, "true");
        return term;
    case Field::Duration: {
        const auto ns = durationValue(qt.value);
        if (!ns)
            return std::unexpected(errorAt(qt, "'duration' takes a duration such as 250ms, 1.5s or 300us"));
        term.number = *ns;
        return term;
    }
    case Field::Start: {
        // A time (UTC unless it says otherwise), or an offset from the first loaded trace's start.
        if (qt.value.unit == QueryUnit::Text) {
            const auto ns = parseTimestampNs(v);
            if (!ns)
                return std::unexpected(errorAt(qt,
                    "'start' takes a time such as 2024-05-01T10:42:03Z or an offset "
                    "from the first trace's start such as 90s"));
            term.number = *ns;
            return term;
        }
        const auto offset = durationValue(qt.value);
        if (!offset)
            return std::unexpected(errorAt(qt, "'start' takes a time or an offset such as 90s"));
        std::int64_t first = 0;
        bool any = false;
        for (const TraceInfo& trace : set.traces())
            if (trace.hasTime && (!any || trace.startNs < first)) {
                first = trace.startNs;
                any = true;
            }
        term.number = first + *offset;
        return term;
    }
    case Field::Spans:
        if (qt.value.unit != QueryUnit::Number)
            return std::unexpected(errorAt(qt, "'spans' takes a count such as 100"));
        term.number = static_cast<std::int64_t>(qt.value.number);
        return term;
    case Field::Attribute:
        term.key = set.strings().find(qt.key);
        term.pattern = v;
        term.numeric = qt.value.unit == QueryUnit::Number;
        term.real = qt.value.number;
        if (ordering && !term.numeric)
            return std::unexpected(errorAt(qt,
                "'" + std::string(opText(qt.op)) + "' compares numbers: '" + v +
                    "' is not one (a duration or percentage is not an attribute value)"));
        return term;
    case Field::Text:
        break;
    }
    assert(false && "every field is bound above");
    return term;
}

// Whether `holds` is true of one of the span's own attributes or its resource's (Jaeger's process
// tags): a filter on `host.name` or `k8s.pod.name` finds the spans of that process.
template <typename Predicate> bool anyAttribute(const TraceSet& set, const Span& span, Predicate holds)
{
    if (std::ranges::any_of(set.attributes(span.attributes), holds))
        return true;
    return span.resource.isValid() &&
        std::ranges::any_of(set.attributes(set.resource(span.resource).attributes), holds);
}

bool attributeEquals(const TraceSet& set, const Attribute& a, const SpanQuery::Term& term)
{
    if (term.pattern == "*")
        return true;
    if (term.numeric && a.type() == AttributeType::Int)
        return static_cast<double>(a.integer) == term.real;
    if (term.numeric && a.type() == AttributeType::Double)
        return a.real == term.real;
    return globMatches(attributeText(set, a), term.pattern);
}

bool attributeOrders(const Attribute& a, const SpanQuery::Term& term)
{
    if (a.type() == AttributeType::Int)
        return compareWith(static_cast<double>(a.integer), term.op, term.real);
    if (a.type() == AttributeType::Double)
        return compareWith(a.real, term.op, term.real);
    return false;
}

bool freeTextIn(const TraceSet& set, const Attribute& a, std::string_view needle, int depth = 0)
{
    if (containsIgnoringCase(set.text(a.key()), needle))
        return true;
    switch (a.type()) {
    case AttributeType::String:
        return containsIgnoringCase(set.text(a.text), needle);
    case AttributeType::Array:
    case AttributeType::KeyValueList:
        if (depth < 8)
            for (const Attribute& child : set.attributes(a.children))
                if (freeTextIn(set, child, needle, depth + 1))
                    return true;
        return false;
    case AttributeType::Int:
    case AttributeType::Bool:
    case AttributeType::Double:
        return containsIgnoringCase(attributeText(set, a), needle);
    default:
        return false;
    }
}

bool fileNameHolds(const TraceSet& set, SpanIndex span, std::string_view needle)
{
    const FileIndex file = set.fileOf(span);
    return file.isValid() && containsIgnoringCase(set.files()[file.value], needle);
}

} // namespace

SpanQuery::SpanQuery(const TraceSet& set, std::vector<Term> terms)
    : m_set(&set)
    , m_terms(std::move(terms))
{ }

std::expected<SpanQuery, QueryError> SpanQuery::compile(const TraceSet& set, const Query& query)
{
    std::vector<Term> terms;
    for (const QueryTerm& qt : query.terms) {
        auto term = bind(set, qt);
        if (!term)
            return std::unexpected(term.error());
        terms.push_back(std::move(*term));
    }
    return SpanQuery(set, std::move(terms));
}

bool SpanQuery::holds(const Term& term, SpanIndex index) const
{
    const TraceSet& set = *m_set;
    const Span& span = set.span(index);
    switch (term.field) {
    case Field::Text: {
        const std::string_view needle = term.pattern;
        if (containsIgnoringCase(set.serviceName(span.service), needle) ||
            containsIgnoringCase(set.text(span.operation), needle) ||
            containsIgnoringCase(formatSpanId(span.spanId), needle) ||
            containsIgnoringCase(formatTraceId(span.traceId), needle) ||
            (span.statusMessage.isValid() && containsIgnoringCase(set.text(span.statusMessage), needle)) ||
            fileNameHolds(set, index, needle))
            return true;
        if (anyAttribute(set, span, [&](const Attribute& a) { return freeTextIn(set, a, needle); }))
            return true;
        for (const Event& event : set.events(span.events)) {
            if (containsIgnoringCase(set.text(event.name), needle))
                return true;
            for (const Attribute& a : set.attributes(event.attributes))
                if (freeTextIn(set, a, needle))
                    return true;
        }
        return false;
    }
    case Field::Service: {
        const bool match = span.service.value < term.services.size() && term.services[span.service.value];
        return term.op == QueryOp::NotEqual ? !match : match;
    }
    case Field::Operation:
        return textHolds(set.text(span.operation), term.op, term.pattern);
    case Field::TraceId:
        return textHolds(formatTraceId(span.traceId), term.op, term.pattern);
    case Field::SpanId:
        return textHolds(formatSpanId(span.spanId), term.op, term.pattern);
    case Field::File: {
        // The file's name without its folder, so `file=before.json` and `file=*.zst` read well.
        // (A ternary with "" would make a temporary std::string and leave the view dangling.)
        std::string_view path;
        if (const FileIndex file = set.fileOf(index); file.isValid())
            path = set.files()[file.value];
        return textHolds(path.substr(path.find_last_of('/') + 1), term.op, term.pattern);
    }
    case Field::Kind:
        return compareWith(static_cast<std::int64_t>(span.kind), term.op, term.number);
    case Field::Status:
        return compareWith(static_cast<std::int64_t>(span.status), term.op, term.number);
    case Field::Error:
        return compareWith(span.isError(), term.op, term.boolean);
    case Field::Duration:
        return span.hasTime() && compareWith(span.durationNs, term.op, term.number);
    case Field::Start:
        return span.hasTime() && compareWith(span.startNs, term.op, term.number);
    case Field::Spans:
        return true; // a trace's figure: every span of a passing trace passes
    case Field::Attribute: {
        if (!term.key.isValid())
            return term.op == QueryOp::NotEqual;
        if (term.op == QueryOp::Equal || term.op == QueryOp::NotEqual) {
            const bool found = anyAttribute(
                set, span, [&](const Attribute& a) { return a.key() == term.key && attributeEquals(set, a, term); });
            return term.op == QueryOp::Equal ? found : !found;
        }
        return anyAttribute(
            set, span, [&](const Attribute& a) { return a.key() == term.key && attributeOrders(a, term); });
    }
    }
    return false;
}

bool SpanQuery::matches(SpanIndex span) const
{
    return std::ranges::all_of(m_terms, [&](const Term& term) { return holds(term, span); });
}

bool SpanQuery::matches(const TraceInfo& trace) const
{
    const auto spans = m_set->forest().spansOf(trace);
    for (const Term& term : m_terms) {
        bool holdsHere = false;
        if (term.field == Field::Duration)
            holdsHere = trace.hasTime && compareWith(trace.durationNs(), term.op, term.number);
        else if (term.field == Field::Spans)
            holdsHere = compareWith(static_cast<std::int64_t>(trace.spanCount()), term.op, term.number);
        else if (term.field == Field::Start)
            holdsHere = trace.hasTime && compareWith(trace.startNs, term.op, term.number);
        else
            holdsHere = std::ranges::any_of(spans, [&](SpanIndex s) { return holds(term, s); });
        if (!holdsHere)
            return false;
    }
    return true;
}

std::vector<bool> tracesMatching(const TraceSet& set, const SpanQuery& query)
{
    const auto traces = set.traces();
    std::vector<bool> passing(traces.size(), true);
    if (!query.isEmpty())
        for (std::size_t t = 0; t < traces.size(); ++t)
            passing[t] = query.matches(traces[t]);
    return passing;
}

std::expected<std::vector<bool>, QueryError> tracesMatching(const TraceSet& set, std::string_view text)
{
    const auto query = parseQuery(text);
    if (!query)
        return std::unexpected(query.error());
    const auto bound = SpanQuery::compile(set, *query);
    if (!bound)
        return std::unexpected(bound.error());
    return tracesMatching(set, *bound);
}

std::vector<bool> spansMatching(const SpanQuery& query, const std::vector<SpanIndex>& spans)
{
    std::vector<bool> passing(spans.size(), true);
    if (!query.isEmpty())
        for (std::size_t i = 0; i < spans.size(); ++i)
            passing[i] = query.matches(spans[i]);
    return passing;
}

} // namespace Spanwise
