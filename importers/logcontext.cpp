#include "logcontext.h"

#include "hexid.h"
#include "timestamptext.h"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <cmath>
#include <string>

namespace Spanwise {
namespace {

bool isHex(std::string_view text)
{
    return !text.empty() &&
        std::all_of(text.begin(), text.end(), [](char c) { return std::isxdigit(static_cast<unsigned char>(c)); });
}

} // namespace

std::optional<LogTraceContext> parseTraceparent(std::string_view text)
{
    // version-traceid-parentid-flags; later versions may append fields after the flags.
    if (text.size() < 55 || text[2] != '-' || text[35] != '-' || text[52] != '-' || !isHex(text.substr(0, 2)) ||
        text.substr(0, 2) == "ff")
        return std::nullopt;
    const auto trace = parseHexTraceId(text.substr(3, 32));
    const auto span = parseHexSpanId(text.substr(36, 16));
    if (!isHex(text.substr(3, 32)) || !isHex(text.substr(36, 16)) || !trace || !span || trace->isNull() || *span == 0)
        return std::nullopt;
    return LogTraceContext {*trace, *span, false};
}

std::optional<TraceId> parseLogTraceId(std::string_view text)
{
    std::string compact;
    if (text.size() == 36 && text[8] == '-' && text[13] == '-' && text[18] == '-' && text[23] == '-') {
        for (const char c : text)
            if (c != '-')
                compact += c;
        text = compact;
    }
    if (!isHex(text) || text.size() > 32)
        return std::nullopt;
    const auto id = parseHexTraceId(text);
    return id && !id->isNull() ? id : std::nullopt;
}

std::optional<std::uint64_t> parseLogSpanId(std::string_view text)
{
    if (!isHex(text) || text.size() > 16)
        return std::nullopt;
    const auto id = parseHexSpanId(text);
    return id && *id != 0 ? id : std::nullopt;
}

std::optional<std::uint64_t> parseDecimalId(std::string_view text)
{
    std::uint64_t value = 0;
    const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (error != std::errc() || end != text.data() + text.size() || value == 0)
        return std::nullopt;
    return value;
}

std::optional<std::int64_t> logTimeFromText(std::string_view text)
{
    if (const auto ns = parseTimestampNs(text))
        return ns;
    std::int64_t whole = 0;
    if (const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), whole);
        error == std::errc() && end == text.data() + text.size())
        return logTimeFromInteger(whole);
    double number = 0;
    const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), number);
    if (error == std::errc() && end == text.data() + text.size())
        return logTimeFromNumber(number);
    return std::nullopt;
}

std::optional<std::int64_t> logTimeFromInteger(std::int64_t number)
{
    // Past 2262 (9.2e9 s) nanoseconds overflow 64 bits: such a time is no time.
    if (number >= 1'000'000'000 && number < 9'200'000'000)
        return number * 1'000'000'000;
    if (number >= 1'000'000'000'000 && number < 9'200'000'000'000)
        return number * 1'000'000;
    if (number >= 1'000'000'000'000'000 && number < 9'200'000'000'000'000)
        return number * 1'000;
    if (number >= 1'000'000'000'000'000'000)
        return number;
    return std::nullopt;
}

std::optional<std::int64_t> logTimeFromNumber(double number)
{
    // 2001-09-09 is 1e9 s and 2261 ends near 9.2e9 s: the same band in each unit tells them apart.
    // Seconds as a double hold microseconds, not nanoseconds: round there, not to noise.
    if (number >= 1e9 && number < 9.2e9)
        return static_cast<std::int64_t>(std::llround(number * 1e6)) * 1000;
    double ns = 0;
    if (number >= 1e12 && number < 9.2e12)
        ns = number * 1e6;
    else if (number >= 1e15 && number < 9.2e15)
        ns = number * 1e3;
    else if (number >= 1e18 && number < 9.2e18)
        ns = number;
    else
        return std::nullopt;
    return static_cast<std::int64_t>(std::llround(ns));
}

} // namespace Spanwise
