#include "operationstats.h"

#include "sampling.h"

#include "spanscope.h"

#include "spantimes.h"

#include "attributetext.h"
#include "selftime.h"
#include "traceset.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <numeric>
#include <unordered_map>

namespace Spanwise {

std::int64_t percentileOfSorted(const std::vector<std::int64_t>& sorted, double p)
{
    if (sorted.empty())
        return 0;
    const auto rank = static_cast<std::size_t>(std::ceil(p / 100.0 * static_cast<double>(sorted.size())));
    return sorted[std::clamp<std::size_t>(rank, 1, sorted.size()) - 1];
}

StatsResult computeOperationStats(const TraceSet& set, const StatsGrouping& grouping, const StatsOptions& options)
{
    StatsResult result;
    result.grouping = grouping;
    std::vector<SpanIndex> scope = spansInScope(set, {options.onlyTrace, options.onlyTraces});
    // A span with no recorded or derived time has no duration to count (Span::hasTime).
    std::erase_if(scope, [&](SpanIndex s) { return !set.span(s).hasTime(); });
    const StringId keyId =
        grouping.by == StatsGrouping::By::Attribute ? set.strings().find(grouping.attributeKey) : StringId {};

    // Pass 1: each span's group and self time.
    std::unordered_map<std::string, std::uint32_t> attributeGroups;
    std::unordered_map<std::uint64_t, std::uint32_t> idGroups;
    std::vector<std::uint32_t> groupOf(scope.size());
    std::vector<std::int64_t> self(scope.size());
    const auto reportEvery = std::max<std::size_t>(1, scope.size() / 40);
    for (std::size_t i = 0; i < scope.size(); ++i) {
        if (i % reportEvery == 0) {
            if (options.cancel && options.cancel->load()) {
                result.cancelled = true;
                return result;
            }
            if (options.progress)
                options.progress(0.6 * static_cast<double>(i) / static_cast<double>(scope.size()));
        }
        const Span& span = set.span(scope[i]);
        self[i] = selfTimeOf(set, scope[i]);
        std::uint32_t group = 0;
        const auto newGroup = [&] {
            result.rows.emplace_back();
            return static_cast<std::uint32_t>(result.rows.size() - 1);
        };
        switch (grouping.by) {
        case StatsGrouping::By::ServiceOperation:
        case StatsGrouping::By::Service: {
            const std::uint64_t key = grouping.by == StatsGrouping::By::Service
                ? span.service.value
                : (std::uint64_t(span.service.value) << 32) | span.operation.value;
            const auto [it, inserted] = idGroups.try_emplace(key, 0);
            if (inserted) {
                it->second = newGroup();
                result.rows.back().service = span.service;
                if (grouping.by == StatsGrouping::By::ServiceOperation)
                    result.rows.back().operation = span.operation;
            }
            group = it->second;
            break;
        }
        case StatsGrouping::By::Attribute: {
            std::string value = "(none)";
            if (keyId.isValid())
                for (const Attribute& a : set.attributes(span.attributes))
                    if (a.key() == keyId) {
                        value = attributeText(set, a);
                        break;
                    }
            const auto [it, inserted] = attributeGroups.try_emplace(value, 0);
            if (inserted) {
                it->second = newGroup();
                result.rows.back().value = value;
            }
            group = it->second;
            break;
        }
        }
        groupOf[i] = group;
    }

    // Sampling probabilities, by trace: the weight of each span in the estimated counts.
    const std::vector<double> probabilities = traceSamplingProbabilities(set);

    // Pass 2: members per group, in one flat array (counting sort by group).
    std::vector<std::uint32_t> begin(result.rows.size() + 1, 0);
    for (const std::uint32_t g : groupOf)
        ++begin[g + 1];
    std::partial_sum(begin.begin(), begin.end(), begin.begin());
    std::vector<std::uint32_t> members(scope.size());
    std::vector<std::uint32_t> fill(begin.begin(), begin.end() - 1);
    for (std::uint32_t i = 0; i < scope.size(); ++i)
        members[fill[groupOf[i]]++] = i;

    for (const std::int64_t s : self)
        result.totalSelfNs = saturatingAdd(result.totalSelfNs, s);
    result.spans = scope.size();
    std::vector<std::int64_t> durations;
    std::vector<std::uint32_t> byDuration;
    result.members.reserve(scope.size());
    for (std::size_t g = 0; g < result.rows.size(); ++g) {
        if (options.cancel && options.cancel->load()) {
            result.cancelled = true;
            return result;
        }
        if (options.progress && g % std::max<std::size_t>(1, result.rows.size() / 20) == 0)
            options.progress(0.6 + 0.4 * static_cast<double>(g) / static_cast<double>(result.rows.size()));
        OperationStats& row = result.rows[g];
        byDuration.assign(members.begin() + begin[g], members.begin() + begin[g + 1]);
        std::sort(byDuration.begin(), byDuration.end(), [&](std::uint32_t a, std::uint32_t b) {
            const auto da = set.span(scope[a]).durationNs, db = set.span(scope[b]).durationNs;
            return da != db ? da < db : a < b;
        });
        durations.clear();
        for (const std::uint32_t i : byDuration) {
            const Span& span = set.span(scope[i]);
            durations.push_back(span.durationNs);
            row.totalNs = saturatingAdd(row.totalNs, span.durationNs);
            row.totalSelfNs = saturatingAdd(row.totalSelfNs, self[i]);
            row.errors += span.isError() ? 1 : 0;
            const double p = probabilities[set.forest().traceOf(scope[i]).value];
            row.estimatedCount += p > 0 ? 1 / p : 1;
            row.sampledSpans += p > 0 ? 1 : 0;
        }
        result.sampledSpans += row.sampledSpans;
        row.count = durations.size();
        row.minNs = durations.front();
        row.maxNs = durations.back();
        row.p50Ns = percentileOfSorted(durations, 50);
        row.p90Ns = percentileOfSorted(durations, 90);
        row.p95Ns = percentileOfSorted(durations, 95);
        row.p99Ns = percentileOfSorted(durations, 99);
        row.meanNs = static_cast<double>(row.totalNs) / static_cast<double>(row.count);
        row.shareOfTime =
            result.totalSelfNs > 0 ? static_cast<double>(row.totalSelfNs) / static_cast<double>(result.totalSelfNs) : 0;
        row.members = {
            static_cast<std::uint32_t>(result.members.size()), static_cast<std::uint32_t>(byDuration.size())};
        for (const std::uint32_t i : byDuration)
            result.members.push_back(scope[i]);
        row.slowest = scope[byDuration.back()];
        row.median = scope[byDuration[(byDuration.size() - 1) / 2]];
        for (auto it = byDuration.rbegin();
             it != byDuration.rend() && row.failing.size() < OperationStats::maxFailingExamples; ++it)
            if (set.span(scope[*it]).isError())
                row.failing.push_back(scope[*it]);
    }
    std::sort(result.rows.begin(), result.rows.end(), [](const OperationStats& a, const OperationStats& b) {
        return a.p99Ns != b.p99Ns ? a.p99Ns > b.p99Ns : a.count > b.count;
    });
    if (options.progress)
        options.progress(1.0);
    return result;
}

} // namespace Spanwise
