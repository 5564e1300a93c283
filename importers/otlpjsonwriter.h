#pragma once

#include <string>
#include <string_view>

namespace opentelemetry::proto::trace::v1 {
class Span;
class TracesData;
} // namespace opentelemetry::proto::trace::v1

namespace Spanwise {

// A protobuf span as the OTLP JSON mapping writes it (the OTLP specification's "JSON Protobuf
// Encoding"): ids as lower-case hex (not protobuf's base64), 64-bit integers and times as
// strings, enums as numbers, default values left out. One object, compact; indentJson()
// makes it readable.
std::string otlpJsonOfSpan(const opentelemetry::proto::trace::v1::Span& span);

// A whole TracesData message the same way: `{"resourceSpans":[…]}` with resources, scopes and
// spans, as an OTLP/HTTP JSON request body or a line of the Collector's file exporter.
std::string otlpJsonOfTracesData(const opentelemetry::proto::trace::v1::TracesData& data);

// JSON text re-indented two spaces a level, every token kept exactly as written (numbers are
// never re-read, so no digit changes).
std::string indentJson(std::string_view json);

} // namespace Spanwise
