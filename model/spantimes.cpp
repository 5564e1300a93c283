#include "spantimes.h"

#include <algorithm>

namespace Spanwise {
namespace {

__extension__ using Wide = __int128;

TimeRepairs setTimes(Span& span, Wide start, Wide end, Wide duration)
{
    TimeRepairs repairs;
    repairs.givenDurationNs = static_cast<std::int64_t>(std::clamp<Wide>(duration, INT64_MIN, INT64_MAX));
    const Wide clampedStart = std::clamp<Wide>(start, -maxTimeNs, maxTimeNs);
    repairs.startClamped = clampedStart != start;
    if (duration < 0) {
        repairs.negativeDuration = true;
        end = clampedStart;
    }
    const Wide clampedEnd = std::clamp<Wide>(end, clampedStart, maxTimeNs);
    repairs.endClamped = !repairs.negativeDuration && clampedEnd != end && !repairs.startClamped;
    span.startNs = static_cast<std::int64_t>(clampedStart);
    span.durationNs = static_cast<std::int64_t>(clampedEnd - clampedStart);
    return repairs;
}

} // namespace

TimeRepairs setStartAndDuration(Span& span, std::int64_t startNs, std::int64_t durationNs)
{
    return setTimes(span, startNs, Wide(startNs) + durationNs, durationNs);
}

TimeRepairs setStartAndEnd(Span& span, std::int64_t startNs, std::int64_t endNs)
{
    return setTimes(span, startNs, endNs, Wide(endNs) - startNs);
}

std::int64_t clampTime(std::int64_t ns)
{
    return std::clamp(ns, -maxTimeNs, maxTimeNs);
}

std::string TimeRepairs::describe() const
{
    std::string text;
    const auto add = [&](const std::string& part) { text += (text.empty() ? "" : "; ") + part; };
    if (startClamped)
        add("the start time lies outside the years 1824-2116 that Spanwise can place; it is clamped to the nearest "
            "limit");
    if (endClamped)
        add("the span ends after the latest time Spanwise can place; its end is clamped there");
    if (negativeDuration)
        add("the span ends before it starts (duration " + std::to_string(givenDurationNs) +
            " ns); it is shown with zero duration");
    return text + "; span kept";
}

} // namespace Spanwise
