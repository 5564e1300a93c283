#include "tracesetbuilder.h"

#include "missingtimes.h"
#include "spantimes.h"

#include <algorithm>
#include <cassert>

namespace Spanwise {
namespace {

// An id an importer left unset names the empty string: views print text without checks.
void orEmpty(StringId& id)
{
    if (!id.isValid())
        id = StringPool::empty();
}

} // namespace

TraceSetBuilder::TraceSetBuilder()
    : m_set(std::make_unique<TraceSet>())
{ }

FileIndex TraceSetBuilder::addFile(std::string path)
{
    m_set->m_files.push_back(std::move(path));
    m_set->m_fileFirstSpans.push_back(static_cast<std::uint32_t>(m_set->m_spans.size()));
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
    orEmpty(name);
    orEmpty(version);
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
    const Range range = append(m_set->m_attributes, attributes);
    for (std::uint32_t i = range.begin; i < range.end(); ++i) {
        Attribute& attribute = m_set->m_attributes[i];
        if (!attribute.key().isValid())
            attribute.setKey(StringPool::empty());
        if (attribute.type() == AttributeType::String || attribute.type() == AttributeType::Bytes)
            orEmpty(attribute.text);
    }
    return range;
}

Range TraceSetBuilder::addEvents(std::span<const Event> events)
{
    const Range range = append(m_set->m_events, events);
    for (std::uint32_t i = range.begin; i < range.end(); ++i)
        orEmpty(m_set->m_events[i].name);
    return range;
}

Range TraceSetBuilder::addLinks(std::span<const Link> links)
{
    const Range range = append(m_set->m_links, links);
    for (std::uint32_t i = range.begin; i < range.end(); ++i)
        orEmpty(m_set->m_links[i].traceState);
    return range;
}

SpanIndex TraceSetBuilder::addSpan(Span span)
{
    // Whatever a file left out, a span in the model names texts, a service and a resource.
    orEmpty(span.operation);
    orEmpty(span.statusMessage);
    orEmpty(span.traceState);
    if (!span.resource.isValid()) {
        // One attribute-less resource per service, not one per span.
        if (!span.service.isValid())
            span.service = service(unknownService);
        if (m_bareResources.size() <= span.service.value)
            m_bareResources.resize(span.service.value + 1);
        ResourceIndex& bare = m_bareResources[span.service.value];
        if (!bare.isValid())
            bare = addResource(span.service, {});
        span.resource = bare;
    }
    if (!span.service.isValid())
        span.service = resourceService(span.resource);
    assert(span.resource.value < m_set->m_resources.size() && span.service.value < m_set->m_serviceNames.size());
    // Importers set times through spantimes.h; a span made in code that did not is clamped here.
    if (span.startNs < -maxTimeNs || span.startNs > maxTimeNs || span.durationNs < 0 ||
        span.durationNs > maxTimeNs - span.startNs)
        (void)setStartAndDuration(span, span.startNs, span.durationNs);
    m_set->m_spans.push_back(span);
    return SpanIndex {static_cast<std::uint32_t>(m_set->m_spans.size() - 1)};
}

void TraceSetBuilder::expectSpans(std::size_t count)
{
    // Typical spans carry up to a dozen attributes and an event; more only costs a copy later.
    constexpr std::size_t attributesPerSpan = 12;
    m_set->m_spans.reserve(m_set->m_spans.size() + count);
    m_set->m_spanSources.reserve(m_set->m_spanSources.size() + count);
    m_set->m_attributes.reserve(m_set->m_attributes.size() + count * attributesPerSpan);
    m_set->m_events.reserve(m_set->m_events.size() + count);
}

void TraceSetBuilder::setSpanDrops(SpanIndex span, SpanDrops drops)
{
    assert(span.value < m_set->m_spans.size());
    if (!drops.any())
        return;
    auto& table = m_set->m_spanDrops;
    // Importers set drops right after adding the span, so the table stays in span order.
    assert(table.empty() || table.back().first < span.value);
    table.emplace_back(span.value, drops);
}

void TraceSetBuilder::setSpanSource(SpanIndex span, std::uint64_t offset, std::uint64_t length, std::uint32_t protoSpan)
{
    assert(span.value < m_set->m_spans.size());
    if (length == 0 || length > UINT32_MAX)
        return;
    std::vector<SpanSource>& sources = m_set->m_spanSources;
    if (sources.size() <= span.value)
        sources.resize(m_set->m_spans.size());
    sources[span.value] = {offset, static_cast<std::uint32_t>(length), protoSpan};
}

void TraceSetBuilder::shiftSourceOffsets(std::uint64_t by)
{
    for (SpanSource& source : m_set->m_spanSources)
        if (source.known())
            source.offset += by;
    for (LogRecord& log : m_set->m_logs)
        log.offset += by;
}

void TraceSetBuilder::addSpanWarning(SpanIndex span, std::string_view text)
{
    m_set->m_spanWarnings.push_back({span, intern(text)});
}

void TraceSetBuilder::addTraceWarning(TraceId trace, std::string_view text)
{
    m_set->m_traceWarnings.push_back({trace, intern(text)});
}

void TraceSetBuilder::addLog(LogRecord log)
{
    log.file = m_currentFile;
    m_set->m_logs.push_back(log);
}

std::shared_ptr<const TraceSet> TraceSetBuilder::finish()
{
    m_set->m_forest = TraceForest::build(m_set->m_spans);
    if (deriveMissingTimes(m_set->m_spans, m_set->m_forest))
        m_set->m_forest = TraceForest::build(m_set->m_spans);
    m_set->attachLogs();
    std::shared_ptr<const TraceSet> result = std::move(m_set);
    m_set = std::make_unique<TraceSet>();
    m_serviceByName.clear();
    m_currentFile = FileIndex {};
    m_bareResources.clear();
    return result;
}

} // namespace Spanwise
