#include "spanlookup.h"

#include "hexid.h"
#include "traceset.h"

namespace Spanwise {
namespace {

SpanIndex findSpanIn(const TraceSet& set, const TraceInfo& trace, std::uint64_t spanId)
{
    for (const SpanIndex span : set.forest().spansOf(trace))
        if (set.spans()[span.value].spanId == spanId)
            return span;
    return {};
}

} // namespace

SpanLocation locateSpan(const TraceSet& set, std::string_view hexTraceId, std::string_view hexSpanId)
{
    const TraceForest& forest = set.forest();
    SpanLocation location;
    if (!hexTraceId.empty()) {
        const auto traceId = parseHexTraceId(hexTraceId);
        if (!traceId)
            return {{}, {}, "the trace id is not a hex id of up to 32 digits"};
        location.trace = forest.findTrace(*traceId);
        if (!location.trace.isValid())
            return {{}, {}, "no trace with that id is loaded"};
    }
    if (hexSpanId.empty()) {
        if (!location.trace.isValid())
            return {{}, {}, "neither a trace id nor a span id was given"};
        return location;
    }
    const auto spanId = parseHexSpanId(hexSpanId);
    if (!spanId)
        return {location.trace, {}, "the span id is not a hex id of up to 16 digits"};
    if (location.trace.isValid()) {
        location.span = findSpanIn(set, forest.traces()[location.trace.value], *spanId);
        if (!location.span.isValid())
            location.problem = "the trace has no span with that id";
        return location;
    }
    for (std::size_t t = 0; t < forest.traces().size(); ++t) {
        const SpanIndex span = findSpanIn(set, forest.traces()[t], *spanId);
        if (span.isValid())
            return {TraceIndex {static_cast<std::uint32_t>(t)}, span, {}};
    }
    return {{}, {}, "no loaded trace has a span with that id"};
}

} // namespace Spanwise
