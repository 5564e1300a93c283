#include "timestamptext.h"

#include <charconv>
#include <cstdio>

namespace Spanwise {
namespace {

// Days from 1970-01-01 to a proleptic Gregorian date (the civil-from-days inverse, counted in
// 400-year eras so it holds for any year).
std::int64_t daysFromCivil(std::int64_t y, unsigned m, unsigned d)
{
    y -= m <= 2 ? 1 : 0;
    const std::int64_t era = (y >= 0 ? y : y - 399) / 400;
    const auto yearOfEra = static_cast<unsigned>(y - era * 400);
    const unsigned dayOfYear = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
    const unsigned dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear;
    return era * 146097 + static_cast<std::int64_t>(dayOfEra) - 719468;
}

void civilFromDays(std::int64_t z, std::int64_t& y, unsigned& m, unsigned& d)
{
    z += 719468;
    const std::int64_t era = (z >= 0 ? z : z - 146096) / 146097;
    const auto dayOfEra = static_cast<unsigned>(z - era * 146097);
    const unsigned yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36524 - dayOfEra / 146096) / 365;
    const unsigned dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100);
    const unsigned mp = (5 * dayOfYear + 2) / 153;
    d = dayOfYear - (153 * mp + 2) / 5 + 1;
    m = mp < 10 ? mp + 3 : mp - 9;
    y = static_cast<std::int64_t>(yearOfEra) + era * 400 + (m <= 2 ? 1 : 0);
}

// Reads exactly `digits` decimal digits at `at`, moving past them.
std::optional<unsigned> number(std::string_view text, std::size_t& at, std::size_t digits)
{
    if (at + digits > text.size())
        return std::nullopt;
    unsigned value = 0;
    const auto [end, error] = std::from_chars(text.data() + at, text.data() + at + digits, value);
    if (error != std::errc() || end != text.data() + at + digits)
        return std::nullopt;
    at += digits;
    return value;
}

bool take(std::string_view text, std::size_t& at, char c)
{
    if (at < text.size() && text[at] == c) {
        ++at;
        return true;
    }
    return false;
}

} // namespace

std::optional<std::int64_t> parseTimestampNs(std::string_view text)
{
    std::size_t at = 0;
    const auto year = number(text, at, 4);
    if (!year || !take(text, at, '-'))
        return std::nullopt;
    const auto month = number(text, at, 2);
    if (!month || !take(text, at, '-'))
        return std::nullopt;
    const auto day = number(text, at, 2);
    // Nanoseconds in 64 bits reach from 1677-09-21 to 2262-04-11: whole years inside that only.
    if (!day || *month < 1 || *month > 12 || *day < 1 || *day > 31 || *year < 1678 || *year > 2261)
        return std::nullopt;
    std::int64_t ns = daysFromCivil(*year, *month, *day) * 86'400'000'000'000;
    if (at == text.size())
        return ns;
    if (!take(text, at, 'T') && !take(text, at, 't') && !take(text, at, ' '))
        return std::nullopt;
    const auto hour = number(text, at, 2);
    if (!hour || !take(text, at, ':'))
        return std::nullopt;
    const auto minute = number(text, at, 2);
    if (!minute || *hour > 23 || *minute > 59)
        return std::nullopt;
    ns += (*hour * 3600LL + *minute * 60LL) * 1'000'000'000;
    if (take(text, at, ':')) {
        const auto second = number(text, at, 2);
        if (!second || *second > 60)
            return std::nullopt;
        ns += *second * 1'000'000'000LL;
        if (take(text, at, '.') || take(text, at, ',')) {
            std::int64_t scale = 100'000'000;
            const std::size_t first = at;
            for (; at < text.size() && text[at] >= '0' && text[at] <= '9'; ++at, scale /= 10)
                ns += (text[at] - '0') * scale;
            if (at == first)
                return std::nullopt;
        }
    }
    if (at == text.size() || take(text, at, 'Z') || take(text, at, 'z'))
        return at == text.size() ? std::optional(ns) : std::nullopt;
    const bool east = text[at] == '+';
    if (!take(text, at, '+') && !take(text, at, '-'))
        return std::nullopt;
    const auto offsetHours = number(text, at, 2);
    take(text, at, ':');
    const auto offsetMinutes = at < text.size() ? number(text, at, 2) : std::optional<unsigned>(0);
    if (!offsetHours || !offsetMinutes || at != text.size() || *offsetHours > 23 || *offsetMinutes > 59)
        return std::nullopt;
    const std::int64_t offset = (*offsetHours * 3600LL + *offsetMinutes * 60LL) * 1'000'000'000;
    return east ? ns - offset : ns + offset;
}

std::string formatTimestampNs(std::int64_t ns)
{
    constexpr std::int64_t perDay = 86'400'000'000'000;
    std::int64_t days = ns / perDay;
    std::int64_t rest = ns % perDay;
    if (rest < 0) {
        rest += perDay;
        --days;
    }
    std::int64_t y = 0;
    unsigned m = 0, d = 0;
    civilFromDays(days, y, m, d);
    const std::int64_t ms = rest / 1'000'000;
    char buffer[40];
    std::snprintf(buffer, sizeof buffer, "%04lld-%02u-%02uT%02lld:%02lld:%02lld.%03lldZ", static_cast<long long>(y), m,
        d, static_cast<long long>(ms / 3'600'000), static_cast<long long>(ms / 60'000 % 60),
        static_cast<long long>(ms / 1000 % 60), static_cast<long long>(ms % 1000));
    return buffer;
}

} // namespace Spanwise
