#include "linkindex.h"

#include "traceset.h"

#include <algorithm>
#include <tuple>

namespace Spanwise {

LinkIndex::LinkIndex(const TraceSet& set)
{
    const auto spans = set.spans();
    for (std::uint32_t i = 0; i < spans.size(); ++i)
        for (const Link& link : set.links(spans[i].links))
            m_entries.push_back({link.traceId, link.spanId, SpanIndex {i}});
    std::sort(m_entries.begin(), m_entries.end(), [](const Entry& a, const Entry& b) {
        return std::tie(a.trace, a.spanId, a.from) < std::tie(b.trace, b.spanId, b.from);
    });
}

std::vector<SpanIndex> LinkIndex::linksTo(TraceId trace, std::uint64_t spanId) const
{
    const auto key = [](const Entry& e) { return std::tie(e.trace, e.spanId); };
    const Entry probe {trace, spanId, SpanIndex {0}};
    auto it = std::lower_bound(
        m_entries.begin(), m_entries.end(), probe, [&](const Entry& a, const Entry& b) { return key(a) < key(b); });
    std::vector<SpanIndex> result;
    for (; it != m_entries.end() && it->trace == trace && it->spanId == spanId; ++it)
        if (result.empty() || result.back() != it->from)
            result.push_back(it->from);
    return result;
}

SpanIndex LinkIndex::resolve(const TraceSet& set, TraceId trace, std::uint64_t spanId)
{
    const TraceIndex index = set.forest().findTrace(trace);
    if (!index.isValid())
        return {};
    for (const SpanIndex s : set.forest().spansOf(set.trace(index)))
        if (set.span(s).spanId == spanId)
            return s;
    return {};
}

} // namespace Spanwise
