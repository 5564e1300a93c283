#pragma once

#include "ids.h"

#include <cstdint>
#include <string_view>

namespace Spanwise {

enum class DiagnosticKind : std::uint8_t {
    MissingParent,   // the parent id names no span of this trace: the span is shown as a root
    DuplicateSpanId, // another span of this trace has the same id: both are kept
    CycleBroken,     // the span's parent chain looped back to it: its parent link was cut
};

// A structural problem found while indexing, attached to the span it concerns.
// `other` is the span it relates to where there is one (the first span with a duplicate id).
struct Diagnostic {
    DiagnosticKind kind;
    SpanIndex span;
    SpanIndex other;
};

std::string_view diagnosticName(DiagnosticKind kind);

} // namespace Spanwise
