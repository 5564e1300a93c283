#pragma once

#include "query.h"

#include <expected>
#include <vector>

namespace Spanwise {

class TraceSet;
struct OperationStats;

// A query over the rows of the statistics table (docs/query.md, "Statistics"): a row is a
// group of spans, so its fields are the group's figures (count, errors, p50…max) and names
// (service, operation, value). Free text matches the names.
class StatsQuery
{
public:
    static std::expected<StatsQuery, QueryError> compile(const Query& query);

    bool isEmpty() const { return m_terms.empty(); }
    bool matches(const TraceSet& set, const OperationStats& row) const;

    struct Term {
        enum class Field {
            Text,
            Service,
            Operation,
            Value,
            Count,
            Errors,
            ErrorRate,
            Min,
            P50,
            P90,
            P95,
            P99,
            Max,
            Mean
        };
        Field field = Field::Text;
        QueryOp op = QueryOp::Text;
        std::string pattern;
        double number = 0; // counts, nanoseconds, or a rate 0..1
    };

private:
    explicit StatsQuery(std::vector<Term> terms)
        : m_terms(std::move(terms))
    { }
    std::vector<Term> m_terms;
};

} // namespace Spanwise
