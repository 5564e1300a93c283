#include "selftime.h"

#include "traceset.h"

#include <algorithm>

namespace Spanwise {

std::int64_t selfTimeOf(const TraceSet& set, SpanIndex spanIndex)
{
    const Span& span = set.span(spanIndex);
    const std::int64_t begin = span.startNs;
    const std::int64_t end = span.endNs();
    if (end <= begin)
        return 0;
    // Children come in start order, so one sweep merges their clipped intervals.
    std::int64_t covered = 0;
    std::int64_t runBegin = 0, runEnd = 0;
    bool inRun = false;
    for (const SpanIndex child : set.forest().childrenOf(spanIndex)) {
        const Span& c = set.span(child);
        const std::int64_t b = std::clamp(c.startNs, begin, end);
        const std::int64_t e = std::clamp(c.endNs(), begin, end);
        if (e <= b)
            continue;
        if (inRun && b <= runEnd) {
            runEnd = std::max(runEnd, e);
        } else {
            if (inRun)
                covered += runEnd - runBegin;
            runBegin = b;
            runEnd = e;
            inRun = true;
        }
    }
    if (inRun)
        covered += runEnd - runBegin;
    return (end - begin) - covered;
}

std::vector<std::int64_t> selfTimes(const TraceSet& set)
{
    std::vector<std::int64_t> result(set.spans().size());
    for (std::uint32_t i = 0; i < result.size(); ++i)
        result[i] = selfTimeOf(set, SpanIndex {i});
    return result;
}

} // namespace Spanwise
