#pragma once

#include "ids.h"

#include <optional>
#include <string>
#include <string_view>

namespace Spanwise {

// Hex ids as trace formats write them: any case, with or without leading zeros.
// A trace id takes up to 32 digits, a span id up to 16. Empty or non-hex input gives nullopt.
std::optional<TraceId> parseHexTraceId(std::string_view hex);
std::optional<std::uint64_t> parseHexSpanId(std::string_view hex);

// Lower-case, zero-padded: 32 digits for a trace id (16 when the high half is zero), 16 for a span id.
std::string formatTraceId(TraceId id);
std::string formatSpanId(std::uint64_t id);

} // namespace Spanwise
