#pragma once

#include <simdjson.h>

#include <cstdint>
#include <expected>
#include <optional>
#include <string>
#include <string_view>

namespace Spanwise {

// Lenient reads of simdjson DOM values, as trace files need them: exporters write 64-bit
// integers as strings (JavaScript loses precision above 2^53) and timestamps as floats.
// Each returns nullopt when the value cannot mean what was asked.
std::optional<std::string_view> jsonString(simdjson::dom::element value);
std::optional<std::int64_t> jsonInteger(simdjson::dom::element value);
// The same, but a number beyond the int64 range gives the nearest limit instead of nullopt:
// for times, which are kept and clamped with a warning rather than dropped.
std::optional<std::int64_t> jsonSaturatedInteger(simdjson::dom::element value);
std::optional<double> jsonNumber(simdjson::dom::element value);
// A span's "flags" (W3C trace flags and more): a whole number from 0 to 2^32-1, or the
// warning to give for anything else.
std::expected<std::uint32_t, std::string> jsonFlags(simdjson::dom::element value);
std::optional<bool> jsonBool(simdjson::dom::element value);

// A time or duration in microseconds (integer, fractional, or a numeric string) as
// nanoseconds. Integers convert exactly; a double would lose nanoseconds above 2^53. Values
// beyond the int64 range of nanoseconds saturate to its limits.
std::optional<std::int64_t> jsonMicrosAsNanos(simdjson::dom::element value);

// "a string", "an array", ...: for messages.
std::string_view jsonTypeName(simdjson::dom::element value);

// A member of an object, or nullopt when the object has no such key or it is null: in every
// trace format null means absent (Zipkin clients write "parentId": null).
std::optional<simdjson::dom::element> jsonMember(simdjson::dom::object object, std::string_view key);

} // namespace Spanwise
