#pragma once

#include "ids.h"

#include <QString>

#include <cstdint>
#include <optional>
#include <vector>

namespace Spanwise {

class TraceSetPresentation;

// What the span table can be narrowed to. Empty fields do not filter.
struct SpanFilter {
    QString text;      // in service, operation or error message (case ignored)
    QString service;   // exactly this service
    QString operation; // operation contains this
    bool errorsOnly = false;
    std::optional<std::int64_t> minDurationNs;
    QString attribute; // "key=value", or "key" for any value
};

// For each span of `spans`, whether it passes.
std::vector<bool> spansPassing(
    const TraceSetPresentation& presentation, const std::vector<SpanIndex>& spans, const SpanFilter& filter);

} // namespace Spanwise
