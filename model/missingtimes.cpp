#include "missingtimes.h"

#include "traceforest.h"

#include <algorithm>
#include <ranges>

namespace Spanwise {

bool deriveMissingTimes(std::vector<Span>& spans, const TraceForest& forest)
{
    const auto untimed = [&](SpanIndex s) { return !spans[s.value].hasTime(); };
    if (std::none_of(spans.begin(), spans.end(), [](const Span& s) { return !s.hasTime(); }))
        return false;
    bool changed = false;
    const auto order = forest.depthFirstOrder();
    // Children come after their parent in depth-first order: walking it backwards sees every
    // child (and so every derived grandchild) before its parent.
    for (const SpanIndex s : std::views::reverse(order)) {
        if (!untimed(s))
            continue;
        std::int64_t first = 0, last = 0;
        bool any = false;
        for (const SpanIndex child : forest.childrenOf(s)) {
            if (untimed(child))
                continue;
            first = any ? std::min(first, spans[child.value].startNs) : spans[child.value].startNs;
            last = any ? std::max(last, spans[child.value].endNs()) : spans[child.value].endNs();
            any = true;
        }
        if (!any)
            continue;
        spans[s.value].startNs = first;
        spans[s.value].durationNs = last - first;
        spans[s.value].flags |= SpanTimeDerived;
        changed = true;
    }
    // Then, parents before children: a leaf with no time sits at its parent's start.
    for (const SpanIndex s : order) {
        const SpanIndex parent = forest.parentOf(s);
        if (!untimed(s) || !parent.isValid() || untimed(parent))
            continue;
        spans[s.value].startNs = spans[parent.value].startNs;
        spans[s.value].durationNs = 0;
        spans[s.value].flags |= SpanTimeDerived;
        changed = true;
    }
    return changed;
}

} // namespace Spanwise
