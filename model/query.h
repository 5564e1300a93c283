#pragma once

#include <cstdint>
#include <expected>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace Spanwise {

// The one filter language of Spanwise (docs/query.md): the trace list, the span table, the
// statistics, the in-trace search and alert rules all parse with this and differ only in what
// a field means where (spanquery.h, statsquery.h). A query is terms, all of which must hold:
//   checkout  "GET /cart"  service=front*  duration>250ms  http.status_code>=500  errors>5%

enum class QueryOp : std::uint8_t { Text, Equal, NotEqual, Less, LessOrEqual, Greater, GreaterOrEqual };

// What a value's form made of it: "x" or "GET /a" is Text, "42" a Number, "250ms" a
// Duration (in nanoseconds), "5%" a Percent.
enum class QueryUnit : std::uint8_t { Text, Number, Duration, Percent };

struct QueryValue {
    std::string text; // as written, without quotes
    QueryUnit unit = QueryUnit::Text;
    double number = 0; // Number as written, Duration in nanoseconds, Percent 0..100
};

struct QueryTerm {
    std::string key; // empty for free text
    QueryOp op = QueryOp::Text;
    QueryValue value;
    std::size_t position = 0; // byte offset of the term in the query, for messages
};

struct QueryError {
    std::string message;
    std::size_t position = 0;
};

struct Query {
    std::vector<QueryTerm> terms;
    bool isEmpty() const { return terms.empty(); }
};

std::expected<Query, QueryError> parseQuery(std::string_view text);

// A value a duration field can take: a Duration, or a plain Number read as milliseconds.
std::optional<std::int64_t> durationValue(const QueryValue& value);
// A duration written with its unit ("250ms", "1.5s", "1h"), in nanoseconds; nothing for a bare
// number, a negative or an unknown unit.
std::optional<std::int64_t> parseDuration(std::string_view text);

// Glob match ignoring ASCII case: `*` stands for any run of characters, nothing else is special.
bool globMatches(std::string_view subject, std::string_view pattern);
bool containsIgnoringCase(std::string_view haystack, std::string_view needle);
bool equalsIgnoringCase(std::string_view a, std::string_view b);

// a OP b for the comparison operators (Text compares nothing and is false).
template <typename T> bool compareWith(const T& a, QueryOp op, const T& b)
{
    switch (op) {
    case QueryOp::Equal:
        return a == b;
    case QueryOp::NotEqual:
        return a != b;
    case QueryOp::Less:
        return a < b;
    case QueryOp::LessOrEqual:
        return a <= b;
    case QueryOp::Greater:
        return a > b;
    case QueryOp::GreaterOrEqual:
        return a >= b;
    case QueryOp::Text:
        break;
    }
    return false;
}

bool isOrdering(QueryOp op);
std::string_view opText(QueryOp op);

} // namespace Spanwise
