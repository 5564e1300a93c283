#include "hexid.h"

#include <algorithm>
#include <array>

namespace Spanwise {
namespace {

// Each byte's value as a hex digit, or -1: ids are parsed for every span of a file, and one
// look-up per digit replaces three range checks.
constexpr std::array<std::int8_t, 256> hexDigitValues = [] {
    std::array<std::int8_t, 256> values {};
    values.fill(-1);
    for (int c = '0'; c <= '9'; ++c)
        values[c] = static_cast<std::int8_t>(c - '0');
    for (int c = 'a'; c <= 'f'; ++c)
        values[c] = static_cast<std::int8_t>(c - 'a' + 10);
    for (int c = 'A'; c <= 'F'; ++c)
        values[c] = static_cast<std::int8_t>(c - 'A' + 10);
    return values;
}();

int hexDigitValue(char c)
{
    return hexDigitValues[static_cast<unsigned char>(c)];
}

std::optional<std::uint64_t> parseHex64(std::string_view hex)
{
    std::uint64_t value = 0;
    for (char c : hex) {
        const int digit = hexDigitValue(c);
        if (digit < 0)
            return std::nullopt;
        value = (value << 4) | static_cast<std::uint64_t>(digit);
    }
    return value;
}

void appendHex(std::string& out, std::uint64_t value)
{
    static constexpr std::array<char, 16> digits = {
        '0', '1', '2', '3', '4', '5', '6', '7', '8', '9', 'a', 'b', 'c', 'd', 'e', 'f'};
    for (int shift = 60; shift >= 0; shift -= 4)
        out.push_back(digits[(value >> shift) & 0xf]);
}

} // namespace

std::optional<TraceId> parseHexTraceId(std::string_view hex)
{
    if (hex.empty() || hex.size() > 32)
        return std::nullopt;
    const std::size_t lowDigits = std::min<std::size_t>(hex.size(), 16);
    const auto hi = parseHex64(hex.substr(0, hex.size() - lowDigits));
    const auto lo = parseHex64(hex.substr(hex.size() - lowDigits));
    if (!hi || !lo)
        return std::nullopt;
    return TraceId {*hi, *lo};
}

std::optional<std::uint64_t> parseHexSpanId(std::string_view hex)
{
    if (hex.empty() || hex.size() > 16)
        return std::nullopt;
    return parseHex64(hex);
}

std::string formatTraceId(TraceId id)
{
    std::string out;
    out.reserve(32);
    if (id.hi != 0)
        appendHex(out, id.hi);
    appendHex(out, id.lo);
    return out;
}

std::string formatSpanId(std::uint64_t id)
{
    std::string out;
    out.reserve(16);
    appendHex(out, id);
    return out;
}

} // namespace Spanwise
