#pragma once

#include "ids.h"

#include <cstdint>
#include <string_view>

namespace Spanwise {

class TraceSet;

// Where a link points (spanwise --trace ID --span ID, a saved session): the ids people copy
// from a trace file or another tool, turned back into indexes of a loaded set.
struct SpanLocation {
    TraceIndex trace;
    SpanIndex span;
    // Why the ids do not resolve, in one sentence; empty when they do.
    std::string_view problem;
};

// Resolves hex ids. An empty trace id with a span id looks the span up in every trace; an
// empty span id selects the trace alone. Span ids repeat across traces (and, in broken data,
// within one): the first in the trace's display order wins.
SpanLocation locateSpan(const TraceSet& set, std::string_view hexTraceId, std::string_view hexSpanId);

} // namespace Spanwise
