#pragma once

#include "span.h"

#include <vector>

namespace Spanwise {

class TraceForest;

// Gives spans whose file recorded no time (Zipkin v2 allows it) a time derived as Zipkin's UI
// does: the span must cover its timed children, so it spans from the earliest child start to
// the latest child end; a span without timed descendants takes its parent's start, with zero
// duration. Such spans get SpanTimeDerived. A trace where no span has a time keeps them
// untimed (Span::hasTime() false). Returns whether any span changed, i.e. the forest, whose
// child order and time ranges depend on start times, needs building again.
bool deriveMissingTimes(std::vector<Span>& spans, const TraceForest& forest);

} // namespace Spanwise
