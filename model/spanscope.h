#pragma once

#include "ids.h"

#include <memory>
#include <optional>
#include <vector>

namespace Spanwise {

class TraceSet;

// Which traces an analysis covers (statistics, the dependency map): one trace, the traces a
// filter passed, or everything loaded.
struct SpanScope {
    std::optional<TraceIndex> onlyTrace;
    std::shared_ptr<const std::vector<bool>> onlyTraces; // by TraceIndex; null: no restriction
};

// The spans of the traces in scope, trace by trace in depth-first order (or every span, in
// index order, when nothing restricts it).
std::vector<SpanIndex> spansInScope(const TraceSet& set, const SpanScope& scope);
// The traces in scope, in index order (every trace when nothing restricts it).
std::vector<TraceIndex> tracesInScope(const TraceSet& set, const SpanScope& scope);

} // namespace Spanwise
