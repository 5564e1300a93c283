#pragma once

#include "ids.h"

#include <cstdint>
#include <vector>

namespace Spanwise {

class TraceSet;

// One stretch of the critical path: the span that was doing the work that held the trace up
// during [startNs, endNs).
struct CriticalSegment {
    SpanIndex span;
    std::int64_t startNs = 0;
    std::int64_t endNs = 0;
};

// The critical path of a trace (from its first root), in time order: walking back from the
// root's end, at each moment the child that finished last before that moment is what the
// parent waited for; where no child runs, the parent's own work is on the path. Children are
// clipped to their parent (clock skew, async children that outlive it). The segments tile the
// root's duration exactly.
std::vector<CriticalSegment> criticalPath(const TraceSet& set, TraceIndex trace);

} // namespace Spanwise
