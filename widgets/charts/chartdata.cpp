#include "chartdata.h"

#include "selftime.h"
#include "spantimes.h"
#include "traceset.h"

#include <algorithm>
#include <climits>

namespace Spanwise {

ServiceCallRates computeServiceRates(const TraceSet& set, const SpanScope& scope)
{
    ServiceCallRates rates;
    const std::vector<SpanIndex> inScope = spansInScope(set, scope);
    // The time range of the traces in scope.
    std::int64_t first = INT64_MAX, last = INT64_MIN;
    for (const SpanIndex s : inScope) {
        const TraceInfo& trace = set.trace(set.forest().traceOf(s));
        if (trace.hasTime) {
            first = std::min(first, trace.startNs);
            last = std::max(last, trace.endNs);
        }
    }
    if (first > last)
        return rates;
    const std::int64_t bucketNs = std::max<std::int64_t>(1, (last - first) / ServiceRates::bucketCount + 1);
    for (ServiceRates* r : {&rates.calls, &rates.failures}) {
        r->firstNs = first;
        r->bucketNs = bucketNs;
        r->counts.assign(set.serviceNames().size(), std::vector<int>(ServiceRates::bucketCount, 0));
    }
    for (const SpanIndex s : inScope) {
        const Span& span = set.span(s);
        const SpanIndex parent = set.forest().parentOf(s);
        const bool entry = !parent.isValid() || set.span(parent).service != span.service;
        if (!entry || !span.hasTime())
            continue;
        const auto bucket = static_cast<std::size_t>(
            std::clamp<std::int64_t>((span.startNs - first) / bucketNs, 0, ServiceRates::bucketCount - 1));
        rates.calls.counts[span.service.value][bucket]++;
        if (span.isError())
            rates.failures.counts[span.service.value][bucket]++;
    }
    return rates;
}

std::vector<std::int64_t> selfTimePerService(const TraceSet& set, TraceIndex trace)
{
    std::vector<std::int64_t> self(set.serviceNames().size(), 0);
    for (const SpanIndex s : set.forest().spansOf(set.trace(trace)))
        self[set.span(s).service.value] = saturatingAdd(self[set.span(s).service.value], selfTimeOf(set, s));
    return self;
}

} // namespace Spanwise
