#pragma once

#include <QDateTime>
#include <QString>

#include <cstdint>
#include <string_view>

namespace Spanwise {

// "850 µs", "73.9 ms", "1.25 s", "2 min 5 s": three significant digits, the unit that fits.
QString formatDuration(std::int64_t nanoseconds);
// A change of duration with its sign: "+50.0 ms", "-128 µs", "0 ns".
QString formatDurationChange(std::int64_t nanoseconds);

// Where timestamps are shown: the machine's local time (the default) or UTC. One choice for
// the whole process (View ▸ Time Zone, remembered by the window); views repaint on a change.
enum class TimeZoneChoice { Local, Utc };
void setTimeZoneChoice(TimeZoneChoice choice);
TimeZoneChoice timeZoneChoice();
// A moment in the chosen time zone, for labels and axes.
QDateTime displayedTime(std::int64_t millisecondsSinceEpoch);
// Date and time with milliseconds in the chosen zone, e.g. "2019-10-07 17:04:37.955", and
// "2019-10-07 15:04:37.955 UTC" when the choice is UTC.
QString formatTimestamp(std::int64_t nanosecondsSinceEpoch);
// Text from a trace file as the views and commands show it. Names come from other people's
// systems: control characters (NUL, ESC, C1) would make invalid SVG and XML and drive a
// terminal, so each becomes U+FFFD; tab and line feed stay (stack traces in attributes).
QString toQString(std::string_view utf8);
// "1 trace", "3,898 traces": English plurals (no translator is loaded), digits grouped by locale.
QString countText(std::int64_t count, QStringView singular, QStringView plural);

} // namespace Spanwise
