#pragma once

#include "ids.h"

#include <cstdint>
#include <string>
#include <vector>

namespace Spanwise {

class TraceSet;

// Something out of the ordinary (docs/analysis.md, "Anomalies"), most severe first.
struct Anomaly {
    SpanIndex span;      // the slow span, or the first failing span of a burst
    SpanIndex cause;     // where to look first in its trace: the deepest failing span, else the
                         // span with the most self time on the critical path
    double severity = 0; // the robust z-score of a slow span; for a burst, its errors over the usual
    std::string reason;
};

// Spans far slower than their operation usually is: a robust z-score (0.6745 × (d − median) /
// MAD) above 3.5, among operations with at least 20 spans, and beyond the operation's p99 where
// it has 100 spans or more (with fewer the p99 is the slowest span itself), one per trace (the
// most severe: its callers are slow because of it); and error bursts: 60 buckets over the loaded time range, a bucket
// of one service with at least 3 errors and 3 times its usual errors per bucket. At most `limit`, most severe first.
std::vector<Anomaly> findAnomalies(const TraceSet& set, std::size_t limit = 50);

constexpr std::size_t minimumOperationSpans = 20;
constexpr double anomalyZ = 3.5;

} // namespace Spanwise
