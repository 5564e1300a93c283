#pragma once

#include "ids.h"
#include "query.h"

#include <expected>
#include <vector>

namespace Spanwise {

class TraceSet;
struct TraceInfo;

// A query bound to one trace set, to test spans and traces (docs/query.md, "Spans and traces"):
// field names resolved to ids once, values checked against what each field takes. Free text
// and unknown field names are never errors (an unknown field is an attribute key); a value a
// field cannot take is, e.g. "duration>fast".
class SpanQuery
{
public:
    static std::expected<SpanQuery, QueryError> compile(const TraceSet& set, const Query& query);

    bool isEmpty() const { return m_terms.empty(); }
    // Every term holds on this span (a span's own duration).
    bool matches(SpanIndex span) const;
    // Every term holds on some span of the trace; `duration`, `start` and `spans` are the trace's.
    bool matches(const TraceInfo& trace) const;

    struct Term;

private:
    SpanQuery(const TraceSet& set, std::vector<Term> terms);
    bool holds(const Term& term, SpanIndex span) const;

    const TraceSet* m_set;
    std::vector<Term> m_terms;
};

struct SpanQuery::Term {
    enum class Field {
        Text,
        Service,
        Operation,
        Kind,
        Status,
        Error,
        Duration,
        TraceId,
        SpanId,
        File,
        Attribute,
        Spans,
        Start
    };
    Field field = Field::Text;
    QueryOp op = QueryOp::Text;
    std::string pattern;        // text fields, free text (lower-cased for free text)
    std::int64_t number = 0;    // Duration (ns), Start (ns since the epoch), Spans (count), Kind, Status
    bool boolean = false;       // Error
    bool numeric = false;       // Attribute: the value is a number
    double real = 0;            // Attribute: that number
    StringId key;               // Attribute: invalid when no span has the key
    std::vector<bool> services; // Service: which ServiceIds the pattern matches
};

// Per trace (by TraceIndex) and per span of `spans`: whether the query holds.
std::vector<bool> tracesMatching(const TraceSet& set, const SpanQuery& query);
// The same from a query's text: parsed, bound to the set and matched; or why it cannot be read.
std::expected<std::vector<bool>, QueryError> tracesMatching(const TraceSet& set, std::string_view text);
std::vector<bool> spansMatching(const SpanQuery& query, const std::vector<SpanIndex>& spans);

} // namespace Spanwise
