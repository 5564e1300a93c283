#pragma once

#include "ids.h"

#include <cstdint>
#include <optional>
#include <string_view>

namespace Spanwise {

// Trace context as logging libraries write it into log lines.
struct LogTraceContext {
    TraceId traceId;
    std::uint64_t spanId = 0;
    bool low64Only = false; // a Datadog decimal id: the low 64 bits of the trace id
};

// A W3C traceparent, "00-<32 hex trace id>-<16 hex span id>-<2 hex flags>"; nothing when it is
// not one (or its ids are all zeros, which the spec calls invalid).
std::optional<LogTraceContext> parseTraceparent(std::string_view text);
// A hex trace id (32 digits, or 16 for a 64-bit one) or span id (16, or fewer with leading zeros
// dropped), any case; also a trace id written as a UUID (8-4-4-4-12), as some libraries do.
std::optional<TraceId> parseLogTraceId(std::string_view text);
std::optional<std::uint64_t> parseLogSpanId(std::string_view text);
// A decimal 64-bit id (Datadog's dd.trace_id and dd.span_id).
std::optional<std::uint64_t> parseDecimalId(std::string_view text);

// A log line's timestamp: ISO 8601 text, or a number of seconds, milliseconds, microseconds or
// nanoseconds since the epoch told apart by size (2001 to 2261 in each unit; later ones would
// overflow 64-bit nanoseconds, earlier ones are not times).
std::optional<std::int64_t> logTimeFromText(std::string_view text);
std::optional<std::int64_t> logTimeFromNumber(double number);
// The same for a whole number, exactly.
std::optional<std::int64_t> logTimeFromInteger(std::int64_t number);

} // namespace Spanwise
