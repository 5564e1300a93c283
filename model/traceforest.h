#pragma once

#include "diagnostic.h"
#include "ids.h"
#include "span.h"

#include <span>
#include <vector>

namespace Spanwise {

// One trace: the spans sharing a trace id, as a run of the forest's depth-first order.
struct TraceInfo {
    TraceId id;
    Range order;    // into TraceForest::depthFirstOrder()
    SpanIndex root; // the first root in display order
    std::uint32_t rootCount = 0;
    std::uint32_t errorCount = 0;
    std::uint32_t serviceCount = 0;
    std::int64_t startNs = 0;
    std::int64_t endNs = 0;
    bool hasTime = false; // some span has a recorded or derived time; else start and end mean nothing

    std::int64_t durationNs() const { return endNs - startNs; }
    std::uint32_t spanCount() const { return order.count; }
};

// The parent/child structure of every trace in a span array.
// Contract: every span appears exactly once in depthFirstOrder(), inside its trace's run; a
// span's parent (if any) is in the same trace and precedes it; children are in start order
// (ties by input order). Missing parents, duplicate ids and cycles are repaired the same way
// on every run and listed in diagnostics(). Nothing is dropped.
class TraceForest
{
public:
    static TraceForest build(std::span<const Span> spans);
    // The same, the traces cut into `parts` runs built on as many threads (the result does not
    // depend on it; build() picks the count from the size and the cores).
    static TraceForest build(std::span<const Span> spans, std::size_t parts);

    std::span<const TraceInfo> traces() const { return m_traces; }
    std::span<const SpanIndex> depthFirstOrder() const { return m_order; }
    std::span<const SpanIndex> spansOf(const TraceInfo& trace) const;
    std::span<const SpanIndex> childrenOf(SpanIndex span) const;
    SpanIndex parentOf(SpanIndex span) const { return m_parent[span.value]; }
    std::uint32_t depthOf(SpanIndex span) const { return m_depth[span.value]; }
    TraceIndex traceOf(SpanIndex span) const { return m_traceOf[span.value]; }
    std::span<const Diagnostic> diagnostics() const { return m_diagnostics; }
    std::size_t approximateBytes() const
    {
        return m_traces.size() * sizeof(TraceInfo) + (m_order.size() + m_parent.size() + m_children.size()) * 4 +
            (m_depth.size() + m_traceOf.size() + m_childBegin.size()) * 4;
    }
    // Index of the trace with this id, or an invalid index.
    TraceIndex findTrace(TraceId id) const;

private:
    class Builder;

    std::vector<TraceInfo> m_traces;         // sorted by trace id
    std::vector<SpanIndex> m_order;          // depth-first, trace by trace
    std::vector<SpanIndex> m_parent;         // per span
    std::vector<std::uint32_t> m_depth;      // per span
    std::vector<TraceIndex> m_traceOf;       // per span
    std::vector<std::uint32_t> m_childBegin; // per span + 1: CSR offsets into m_children
    std::vector<SpanIndex> m_children;
    std::vector<Diagnostic> m_diagnostics;
};

} // namespace Spanwise
