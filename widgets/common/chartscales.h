#pragma once

#include <QString>

#include <cstdint>

namespace Spanwise {

// Axis scales that read right: units that fit the values, integer ticks for counts, dates and
// seconds where the time range needs them, and never an exponent in a label.

// The unit durations up to `maxNs` read best in: ns, µs, ms or s.
struct DurationUnit {
    double nanoseconds = 1e6; // one unit in nanoseconds
    QString name;             // "ms"
};
DurationUnit durationUnitFor(std::int64_t maxNs);

// A step of 1, 2 or 5 × 10^k so that 0..max takes at most `maxTicks` steps: count axes tick on
// whole numbers only.
int integerTickStep(double max, int maxTicks = 6);
// The same for any values: 0.2, 0.5, 1, 2, 5, 10… so that labels are round numbers.
double niceTickStep(double max, int maxTicks = 6);

// A QDateTime format for a time axis from firstMs to lastMs (milliseconds since the epoch, local
// time): the date when the range crosses days, seconds (and milliseconds) when it is short.
QString timeAxisFormat(std::int64_t firstMs, std::int64_t lastMs);

// A printf format for labels of ticks `step` apart: fixed-point (never an exponent) with as many
// decimals as the step needs, so neighbouring ticks never read the same (0.005 gives "%.3f").
QString tickLabelFormat(double step);

} // namespace Spanwise
