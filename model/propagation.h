#pragma once

#include "ids.h"

#include <string>
#include <vector>

namespace Spanwise {

class TraceSet;

// Where trace context did not travel (docs/analysis.md, "Propagation"). Every finding names its
// spans, so the window can open them.
struct PropagationFindings {
    // Spans whose parent id is set but names no span of their trace.
    std::vector<SpanIndex> orphanSpans;
    // Traces with more than one span that has no parent id (orphans are counted apart).
    std::vector<TraceIndex> multiRootTraces;
    // Orphan server/consumer spans whose parent is a client/producer span loaded in another
    // trace: the span id travelled, the trace id did not (the server span, its client span).
    std::vector<std::pair<SpanIndex, SpanIndex>> splitTraces;
    // Services that receive calls (have server or consumer spans), never with a remote parent,
    // while another service's client or producer span names them as its peer: the caller sent
    // context, the service started a trace of its own instead of extracting it. (An entry
    // service nobody names as a peer is not listed.)
    std::vector<std::string> notExtractingServices;
    // Links to spans of traces that are not loaded.
    std::vector<SpanIndex> linksOutside;
};

PropagationFindings findPropagationProblems(const TraceSet& set);

} // namespace Spanwise
