#include "waterfallrows.h"

#include "traceset.h"

#include <algorithm>

namespace Spanwise {

WaterfallRows::WaterfallRows(const TraceSet& set, const TraceInfo& trace)
{
    const auto order = set.forest().spansOf(trace);
    const std::size_t n = order.size();
    m_spans.assign(order.begin(), order.end());
    m_depth.resize(n);
    m_subtreeSize.assign(n, 1);
    m_subtreeStart.resize(n);
    m_subtreeEnd.resize(n);
    m_lastChild.assign(n, true);
    m_collapsed.assign(n, false);
    m_positionBySpan.reserve(n);
    for (std::uint32_t p = 0; p < n; ++p) {
        m_depth[p] = set.forest().depthOf(m_spans[p]);
        m_subtreeStart[p] = set.span(m_spans[p]).startNs;
        m_subtreeEnd[p] = set.span(m_spans[p]).endNs();
        m_positionBySpan.emplace_back(m_spans[p].value, p);
    }
    std::sort(m_positionBySpan.begin(), m_positionBySpan.end());
    // Bottom-up: a subtree's size and extent fold into its parent's. In depth-first order a
    // span's parent is the nearest earlier position with a smaller depth.
    std::vector<std::uint32_t> ancestors; // the open path from the root to the current position
    m_parent.assign(n, UINT32_MAX);
    std::vector<std::uint32_t>& parentOf = m_parent;
    for (std::uint32_t p = 0; p < n; ++p) {
        while (!ancestors.empty() && m_depth[ancestors.back()] >= m_depth[p])
            ancestors.pop_back();
        if (!ancestors.empty())
            parentOf[p] = ancestors.back();
        ancestors.push_back(p);
    }
    for (std::uint32_t p = static_cast<std::uint32_t>(n); p-- > 0;) {
        const std::uint32_t parent = parentOf[p];
        if (parent == UINT32_MAX)
            continue;
        m_subtreeSize[parent] += m_subtreeSize[p];
        m_subtreeStart[parent] = std::min(m_subtreeStart[parent], m_subtreeStart[p]);
        m_subtreeEnd[parent] = std::max(m_subtreeEnd[parent], m_subtreeEnd[p]);
    }
    // A child is its parent's last when its subtree ends where the parent's does.
    for (std::uint32_t p = 0; p < n; ++p)
        if (parentOf[p] != UINT32_MAX)
            m_lastChild[p] = p + m_subtreeSize[p] == parentOf[p] + m_subtreeSize[parentOf[p]];
    rebuildVisible();
}

std::int64_t WaterfallRows::positionOf(SpanIndex span) const
{
    const auto it = std::lower_bound(m_positionBySpan.begin(), m_positionBySpan.end(), std::pair(span.value, 0u));
    if (it == m_positionBySpan.end() || it->first != span.value)
        return -1;
    return it->second;
}

std::int64_t WaterfallRows::parentPosition(std::uint32_t position) const
{
    return m_parent[position] == UINT32_MAX ? -1 : std::int64_t(m_parent[position]);
}

void WaterfallRows::setCollapsed(std::uint32_t position, bool collapsed)
{
    if (!hasChildren(position) || m_collapsed[position] == collapsed)
        return;
    m_collapsed[position] = collapsed;
    rebuildVisible();
}

void WaterfallRows::expandAll()
{
    std::fill(m_collapsed.begin(), m_collapsed.end(), false);
    rebuildVisible();
}

void WaterfallRows::collapseAll()
{
    for (std::uint32_t p = 0; p < m_collapsed.size(); ++p)
        m_collapsed[p] = hasChildren(p);
    rebuildVisible();
}

void WaterfallRows::collapseOneLevel()
{
    std::int64_t deepest = -1;
    for (const std::uint32_t p : m_visible)
        if (hasChildren(p) && !m_collapsed[p])
            deepest = std::max<std::int64_t>(deepest, m_depth[p]);
    if (deepest < 0)
        return;
    for (const std::uint32_t p : m_visible)
        if (hasChildren(p) && m_depth[p] == deepest)
            m_collapsed[p] = true;
    rebuildVisible();
}

void WaterfallRows::expandOneLevel()
{
    std::int64_t shallowest = -1;
    for (const std::uint32_t p : m_visible)
        if (m_collapsed[p] && (shallowest < 0 || m_depth[p] < shallowest))
            shallowest = m_depth[p];
    if (shallowest < 0)
        return;
    for (const std::uint32_t p : m_visible)
        if (m_collapsed[p] && m_depth[p] == shallowest)
            m_collapsed[p] = false;
    rebuildVisible();
}

void WaterfallRows::reveal(std::uint32_t position)
{
    bool changed = false;
    for (std::int64_t p = parentPosition(position); p >= 0; p = parentPosition(static_cast<std::uint32_t>(p))) {
        changed = changed || m_collapsed[p];
        m_collapsed[p] = false;
    }
    if (changed)
        rebuildVisible();
}

void WaterfallRows::setOnlyShown(std::span<const std::uint32_t> positions)
{
    m_onlyShown.clear();
    if (!positions.empty()) {
        m_onlyShown.assign(m_spans.size(), false);
        for (const std::uint32_t p : positions) {
            for (std::int64_t a = p; a >= 0 && !m_onlyShown[a]; a = parentPosition(static_cast<std::uint32_t>(a)))
                m_onlyShown[a] = true;
        }
    }
    rebuildVisible();
}

std::int64_t WaterfallRows::rowOf(std::uint32_t position) const
{
    return position < m_rowOfPosition.size() ? m_rowOfPosition[position] : -1;
}

void WaterfallRows::rebuildVisible()
{
    m_visible.clear();
    m_rowOfPosition.assign(m_spans.size(), -1);
    const bool filtered = !m_onlyShown.empty();
    for (std::uint32_t p = 0; p < m_spans.size();) {
        if (filtered && !m_onlyShown[p]) {
            p += m_subtreeSize[p]; // no match below either: ancestors of matches are all marked
            continue;
        }
        m_rowOfPosition[p] = static_cast<std::int64_t>(m_visible.size());
        m_visible.push_back(p);
        p += (!filtered && m_collapsed[p]) ? m_subtreeSize[p] : 1;
    }
}

} // namespace Spanwise
