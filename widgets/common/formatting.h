#pragma once

#include <QString>

#include <cstdint>
#include <string_view>

namespace Spanwise {

// "850 µs", "73.9 ms", "1.25 s", "2 min 5 s": three significant digits, the unit that fits.
QString formatDuration(std::int64_t nanoseconds);
// Local date and time with milliseconds, e.g. "2019-10-07 17:04:37.955".
QString formatTimestamp(std::int64_t nanosecondsSinceEpoch);
// Text from a trace file as the views and commands show it. Names come from other people's
// systems: control characters (NUL, ESC, C1) would make invalid SVG and XML and drive a
// terminal, so each becomes U+FFFD; tab and line feed stay (stack traces in attributes).
QString toQString(std::string_view utf8);
// "1 trace", "3,898 traces": English plurals (no translator is loaded), digits grouped by locale.
QString countText(std::int64_t count, QStringView singular, QStringView plural);

} // namespace Spanwise
