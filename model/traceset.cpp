#include "traceset.h"

#include <algorithm>

namespace Spanwise {

std::size_t TraceSet::errorSpanCount() const
{
    return static_cast<std::size_t>(
        std::count_if(m_spans.begin(), m_spans.end(), [](const Span& s) { return s.isError(); }));
}

std::size_t TraceSet::approximateBytes() const
{
    std::size_t bytes = m_spans.capacity() * sizeof(Span) + m_attributes.capacity() * sizeof(Attribute) +
        m_events.capacity() * sizeof(Event) + m_links.capacity() * sizeof(Link) +
        m_resources.capacity() * sizeof(Resource) + m_scopes.capacity() * sizeof(Scope);
    for (std::size_t i = 0; i < m_strings.size(); ++i)
        bytes +=
            sizeof(std::string) + m_strings.view(StringId {static_cast<std::uint32_t>(i)}).size() + 32; // + hash entry
    return bytes + m_forest.approximateBytes();
}

} // namespace Spanwise
