#pragma once

#include "ids.h"

#include <cstdint>
#include <vector>

namespace Spanwise {

class TraceSet;

// Self time: the part of a span's duration not covered by any of its children, with children
// clipped to the parent's interval (a child that outlives its parent or starts after it ends
// covers only what overlaps) and overlapping children counted once.
std::int64_t selfTimeOf(const TraceSet& set, SpanIndex span);

// Self time of every span, indexed by SpanIndex.
std::vector<std::int64_t> selfTimes(const TraceSet& set);

} // namespace Spanwise
