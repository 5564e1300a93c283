#pragma once

#include <QString>

#include <cstdint>
#include <vector>

namespace Spanwise {

class TraceSet;
class WaterfallRows;

// The positions (in WaterfallRows order) of the spans whose service, operation, span id, or
// any attribute key or value contains `text`, ignoring ASCII case. Empty text matches nothing.
std::vector<std::uint32_t> findSpans(const TraceSet& set, const WaterfallRows& rows, const QString& text);

} // namespace Spanwise
