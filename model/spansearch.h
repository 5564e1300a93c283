#pragma once

#include <cstdint>
#include <vector>

namespace Spanwise {

class SpanQuery;
class WaterfallRows;

// The positions (in WaterfallRows order) of the spans the query holds on: the in-trace search.
// An empty query matches nothing (nothing searched for, nothing to highlight).
std::vector<std::uint32_t> findSpans(const SpanQuery& query, const WaterfallRows& rows);

} // namespace Spanwise
