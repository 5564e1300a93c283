// TraceSetBuilder::absorb: joining the parts of one file read on several threads.
#include "tracesetbuilder.h"

#include <cassert>

namespace Spanwise {
TraceSetBuilder::Absorbed TraceSetBuilder::absorb(TraceSetBuilder&& other, const AlreadyHere& alreadyHere)
{
    TraceSet& to = *m_set;
    TraceSet& from = *other.m_set;
    Absorbed result;
    result.firstSpan = static_cast<std::uint32_t>(to.m_spans.size());

    // Strings in the order the other met them: each new one gets the id one reader would have.
    result.strings.reserve(from.m_strings.size());
    for (std::uint32_t id = 0; id < from.m_strings.size(); ++id)
        result.strings.push_back(intern(from.m_strings.view(StringId {id})));
    const auto string = [&](StringId id) { return id.isValid() ? result.strings[id.value] : id; };

    std::vector<ServiceId> services;
    services.reserve(from.m_serviceNames.size());
    for (const StringId name : from.m_serviceNames)
        services.push_back(service(from.m_strings.view(name)));

    // Resources: the shared ones (and its bare one per service) are this builder's own already.
    result.resources.assign(from.m_resources.size(), ResourceIndex {});
    std::vector<AttributeMap::Replaced> replaced;
    for (const SameResource& pair : alreadyHere.resources) {
        assert(pair.other.value < from.m_resources.size() && pair.here.value < to.m_resources.size());
        result.resources[pair.other.value] = pair.here;
        replaced.push_back({from.m_resources[pair.other.value].attributes, to.m_resources[pair.here.value].attributes});
    }
    for (const SameAttributes& pair : alreadyHere.attributes)
        replaced.push_back({pair.other, pair.here});
    std::vector<bool> bare(from.m_resources.size(), false);
    for (const ResourceIndex resource : other.m_bareResources)
        if (resource.isValid())
            bare[resource.value] = true;
    result.attributes = AttributeMap(static_cast<std::uint32_t>(to.m_attributes.size()), std::move(replaced));
    const AttributeMap& shift = result.attributes;
    for (std::uint32_t r = 0; r < from.m_resources.size(); ++r) {
        if (result.resources[r].isValid())
            continue;
        const Resource& resource = from.m_resources[r];
        const ServiceId service = services[resource.service.value];
        if (bare[r]) {
            if (m_bareResources.size() <= service.value)
                m_bareResources.resize(service.value + 1);
            ResourceIndex& here = m_bareResources[service.value];
            if (here.isValid()) {
                result.resources[r] = here;
                continue;
            }
            here = ResourceIndex {static_cast<std::uint32_t>(to.m_resources.size())};
        }
        result.resources[r] = ResourceIndex {static_cast<std::uint32_t>(to.m_resources.size())};
        to.m_resources.push_back({service, shift.map(resource.attributes), resource.droppedAttributes});
    }

    to.m_attributes.reserve(to.m_attributes.size() + from.m_attributes.size());
    for (std::uint32_t i = 0; i < from.m_attributes.size(); ++i) {
        if (shift.isLeftOut(i))
            continue;
        Attribute attribute = from.m_attributes[i];
        attribute.setKey(string(attribute.key()));
        if (attribute.type() == AttributeType::String || attribute.type() == AttributeType::Bytes)
            attribute.text = string(attribute.text);
        else if (attribute.type() == AttributeType::Array || attribute.type() == AttributeType::KeyValueList)
            attribute.children = shift.map(attribute.children);
        to.m_attributes.push_back(attribute);
    }
    const auto eventBase = static_cast<std::uint32_t>(to.m_events.size());
    for (Event event : from.m_events) {
        event.name = string(event.name);
        event.attributes = shift.map(event.attributes);
        to.m_events.push_back(event);
    }
    const auto linkBase = static_cast<std::uint32_t>(to.m_links.size());
    for (Link link : from.m_links) {
        link.traceState = string(link.traceState);
        link.attributes = shift.map(link.attributes);
        to.m_links.push_back(link);
    }
    const auto scopeBase = static_cast<std::uint32_t>(to.m_scopes.size());
    for (Scope scope : from.m_scopes) {
        scope.name = string(scope.name);
        scope.version = string(scope.version);
        scope.attributes = shift.map(scope.attributes);
        to.m_scopes.push_back(scope);
    }

    const auto shifted = [](Range range, std::uint32_t base) {
        return range.count == 0 ? range : Range {range.begin + base, range.count};
    };
    to.m_spans.reserve(to.m_spans.size() + from.m_spans.size());
    for (Span span : from.m_spans) {
        span.operation = string(span.operation);
        span.statusMessage = string(span.statusMessage);
        span.traceState = string(span.traceState);
        span.service = services[span.service.value];
        span.resource = result.resources[span.resource.value];
        if (span.scope.isValid())
            span.scope = ScopeIndex {span.scope.value + scopeBase};
        span.attributes = shift.map(span.attributes);
        span.events = shifted(span.events, eventBase);
        span.links = shifted(span.links, linkBase);
        to.m_spans.push_back(span);
    }
    if (!from.m_spanSources.empty()) {
        to.m_spanSources.resize(result.firstSpan);
        to.m_spanSources.insert(to.m_spanSources.end(), from.m_spanSources.begin(), from.m_spanSources.end());
    }
    for (const auto& [span, drops] : from.m_spanDrops)
        to.m_spanDrops.emplace_back(span + result.firstSpan, drops);
    for (const SpanWarning& warning : from.m_spanWarnings)
        to.m_spanWarnings.push_back({SpanIndex {warning.span.value + result.firstSpan}, string(warning.text)});
    for (const TraceWarning& warning : from.m_traceWarnings)
        to.m_traceWarnings.push_back({warning.traceId, string(warning.text)});
    for (LogRecord log : from.m_logs) {
        log.severityText = string(log.severityText);
        log.body = string(log.body);
        log.service = string(log.service);
        log.attributes = shift.map(log.attributes);
        addLog(log);
    }
    other = TraceSetBuilder();
    return result;
}

} // namespace Spanwise
