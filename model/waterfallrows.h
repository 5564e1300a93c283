#pragma once

#include "ids.h"

#include <cstdint>
#include <span>
#include <vector>

namespace Spanwise {

class TraceSet;
struct TraceInfo;

// The rows of one trace's waterfall: every span in depth-first order ("positions"), with what
// collapsing needs precomputed, and the rows visible under the current collapse state.
// Contract: a span's subtree is the contiguous run of positions [p, p + subtreeSize(p)), so
// hiding a subtree is a skip, and visible rows are rebuilt in one linear pass — at a million
// spans a few milliseconds, never per frame.
class WaterfallRows
{
public:
    WaterfallRows() = default;
    WaterfallRows(const TraceSet& set, const TraceInfo& trace);

    std::uint32_t spanCount() const { return static_cast<std::uint32_t>(m_spans.size()); }
    SpanIndex spanAt(std::uint32_t position) const { return m_spans[position]; }
    std::uint32_t depthAt(std::uint32_t position) const { return m_depth[position]; }
    std::uint32_t subtreeSize(std::uint32_t position) const { return m_subtreeSize[position]; }
    bool hasChildren(std::uint32_t position) const { return m_subtreeSize[position] > 1; }
    // The last child of its parent (tree guides end there).
    bool isLastChild(std::uint32_t position) const { return m_lastChild[position]; }
    std::int64_t subtreeStart(std::uint32_t position) const { return m_subtreeStart[position]; }
    std::int64_t subtreeEnd(std::uint32_t position) const { return m_subtreeEnd[position]; }
    // The position of a span, or -1 when it is not in this trace.
    std::int64_t positionOf(SpanIndex span) const;
    std::int64_t parentPosition(std::uint32_t position) const;

    bool isCollapsed(std::uint32_t position) const { return m_collapsed[position]; }
    void setCollapsed(std::uint32_t position, bool collapsed);
    void toggle(std::uint32_t position) { setCollapsed(position, !m_collapsed[position]); }
    void expandAll();
    void collapseAll();
    // Collapses the deepest expanded level that is visible; expands the shallowest collapsed one.
    void collapseOneLevel();
    void expandOneLevel();
    // Makes a position visible by expanding its ancestors.
    void reveal(std::uint32_t position);
    // Shows only these positions and their ancestors (search "matches only"); empty: off.
    void setOnlyShown(std::span<const std::uint32_t> positions);
    bool isFilteredToMatches() const { return !m_onlyShown.empty(); }

    // Visible rows, as positions, top to bottom.
    std::span<const std::uint32_t> visible() const { return m_visible; }
    // The visible row of a position, or -1 when it is hidden.
    std::int64_t rowOf(std::uint32_t position) const;

private:
    void rebuildVisible();

    std::vector<SpanIndex> m_spans;
    std::vector<std::uint32_t> m_depth;
    std::vector<std::uint32_t> m_parent; // UINT32_MAX for roots
    std::vector<std::uint32_t> m_subtreeSize;
    std::vector<std::int64_t> m_subtreeStart;
    std::vector<std::int64_t> m_subtreeEnd;
    std::vector<bool> m_lastChild;
    std::vector<bool> m_collapsed;
    std::vector<bool> m_onlyShown;
    std::vector<std::uint32_t> m_visible;
    std::vector<std::int64_t> m_rowOfPosition;                             // -1 when hidden
    std::vector<std::pair<std::uint32_t, std::uint32_t>> m_positionBySpan; // (span, position), sorted
};

} // namespace Spanwise
