#pragma once

#include "ids.h"

#include <atomic>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace Spanwise {

class TraceSet;

// How spans are grouped into statistics rows.
struct StatsGrouping {
    enum class By { ServiceOperation, Service, Attribute };
    By by = By::ServiceOperation;
    std::string attributeKey; // with By::Attribute: spans grouped by this attribute's value
};

// Latency and error figures of one group of spans. Percentiles are exact (nearest rank over the
// sorted durations: the p-th percentile is the smallest duration with at least p% of the
// group at or below it), so p50/p95/p99 are durations that really occurred.
struct OperationStats {
    ServiceId service;  // invalid when grouped by attribute
    StringId operation; // invalid unless grouped by service and operation
    std::string value;  // with By::Attribute: the attribute value ("(none)" when missing)
    std::uint64_t count = 0;
    std::uint64_t errors = 0;
    // The count adjusted for sampling, an estimate: each span weighs 1/p, p the sampling
    // probability its trace records (sampling.h), or 1 when it records none.
    double estimatedCount = 0;
    std::uint64_t sampledSpans = 0; // spans whose trace records a probability
    std::int64_t minNs = 0, p50Ns = 0, p90Ns = 0, p95Ns = 0, p99Ns = 0, maxNs = 0;
    double meanNs = 0;
    std::int64_t totalNs = 0;
    std::int64_t totalSelfNs = 0;
    double shareOfTime = 0; // totalSelfNs / the self time of every span in scope

    double errorRate() const { return count ? static_cast<double>(errors) / static_cast<double>(count) : 0; }

    // The group's spans, fastest first: a range of StatsResult::members.
    Range members;

    // Example spans, one click from their waterfall.
    SpanIndex slowest;
    SpanIndex median;
    std::vector<SpanIndex> failing; // up to maxFailingExamples, slowest first
    static constexpr std::size_t maxFailingExamples = 10;
};

struct StatsResult {
    StatsGrouping grouping;
    std::vector<OperationStats> rows; // sorted by p99, slowest first
    std::vector<SpanIndex> members;   // every span in scope, group by group, fastest first
    std::uint64_t spans = 0;
    std::uint64_t sampledSpans = 0; // spans whose trace records a sampling probability
    std::int64_t totalSelfNs = 0;
    bool cancelled = false;
};

struct StatsOptions {
    std::optional<TraceIndex> onlyTrace;                 // one trace, or every loaded span
    std::shared_ptr<const std::vector<bool>> onlyTraces; // by TraceIndex: the traces a filter passed
    const std::atomic<bool>* cancel = nullptr;
    std::function<void(double)> progress; // 0..1, a few dozen times at most
};

StatsResult computeOperationStats(const TraceSet& set, const StatsGrouping& grouping, const StatsOptions& options = {});

// The nearest-rank percentile of ascending values (p in 0..100); 0 for no values.
std::int64_t percentileOfSorted(const std::vector<std::int64_t>& sorted, double p);

} // namespace Spanwise
