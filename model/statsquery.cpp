#include "statsquery.h"

#include "operationstats.h"
#include "traceset.h"

#include <algorithm>
#include <array>

namespace Spanwise {
namespace {

using Field = StatsQuery::Term::Field;

struct FieldName {
    std::string_view name;
    Field field;
};

constexpr std::array fieldNames {FieldName {"service", Field::Service}, FieldName {"operation", Field::Operation},
    FieldName {"name", Field::Operation}, FieldName {"value", Field::Value}, FieldName {"count", Field::Count},
    FieldName {"errors", Field::Errors}, FieldName {"min", Field::Min}, FieldName {"p50", Field::P50},
    FieldName {"p90", Field::P90}, FieldName {"p95", Field::P95}, FieldName {"p99", Field::P99},
    FieldName {"max", Field::Max}, FieldName {"mean", Field::Mean}};

bool isDurationField(Field f)
{
    return f == Field::Min || f == Field::P50 || f == Field::P90 || f == Field::P95 || f == Field::P99 ||
        f == Field::Max || f == Field::Mean;
}

std::string fieldList()
{
    std::string out;
    for (const FieldName& f : fieldNames)
        out += (out.empty() ? "" : ", ") + std::string(f.name);
    return out;
}

double figure(const OperationStats& row, Field field)
{
    switch (field) {
    case Field::Count:
        return static_cast<double>(row.count);
    case Field::Errors:
        return static_cast<double>(row.errors);
    case Field::ErrorRate:
        return row.errorRate();
    case Field::Min:
        return static_cast<double>(row.minNs);
    case Field::P50:
        return static_cast<double>(row.p50Ns);
    case Field::P90:
        return static_cast<double>(row.p90Ns);
    case Field::P95:
        return static_cast<double>(row.p95Ns);
    case Field::P99:
        return static_cast<double>(row.p99Ns);
    case Field::Max:
        return static_cast<double>(row.maxNs);
    case Field::Mean:
        return row.meanNs;
    default:
        return 0;
    }
}

} // namespace

std::expected<StatsQuery, QueryError> StatsQuery::compile(const Query& query)
{
    std::vector<Term> terms;
    for (const QueryTerm& qt : query.terms) {
        Term term;
        term.op = qt.op;
        term.pattern = qt.value.text;
        if (qt.op != QueryOp::Text) {
            const auto* named = std::ranges::find_if(
                fieldNames, [&](const FieldName& f) { return equalsIgnoringCase(f.name, qt.key); });
            if (named == fieldNames.end())
                return std::unexpected(QueryError {
                    "statistics rows have no field '" + qt.key + "': use one of " + fieldList(), qt.position});
            term.field = named->field;
            const bool text =
                term.field == Field::Service || term.field == Field::Operation || term.field == Field::Value;
            if (text && isOrdering(qt.op))
                return std::unexpected(QueryError {"'" + qt.key + "' is text: compare it with = or !=", qt.position});
            if (isDurationField(term.field)) {
                const auto ns = durationValue(qt.value);
                if (!ns)
                    return std::unexpected(QueryError {"'" + qt.key + "' takes a duration such as 250ms", qt.position});
                term.number = static_cast<double>(*ns);
            } else if (term.field == Field::Errors && qt.value.unit == QueryUnit::Percent) {
                term.field = Field::ErrorRate;
                term.number = qt.value.number / 100;
            } else if (!text) {
                if (qt.value.unit != QueryUnit::Number)
                    return std::unexpected(QueryError {"'" + qt.key + "' takes a number" +
                            (term.field == Field::Errors ? " or a percentage such as 5%" : ""),
                        qt.position});
                term.number = qt.value.number;
            }
        }
        terms.push_back(std::move(term));
    }
    return StatsQuery(std::move(terms));
}

bool StatsQuery::matches(const TraceSet& set, const OperationStats& row) const
{
    const std::string_view service = row.service.isValid() ? set.serviceName(row.service) : std::string_view {};
    const std::string_view operation = row.operation.isValid() ? set.text(row.operation) : std::string_view {};
    for (const Term& term : m_terms) {
        bool holds = false;
        switch (term.field) {
        case Field::Text:
            holds = containsIgnoringCase(service, term.pattern) || containsIgnoringCase(operation, term.pattern) ||
                containsIgnoringCase(row.value, term.pattern);
            break;
        case Field::Service:
        case Field::Operation:
        case Field::Value: {
            const std::string_view subject = term.field == Field::Service ? service
                : term.field == Field::Operation                          ? operation
                                                                          : row.value;
            holds = globMatches(subject, term.pattern) != (term.op == QueryOp::NotEqual);
            break;
        }
        default:
            holds = compareWith(figure(row, term.field), term.op, term.number);
        }
        if (!holds)
            return false;
    }
    return true;
}

} // namespace Spanwise
