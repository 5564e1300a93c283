#pragma once

#include <string>
#include <string_view>

namespace opentelemetry::proto::trace::v1 {
class Span;
}

namespace Spanwise {

// A protobuf span as the OTLP JSON mapping writes it (the OTLP specification's "JSON Protobuf
// Encoding"): ids as lower-case hex (not protobuf's base64), 64-bit integers and times as
// strings, enums as numbers, default values left out. One object, compact; indentJson()
// makes it readable.
std::string otlpJsonOfSpan(const opentelemetry::proto::trace::v1::Span& span);

// JSON text re-indented two spaces a level, every token kept exactly as written (numbers are
// never re-read, so no digit changes).
std::string indentJson(std::string_view json);

} // namespace Spanwise
