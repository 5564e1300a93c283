#include "criticalpath.h"

#include "traceset.h"

#include <algorithm>

namespace Spanwise {
namespace {

constexpr int maxDepth = 10000; // deeper chains are treated as leaves rather than overflow the stack

void walk(
    const TraceSet& set, SpanIndex spanIndex, std::int64_t until, int depth, std::vector<CriticalSegment>& reversed)
{
    const Span& span = set.span(spanIndex);
    const std::int64_t begin = span.startNs;
    std::int64_t cursor = std::min(until, span.endNs());
    // Children by end, latest first; each is clipped to [begin, cursor] when considered.
    std::vector<SpanIndex> children;
    if (depth < maxDepth) {
        const auto list = set.forest().childrenOf(spanIndex);
        children.assign(list.begin(), list.end());
        std::sort(children.begin(), children.end(),
            [&](SpanIndex a, SpanIndex b) { return set.span(a).endNs() > set.span(b).endNs(); });
    }
    for (const SpanIndex child : children) {
        if (cursor <= begin)
            break;
        const Span& c = set.span(child);
        const std::int64_t childEnd = std::min(c.endNs(), cursor);
        const std::int64_t childStart = std::max(c.startNs, begin);
        if (childEnd <= childStart || childStart >= cursor)
            continue; // finished outside what is left, or empty
        if (childEnd < cursor)
            reversed.push_back({spanIndex, childEnd, cursor}); // the parent's own work after the child
        walk(set, child, childEnd, depth + 1, reversed);
        cursor = childStart;
    }
    if (cursor > begin)
        reversed.push_back({spanIndex, begin, cursor});
}

} // namespace

std::vector<CriticalSegment> criticalPath(const TraceSet& set, TraceIndex trace)
{
    std::vector<CriticalSegment> reversed;
    const TraceInfo& info = set.trace(trace);
    if (!info.root.isValid())
        return reversed;
    walk(set, info.root, set.span(info.root).endNs(), 0, reversed);
    std::reverse(reversed.begin(), reversed.end());
    return reversed;
}

} // namespace Spanwise
