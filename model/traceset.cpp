#include "traceset.h"

#include "spantimes.h"

#include <algorithm>

namespace Spanwise {

std::shared_ptr<const TraceSet> TraceSet::withShiftedSpans(const std::vector<std::int64_t>& shiftNs) const
{
    assert(shiftNs.size() == m_spans.size());
    auto copy = std::make_shared<TraceSet>(*this);
    for (std::size_t i = 0; i < copy->m_spans.size(); ++i) {
        const std::int64_t shift = shiftNs[i];
        if (shift == 0)
            continue;
        Span& span = copy->m_spans[i];
        setStartAndDuration(span, saturatingAdd(span.startNs, shift), span.durationNs);
        for (std::uint32_t e = span.events.begin; e < span.events.end(); ++e)
            copy->m_events[e].timeNs = clampTime(saturatingAdd(copy->m_events[e].timeNs, shift));
    }
    copy->m_forest = TraceForest::build(copy->m_spans);
    return copy;
}

std::size_t TraceSet::errorSpanCount() const
{
    return static_cast<std::size_t>(
        std::count_if(m_spans.begin(), m_spans.end(), [](const Span& s) { return s.isError(); }));
}

std::size_t TraceSet::approximateBytes() const
{
    std::size_t bytes = m_spans.capacity() * sizeof(Span) + m_spanSources.capacity() * sizeof(SpanSource) +
        m_attributes.capacity() * sizeof(Attribute) + m_events.capacity() * sizeof(Event) +
        m_links.capacity() * sizeof(Link) + m_resources.capacity() * sizeof(Resource) +
        m_scopes.capacity() * sizeof(Scope);
    for (std::size_t i = 0; i < m_strings.size(); ++i)
        bytes +=
            sizeof(std::string) + m_strings.view(StringId {static_cast<std::uint32_t>(i)}).size() + 32; // + hash entry
    return bytes + m_forest.approximateBytes();
}

} // namespace Spanwise
