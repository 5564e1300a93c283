#include "tracesetbuilder.h"

#include <algorithm>

namespace Spanwise {

TraceSetBuilder::TraceSetBuilder()
    : m_set(std::make_unique<TraceSet>())
{ }

FileIndex TraceSetBuilder::addFile(std::string path)
{
    m_set->m_files.push_back(std::move(path));
    m_currentFile = FileIndex {static_cast<std::uint32_t>(m_set->m_files.size() - 1)};
    return m_currentFile;
}

ServiceId TraceSetBuilder::service(std::string_view name)
{
    const StringId nameId = intern(name.empty() ? unknownService : name);
    const auto [it, inserted] =
        m_serviceByName.try_emplace(nameId.value, ServiceId {static_cast<std::uint32_t>(m_set->m_serviceNames.size())});
    if (inserted)
        m_set->m_serviceNames.push_back(nameId);
    return it->second;
}

ResourceIndex TraceSetBuilder::addResource(ServiceId service, Range attributes)
{
    m_set->m_resources.push_back({service, attributes});
    return ResourceIndex {static_cast<std::uint32_t>(m_set->m_resources.size() - 1)};
}

ScopeIndex TraceSetBuilder::addScope(StringId name, StringId version, Range attributes)
{
    m_set->m_scopes.push_back({name, version, attributes});
    return ScopeIndex {static_cast<std::uint32_t>(m_set->m_scopes.size() - 1)};
}

template <typename T> Range TraceSetBuilder::append(std::vector<T>& to, std::span<const T> items)
{
    const Range range {static_cast<std::uint32_t>(to.size()), static_cast<std::uint32_t>(items.size())};
    to.insert(to.end(), items.begin(), items.end());
    return range;
}

Range TraceSetBuilder::addAttributes(std::span<const Attribute> attributes)
{
    return append(m_set->m_attributes, attributes);
}

Range TraceSetBuilder::addEvents(std::span<const Event> events)
{
    return append(m_set->m_events, events);
}

Range TraceSetBuilder::addLinks(std::span<const Link> links)
{
    return append(m_set->m_links, links);
}

SpanIndex TraceSetBuilder::addSpan(Span span)
{
    span.file = m_currentFile;
    m_set->m_spans.push_back(span);
    return SpanIndex {static_cast<std::uint32_t>(m_set->m_spans.size() - 1)};
}

void TraceSetBuilder::addSpanWarning(SpanIndex span, std::string_view text)
{
    m_set->m_spanWarnings.push_back({span, intern(text)});
}

void TraceSetBuilder::addTraceWarning(TraceId trace, std::string_view text)
{
    m_set->m_traceWarnings.push_back({trace, intern(text)});
}

std::shared_ptr<const TraceSet> TraceSetBuilder::finish()
{
    m_set->m_forest = TraceForest::build(m_set->m_spans);
    std::shared_ptr<const TraceSet> result = std::move(m_set);
    m_set = std::make_unique<TraceSet>();
    m_serviceByName.clear();
    m_currentFile = FileIndex {};
    return result;
}

} // namespace Spanwise
