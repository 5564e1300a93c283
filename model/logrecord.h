#pragma once

#include "ids.h"

#include <cstdint>
#include <string_view>

namespace Spanwise {

// A log record loaded beside the traces (OTLP logs, JSON Lines application logs) with the trace
// context it carries. Once everything is loaded it is attached to its span, or only to its trace
// when the span is not loaded or was not named (TraceSet::logs).
struct LogRecord {
    std::int64_t timeNs = 0; // when it happened (the observed time when that is all there is)
    bool hasTime = false;
    bool traceIdLow64Only = false;   // Datadog's decimal dd.trace_id: only the low 64 bits are known
    std::uint8_t severityNumber = 0; // OTLP's scale: 1–4 TRACE, 5–8 DEBUG, 9–12 INFO, 13–16 WARN,
                                     // 17–20 ERROR, 21–24 FATAL; 0 unspecified
    // Pooled text; id 0 is the empty string, for a field the record did not have.
    StringId severityText {0};
    StringId body {0};
    // The service's name. A name, not a ServiceId: a service that only logged is no service of
    // the map.
    StringId service {0};
    TraceId traceId; // null: no trace context
    std::uint64_t spanId = 0;
    Range attributes;
    FileIndex file;
    std::uint64_t offset = 0; // where the record starts in its file (decompressed), for messages
    // Set when the set is built:
    TraceIndex trace; // the loaded trace it belongs to
    SpanIndex span;   // and its span, when that is loaded
};

// The OTLP severity number of a level name as logging libraries write it ("warn", "WARNING",
// "err", "Critical", "trace", …), or 0 when it is none of them.
std::uint8_t severityNumberOf(std::string_view text);
// The short name of a severity number's range: "TRACE", "DEBUG", "INFO", "WARN", "ERROR",
// "FATAL", or "" for 0.
std::string_view severityName(std::uint8_t number);

} // namespace Spanwise
