#include "anomalies.h"

#include "criticalpath.h"
#include "operationstats.h"
#include "selftime.h"
#include "traceset.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <map>

namespace Spanwise {
namespace {

std::string milliseconds(double ns)
{
    char text[32];
    std::snprintf(text, sizeof text, "%.1f ms", ns / 1e6);
    return text;
}

// Where to look first in a trace: its deepest failing span, else the span that held the trace
// up longest on its own (most self time on the critical path).
SpanIndex likelyCause(const TraceSet& set, TraceIndex trace)
{
    SpanIndex deepestError;
    std::uint32_t depth = 0;
    for (const SpanIndex s : set.forest().spansOf(set.trace(trace)))
        if (set.span(s).isError() && (!deepestError.isValid() || set.forest().depthOf(s) > depth)) {
            deepestError = s;
            depth = set.forest().depthOf(s);
        }
    if (deepestError.isValid())
        return deepestError;
    SpanIndex heaviest;
    std::int64_t most = -1;
    for (const CriticalSegment& segment : criticalPath(set, trace))
        if (const std::int64_t self = selfTimeOf(set, segment.span); self > most) {
            most = self;
            heaviest = segment.span;
        }
    return heaviest;
}

void findSlowSpans(const TraceSet& set, std::vector<Anomaly>& found)
{
    std::map<std::pair<std::uint32_t, std::uint32_t>, std::vector<SpanIndex>> operations;
    for (std::uint32_t i = 0; i < set.spans().size(); ++i)
        if (set.spans()[i].hasTime())
            operations[{set.spans()[i].service.value, set.spans()[i].operation.value}].push_back(SpanIndex {i});
    for (auto& [key, spans] : operations) {
        if (spans.size() < minimumOperationSpans)
            continue;
        std::vector<std::int64_t> durations;
        for (const SpanIndex s : spans)
            durations.push_back(set.span(s).durationNs);
        std::sort(durations.begin(), durations.end());
        const double median = static_cast<double>(percentileOfSorted(durations, 50));
        const std::int64_t p99 = percentileOfSorted(durations, 99);
        std::vector<double> deviations;
        for (const std::int64_t d : durations)
            deviations.push_back(std::abs(static_cast<double>(d) - median));
        std::nth_element(deviations.begin(), deviations.begin() + static_cast<std::ptrdiff_t>(deviations.size() / 2),
            deviations.end());
        const double mad = deviations[deviations.size() / 2];
        if (mad <= 0)
            continue;
        for (const SpanIndex s : spans) {
            const std::int64_t d = set.span(s).durationNs;
            const double z = 0.6745 * (static_cast<double>(d) - median) / mad;
            // Beyond the p99 where there are enough spans for a p99 below the maximum.
            if (d <= p99 && durations.size() >= 100)
                continue;
            if (z <= anomalyZ)
                continue;
            char text[160];
            std::snprintf(text, sizeof text, "took %s, %.0f× its operation's median (%s); robust z %.1f",
                milliseconds(static_cast<double>(d)).c_str(), static_cast<double>(d) / std::max(1.0, median),
                milliseconds(median).c_str(), z);
            found.push_back({s, {}, z, text});
        }
    }
}

void findErrorBursts(const TraceSet& set, std::vector<Anomaly>& found)
{
    std::int64_t first = INT64_MAX, last = INT64_MIN;
    for (const TraceInfo& trace : set.traces())
        if (trace.hasTime) {
            first = std::min(first, trace.startNs);
            last = std::max(last, trace.endNs);
        }
    if (first > last)
        return;
    constexpr int buckets = 60;
    const std::int64_t width = std::max<std::int64_t>(1, (last - first) / buckets + 1);
    // Per service and bucket: the errors, and the first failing span.
    std::map<std::uint32_t, std::vector<std::pair<int, SpanIndex>>> errors;
    for (std::uint32_t i = 0; i < set.spans().size(); ++i) {
        const Span& span = set.spans()[i];
        if (!span.isError() || !span.hasTime())
            continue;
        auto& perBucket = errors[span.service.value];
        perBucket.resize(buckets);
        auto& bucket = perBucket[static_cast<std::size_t>(
            std::clamp<std::int64_t>((span.startNs - first) / width, 0, buckets - 1))];
        if (bucket.first++ == 0)
            bucket.second = SpanIndex {i};
    }
    for (const auto& [service, perBucket] : errors) {
        int total = 0;
        for (const auto& [count, span] : perBucket)
            total += count;
        const double usual = static_cast<double>(total) / buckets;
        for (const auto& [count, span] : perBucket) {
            if (count < 3 || count < 3 * usual)
                continue;
            char text[160];
            std::snprintf(text, sizeof text, "error burst: %d errors in %s within %s (usually %.1f)", count,
                std::string(set.serviceName(ServiceId {service})).c_str(),
                milliseconds(static_cast<double>(width)).c_str(), usual);
            found.push_back({span, {}, count / std::max(usual, 0.1), text});
        }
    }
}

} // namespace

std::vector<Anomaly> findAnomalies(const TraceSet& set, std::size_t limit)
{
    std::vector<Anomaly> slow;
    findSlowSpans(set, slow);
    // One slow span per trace: a slow call makes every caller above it slow too; the most
    // severe stands for its trace, and its cause points down to where to look.
    std::stable_sort(
        slow.begin(), slow.end(), [](const Anomaly& a, const Anomaly& b) { return a.severity > b.severity; });
    std::vector<bool> seen(set.traces().size(), false);
    std::vector<Anomaly> found;
    for (Anomaly& anomaly : slow) {
        const TraceIndex trace = set.forest().traceOf(anomaly.span);
        if (!seen[trace.value]) {
            seen[trace.value] = true;
            found.push_back(std::move(anomaly));
        }
    }
    findErrorBursts(set, found);
    std::stable_sort(
        found.begin(), found.end(), [](const Anomaly& a, const Anomaly& b) { return a.severity > b.severity; });
    if (found.size() > limit)
        found.resize(limit);
    // Only for what is kept: a cause walks its trace and its critical path.
    for (Anomaly& anomaly : found)
        anomaly.cause = likelyCause(set, set.forest().traceOf(anomaly.span));
    return found;
}

} // namespace Spanwise
