#pragma once

#include "ids.h"
#include "spanscope.h"

#include <cstdint>
#include <vector>

namespace Spanwise {

class TraceSet;

// Calls into each service over time: a call into a service is a span whose parent is missing
// or in another service. `counts[service][bucket]`, buckets of `bucketNs` from `firstNs`; no
// counts when no span in scope has a time. Computed on the charts tab's worker.
struct ServiceRates {
    static constexpr int bucketCount = 60;
    std::int64_t firstNs = 0;
    std::int64_t bucketNs = 1;
    std::vector<std::vector<int>> counts; // by ServiceId
};
// All calls and failing calls, over the same buckets, counted in one pass over the scope.
struct ServiceCallRates {
    ServiceRates calls;
    ServiceRates failures;
};
ServiceCallRates computeServiceRates(const TraceSet& set, const SpanScope& scope);

// The self time of each service (by ServiceId) in one trace.
std::vector<std::int64_t> selfTimePerService(const TraceSet& set, TraceIndex trace);

} // namespace Spanwise
