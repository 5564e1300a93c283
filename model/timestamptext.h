#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace Spanwise {

// Nanoseconds since the Unix epoch of an ISO 8601 date and time as people type them in queries:
// "2024-05-01", "2024-05-01T10:42", "2024-05-01 10:42:03.250", with "Z" or an offset such as
// "+02:00" or "-0500"; without a zone the time is UTC. Nothing when the text is not one, or
// falls outside the years 1678–2261 that nanoseconds since 1970 hold in 64 bits.
std::optional<std::int64_t> parseTimestampNs(std::string_view text);

// The same instant written back, UTC, to the millisecond: "2024-05-01T10:42:03.250Z".
std::string formatTimestampNs(std::int64_t ns);

} // namespace Spanwise
