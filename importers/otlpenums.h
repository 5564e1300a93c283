#pragma once

#include "span.h"

#include <cstdint>
#include <optional>
#include <string_view>

namespace Spanwise {

// OTLP enums as numbers (protobuf, OTLP JSON) or names (JSON written by some SDKs), with or
// without the SPAN_KIND_ / STATUS_CODE_ prefix. nullopt for an unknown value.
std::optional<SpanKind> otlpSpanKind(std::int64_t number);
std::optional<SpanKind> otlpSpanKind(std::string_view name);
std::optional<StatusCode> otlpStatusCode(std::int64_t number);
std::optional<StatusCode> otlpStatusCode(std::string_view name);

} // namespace Spanwise
