#pragma once

#include "span.h"

#include <cstdint>
#include <limits>
#include <string>

namespace Spanwise {

// The time range the model holds: every span starts and ends within ±maxTimeNs (2^62 - 1 ns,
// about 146 years either side of 1970), so the difference of any two times, and the sum of a
// start and a duration, fit an int64 without overflow anywhere downstream.
inline constexpr std::int64_t maxTimeNs = (std::int64_t(1) << 62) - 1;

// What keeping a file's times inside that range changed, so the importer can say so with the
// span's location. The span is always kept.
struct TimeRepairs {
    bool startClamped = false;     // the start lay outside the range
    bool endClamped = false;       // start + duration (or the end) lay outside it
    bool negativeDuration = false; // the end came before the start: shown with zero duration
    std::int64_t givenDurationNs = 0;

    bool any() const { return startClamped || endClamped || negativeDuration; }
    std::string describe() const;
};

// Sets span.startNs and span.durationNs from a start and a duration (Jaeger, Zipkin).
TimeRepairs setStartAndDuration(Span& span, std::int64_t startNs, std::int64_t durationNs);
// The same from a start and an end (OTLP).
TimeRepairs setStartAndEnd(Span& span, std::int64_t startNs, std::int64_t endNs);
// A single time (an event, an annotation) clamped into the range.
std::int64_t clampTime(std::int64_t ns);

// a + b for sums of durations (statistics totals), stopping at the int64 limits.
inline std::int64_t saturatingAdd(std::int64_t a, std::int64_t b)
{
    std::int64_t sum = 0;
    if (__builtin_add_overflow(a, b, &sum))
        return b > 0 ? std::numeric_limits<std::int64_t>::max() : std::numeric_limits<std::int64_t>::min();
    return sum;
}

// a − b (a duration between two times a file gave), stopping at the int64 limits.
inline std::int64_t saturatingSub(std::int64_t a, std::int64_t b)
{
    std::int64_t difference = 0;
    if (__builtin_sub_overflow(a, b, &difference))
        return b < 0 ? std::numeric_limits<std::int64_t>::max() : std::numeric_limits<std::int64_t>::min();
    return difference;
}

} // namespace Spanwise
