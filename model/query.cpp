#include "query.h"

#include <algorithm>
#include <cassert>
#include <charconv>
#include <cmath>

namespace Spanwise {
namespace {

struct Token {
    enum class Kind { Word, Operator } kind;
    std::string text;
    QueryOp op = QueryOp::Text;
    std::size_t position = 0;
};

bool isOperatorChar(char c)
{
    return c == '=' || c == '!' || c == '<' || c == '>';
}

bool isSpace(char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

char lower(char c)
{
    return (c >= 'A' && c <= 'Z') ? char(c - 'A' + 'a') : c;
}

std::expected<std::vector<Token>, QueryError> tokenize(std::string_view text)
{
    std::vector<Token> tokens;
    std::size_t i = 0;
    while (i < text.size()) {
        const char c = text[i];
        if (isSpace(c)) {
            ++i;
            continue;
        }
        const std::size_t start = i;
        if (c == '"') {
            std::string word;
            for (++i; i < text.size() && text[i] != '"'; ++i) {
                if (text[i] == '\\' && i + 1 < text.size())
                    ++i;
                word += text[i];
            }
            if (i >= text.size())
                return std::unexpected(QueryError {"the quote opened here is never closed", start});
            ++i;
            tokens.push_back({Token::Kind::Word, std::move(word), QueryOp::Text, start});
        } else if (isOperatorChar(c)) {
            const std::string_view two = text.substr(i, 2);
            QueryOp op = QueryOp::Text;
            std::size_t length = 2;
            if (two == "!=")
                op = QueryOp::NotEqual;
            else if (two == "<=")
                op = QueryOp::LessOrEqual;
            else if (two == ">=")
                op = QueryOp::GreaterOrEqual;
            else if (two == "==")
                op = QueryOp::Equal;
            else if (c == '=')
                op = QueryOp::Equal, length = 1;
            else if (c == '<')
                op = QueryOp::Less, length = 1;
            else if (c == '>')
                op = QueryOp::Greater, length = 1;
            else
                return std::unexpected(QueryError {"'!' must be followed by '=' (as in !=)", start});
            i += length;
            tokens.push_back({Token::Kind::Operator, std::string(text.substr(start, length)), op, start});
        } else {
            while (i < text.size() && !isSpace(text[i]) && !isOperatorChar(text[i]) && text[i] != '"')
                ++i;
            tokens.push_back({Token::Kind::Word, std::string(text.substr(start, i - start)), QueryOp::Text, start});
        }
    }
    return tokens;
}

// "250ms" → Duration, "5%" → Percent, "42" → Number, anything else stays Text.
QueryValue readValue(std::string text, bool quoted)
{
    QueryValue value {std::move(text), QueryUnit::Text, 0};
    if (quoted)
        return value;
    const std::string& t = value.text;
    double number = 0;
    const auto [end, error] = std::from_chars(t.data(), t.data() + t.size(), number);
    if (error != std::errc() || end == t.data() || !std::isfinite(number))
        return value;
    std::string unit(end, t.data() + t.size());
    std::transform(unit.begin(), unit.end(), unit.begin(), lower);
    static const std::pair<std::string_view, double> durations[] = {
        {"ns", 1}, {"us", 1e3}, {"µs", 1e3}, {"ms", 1e6}, {"s", 1e9}, {"m", 60e9}, {"min", 60e9}, {"h", 3600e9}};
    if (unit.empty()) {
        value.unit = QueryUnit::Number;
        value.number = number;
    } else if (unit == "%") {
        value.unit = QueryUnit::Percent;
        value.number = number;
    } else {
        for (const auto& [name, factor] : durations)
            if (unit == name) {
                value.unit = QueryUnit::Duration;
                value.number = number * factor;
            }
    }
    return value;
}

} // namespace

std::optional<std::int64_t> parseDuration(std::string_view text)
{
    const QueryValue value = readValue(std::string(text), false);
    if (value.unit != QueryUnit::Duration || value.number < 0 || value.number > 9.2e18)
        return std::nullopt;
    return static_cast<std::int64_t>(value.number);
}

std::expected<Query, QueryError> parseQuery(std::string_view text)
{
    const auto tokens = tokenize(text);
    if (!tokens)
        return std::unexpected(tokens.error());
    Query query;
    const std::vector<Token>& t = *tokens;
    for (std::size_t i = 0; i < t.size();) {
        if (t[i].kind == Token::Kind::Operator)
            return std::unexpected(QueryError {"'" + t[i].text + "' needs a field name before it", t[i].position});
        const bool quoted = text[t[i].position] == '"';
        if (i + 1 < t.size() && t[i + 1].kind == Token::Kind::Operator) {
            if (i + 2 >= t.size() || t[i + 2].kind != Token::Kind::Word)
                return std::unexpected(
                    QueryError {"'" + t[i].text + t[i + 1].text + "' needs a value after it", t[i + 1].position});
            const bool valueQuoted = text[t[i + 2].position] == '"';
            query.terms.push_back({t[i].text, t[i + 1].op, readValue(t[i + 2].text, valueQuoted), t[i].position});
            i += 3;
        } else {
            if (!t[i].text.empty() || quoted)
                query.terms.push_back({{}, QueryOp::Text, readValue(t[i].text, true), t[i].position});
            ++i;
        }
    }
    return query;
}

std::optional<std::int64_t> durationValue(const QueryValue& value)
{
    double ns = 0;
    if (value.unit == QueryUnit::Duration)
        ns = value.number;
    else if (value.unit == QueryUnit::Number)
        ns = value.number * 1e6;
    else
        return std::nullopt;
    constexpr double limit = 9.2e18;
    return static_cast<std::int64_t>(std::llround(std::clamp(ns, -limit, limit)));
}

bool equalsIgnoringCase(std::string_view a, std::string_view b)
{
    return a.size() == b.size() &&
        std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) { return lower(x) == lower(y); });
}

bool containsIgnoringCase(std::string_view haystack, std::string_view needle)
{
    if (needle.empty())
        return true;
    const auto it = std::search(haystack.begin(), haystack.end(), needle.begin(), needle.end(),
        [](char a, char b) { return lower(a) == lower(b); });
    return it != haystack.end();
}

bool globMatches(std::string_view subject, std::string_view pattern)
{
    // Iterative wildcard match with one backtrack point: linear in practice, never recursive.
    std::size_t s = 0, p = 0, starP = std::string_view::npos, starS = 0;
    while (s < subject.size()) {
        if (p < pattern.size() && pattern[p] == '*') {
            starP = p++;
            starS = s;
        } else if (p < pattern.size() && lower(pattern[p]) == lower(subject[s])) {
            ++p;
            ++s;
        } else if (starP != std::string_view::npos) {
            p = starP + 1;
            s = ++starS;
        } else {
            return false;
        }
    }
    while (p < pattern.size() && pattern[p] == '*')
        ++p;
    return p == pattern.size();
}

bool isOrdering(QueryOp op)
{
    return op == QueryOp::Less || op == QueryOp::LessOrEqual || op == QueryOp::Greater || op == QueryOp::GreaterOrEqual;
}

std::string_view opText(QueryOp op)
{
    switch (op) {
    case QueryOp::Equal:
        return "=";
    case QueryOp::NotEqual:
        return "!=";
    case QueryOp::Less:
        return "<";
    case QueryOp::LessOrEqual:
        return "<=";
    case QueryOp::Greater:
        return ">";
    case QueryOp::GreaterOrEqual:
        return ">=";
    case QueryOp::Text:
        break;
    }
    return "";
}

} // namespace Spanwise
