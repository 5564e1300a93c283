#include "spanscope.h"

#include "traceset.h"

#include <cassert>

namespace Spanwise {

std::vector<SpanIndex> spansInScope(const TraceSet& set, const SpanScope& scope)
{
    std::vector<SpanIndex> spans;
    if (scope.onlyTrace) {
        const auto order = set.forest().spansOf(set.trace(*scope.onlyTrace));
        spans.assign(order.begin(), order.end());
    } else if (scope.onlyTraces) {
        const auto traces = set.traces();
        assert(scope.onlyTraces->size() == traces.size());
        for (std::size_t t = 0; t < traces.size() && t < scope.onlyTraces->size(); ++t)
            if ((*scope.onlyTraces)[t]) {
                const auto order = set.forest().spansOf(traces[t]);
                spans.insert(spans.end(), order.begin(), order.end());
            }
    } else {
        spans.resize(set.spans().size());
        for (std::uint32_t i = 0; i < spans.size(); ++i)
            spans[i] = SpanIndex {i};
    }
    return spans;
}

std::vector<TraceIndex> tracesInScope(const TraceSet& set, const SpanScope& scope)
{
    if (scope.onlyTrace)
        return {*scope.onlyTrace};
    std::vector<TraceIndex> traces;
    assert(!scope.onlyTraces || scope.onlyTraces->size() == set.traces().size());
    for (std::uint32_t t = 0; t < set.traces().size(); ++t)
        if (!scope.onlyTraces || (t < scope.onlyTraces->size() && (*scope.onlyTraces)[t]))
            traces.push_back(TraceIndex {t});
    return traces;
}

} // namespace Spanwise
