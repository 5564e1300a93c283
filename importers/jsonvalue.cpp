#include "jsonvalue.h"

#include <charconv>
#include <cmath>
#include <cstdlib>
#include <limits>

namespace Spanwise {

using simdjson::dom::element_type;

std::optional<std::string_view> jsonString(simdjson::dom::element value)
{
    std::string_view text;
    if (value.get_string().get(text))
        return std::nullopt;
    return text;
}

std::optional<std::int64_t> jsonInteger(simdjson::dom::element value)
{
    switch (value.type()) {
    case element_type::INT64:
        return value.get_int64().value_unsafe();
    case element_type::UINT64: {
        const std::uint64_t u = value.get_uint64().value_unsafe();
        if (u > static_cast<std::uint64_t>(INT64_MAX))
            return std::nullopt;
        return static_cast<std::int64_t>(u);
    }
    case element_type::DOUBLE: {
        const double d = value.get_double().value_unsafe();
        if (!std::isfinite(d) || std::fabs(d) >= 9.2e18)
            return std::nullopt;
        return static_cast<std::int64_t>(std::llround(d));
    }
    case element_type::STRING: {
        const std::string_view text = value.get_string().value_unsafe();
        std::int64_t result = 0;
        const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), result);
        if (error != std::errc() || end != text.data() + text.size() || text.empty())
            return std::nullopt;
        return result;
    }
    default:
        return std::nullopt;
    }
}

std::optional<std::int64_t> jsonSaturatedInteger(simdjson::dom::element value)
{
    constexpr auto low = std::numeric_limits<std::int64_t>::min();
    constexpr auto high = std::numeric_limits<std::int64_t>::max();
    switch (value.type()) {
    case element_type::UINT64:
        return value.get_uint64().value_unsafe() > static_cast<std::uint64_t>(high) ? high : jsonInteger(value);
    case element_type::DOUBLE: {
        const double d = value.get_double().value_unsafe();
        if (std::isfinite(d) && std::fabs(d) >= 9.2e18)
            return d > 0 ? high : low;
        return jsonInteger(value);
    }
    case element_type::STRING: {
        const std::string_view text = value.get_string().value_unsafe();
        std::int64_t result = 0;
        const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), result);
        if (end != text.data() + text.size() || text.empty())
            return std::nullopt;
        if (error == std::errc::result_out_of_range)
            return text.starts_with('-') ? low : high;
        if (error != std::errc())
            return std::nullopt;
        return result; // parsed once: timestamps are read this way for every span
    }
    default:
        return jsonInteger(value);
    }
}

std::expected<std::uint32_t, std::string> jsonFlags(simdjson::dom::element value)
{
    const auto number = jsonInteger(value);
    if (!number || *number < 0 || *number > std::int64_t(UINT32_MAX))
        return std::unexpected("flags should be a whole number from 0 to 2^32-1, found " +
            std::string(jsonTypeName(value)) + "; flags ignored");
    return static_cast<std::uint32_t>(*number);
}

std::optional<double> jsonNumber(simdjson::dom::element value)
{
    switch (value.type()) {
    case element_type::INT64:
        return static_cast<double>(value.get_int64().value_unsafe());
    case element_type::UINT64:
        return static_cast<double>(value.get_uint64().value_unsafe());
    case element_type::DOUBLE:
        return value.get_double().value_unsafe();
    case element_type::STRING: {
        const std::string_view text = value.get_string().value_unsafe();
        double result = 0;
        const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), result);
        if (error != std::errc() || end != text.data() + text.size() || text.empty())
            return std::nullopt;
        return result;
    }
    default:
        return std::nullopt;
    }
}

std::optional<std::int64_t> jsonMicrosAsNanos(simdjson::dom::element value)
{
    constexpr std::int64_t nanosPerMicro = 1000;
    constexpr std::int64_t limit = std::numeric_limits<std::int64_t>::max() / nanosPerMicro;
    const auto saturated = [](bool positive) {
        return positive ? std::numeric_limits<std::int64_t>::max() : std::numeric_limits<std::int64_t>::min();
    };
    if (value.type() != element_type::DOUBLE) {
        const auto micros = jsonSaturatedInteger(value);
        if (micros && *micros > -limit && *micros < limit)
            return *micros * nanosPerMicro;
        if (micros)
            return saturated(*micros > 0);
        if (value.type() != element_type::STRING)
            return std::nullopt;
    }
    const auto micros = jsonNumber(value);
    if (!micros || std::isnan(*micros))
        return std::nullopt;
    if (std::fabs(*micros) >= 9.2e15)
        return saturated(*micros > 0);
    // Whole microseconds exactly, then the fraction.
    const double whole = std::floor(*micros);
    return static_cast<std::int64_t>(whole) * nanosPerMicro + std::llround((*micros - whole) * nanosPerMicro);
}

std::optional<bool> jsonBool(simdjson::dom::element value)
{
    if (value.type() == element_type::BOOL)
        return value.get_bool().value_unsafe();
    if (value.type() == element_type::STRING) {
        const std::string_view text = value.get_string().value_unsafe();
        if (text == "true" || text == "True" || text == "TRUE")
            return true;
        if (text == "false" || text == "False" || text == "FALSE")
            return false;
    }
    return std::nullopt;
}

std::string_view jsonTypeName(simdjson::dom::element value)
{
    switch (value.type()) {
    case element_type::ARRAY:
        return "an array";
    case element_type::OBJECT:
        return "an object";
    case element_type::INT64:
    case element_type::UINT64:
    case element_type::DOUBLE:
        return "a number";
    case element_type::STRING:
        return "a string";
    case element_type::BOOL:
        return "a boolean";
    case element_type::NULL_VALUE:
        return "null";
    }
    return "a value";
}

std::optional<simdjson::dom::element> jsonMember(simdjson::dom::object object, std::string_view key)
{
    simdjson::dom::element value;
    if (object.at_key(key).get(value) || value.is_null())
        return std::nullopt;
    return value;
}

} // namespace Spanwise
