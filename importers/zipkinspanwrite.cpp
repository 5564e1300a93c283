// ZipkinSpanCollector's writing: paired spans into the model, each on its share's builder.
#include "zipkinspancollector.h"

#include "importcontext.h"
#include "spantimes.h"
#include "tracesetbuilder.h"

namespace Spanwise {

ResourceIndex ZipkinSpanCollector::resourceFor(const ZipkinEndpoint& local)
{
    if (const auto known = m_resources.find(local); known != m_resources.end())
        return known->second;
    TraceSetBuilder& builder = m_context.builder();
    std::vector<Attribute> attributes;
    const auto addText = [&](StringId name, StringId value) {
        if (!value.isValid())
            return;
        Attribute a;
        a.setKey(name);
        a.setType(AttributeType::String);
        a.text = value;
        attributes.push_back(a);
    };
    addText(m_names.serviceName, local.serviceName);
    addText(m_names.ipv4, local.ipv4);
    addText(m_names.ipv6, local.ipv6);
    if (local.port != 0) {
        Attribute a;
        a.setKey(m_names.port);
        a.setType(AttributeType::Int);
        a.integer = local.port;
        attributes.push_back(a);
    }
    const std::string_view service = local.serviceName.isValid() ? builder.text(local.serviceName) : "";
    const ResourceIndex index = builder.addResource(builder.service(service), builder.addAttributes(attributes));
    m_resources.emplace(local, index);
    return index;
}

void ZipkinSpanCollector::write(const ZipkinSpan& zipkin)
{
    TraceSetBuilder& builder = m_context.builder();
    Span span;
    span.traceId = zipkin.traceId;
    span.spanId = zipkin.id;
    if (!zipkin.validIds)
        span.flags |= SpanMissingId;
    if (zipkin.parentId && *zipkin.parentId != 0) {
        span.parentSpanId = *zipkin.parentId;
        span.flags |= SpanHasParentId;
    }
    if (zipkin.sharedServerHalf)
        span.flags |= SpanSharedServerHalf;
    span.operation = zipkin.name; // unset: the builder makes it the empty name
    span.kind = zipkin.kind;
    span.resource = resourceFor(zipkin.local);
    span.service = builder.resourceService(span.resource);
    // As Zipkin does: without a timestamp, the annotations' extent is the span's time (marked
    // derived); with neither, the trace index derives it from children or parent, or leaves it
    // without a place on the time axis.
    std::int64_t start = 0, duration = 0;
    if (zipkin.timestampNs) {
        start = *zipkin.timestampNs;
    } else {
        span.flags |= SpanMissingStart;
        if (zipkin.annotations.count > 0) {
            start = annotationsOf(zipkin).front().first;
            span.flags |= SpanTimeDerived;
        }
    }
    if (zipkin.durationNs) {
        duration = *zipkin.durationNs;
    } else {
        span.flags |= SpanMissingDuration;
        if (zipkin.annotations.count > 1)
            duration = saturatingSub(annotationsOf(zipkin).back().first, start); // hostile times overflow
    }
    if (const TimeRepairs repairs = setStartAndDuration(span, start, duration); repairs.any())
        m_writingMessages.push_back({zipkin.recordOffset, repairs.describe()});

    std::vector<Attribute>& attributes = m_attributes;
    attributes.clear();
    const auto addPooled = [&](StringId key, StringId value) {
        Attribute a;
        a.setKey(key);
        a.setType(AttributeType::String);
        a.text = value;
        attributes.push_back(a);
    };
    for (const auto& [keyId, valueId] : tagsOf(zipkin)) {
        addPooled(keyId, valueId);
        const std::string_view key = builder.text(keyId);
        const std::string_view value = builder.text(valueId);
        if (key == "error") {
            span.status = StatusCode::Error;
            if (!value.empty() && value != "true")
                span.statusMessage = valueId;
        } else if (key == "otel.status_code") {
            if (value == "ERROR")
                span.status = StatusCode::Error;
            else if (value == "OK" && span.status != StatusCode::Error)
                span.status = StatusCode::Ok;
        } else if (key == "otel.status_description" && !span.statusMessage.isValid()) {
            span.statusMessage = valueId;
        }
    }
    // Every text is pooled already: writing pools none (see m_names).
    if (zipkin.remote.serviceName.isValid())
        addPooled(m_names.remoteServiceName, zipkin.remote.serviceName);
    if (zipkin.remote.ipv4.isValid())
        addPooled(m_names.remoteIpv4, zipkin.remote.ipv4);
    if (zipkin.remote.ipv6.isValid())
        addPooled(m_names.remoteIpv6, zipkin.remote.ipv6);
    if (zipkin.remote.portText.isValid())
        addPooled(m_names.remotePort, zipkin.remote.portText);
    if (zipkin.debug)
        addPooled(m_names.debug, m_names.trueText);
    span.attributes = builder.addAttributes(attributes);

    std::vector<Event>& events = m_events;
    events.clear();
    for (const auto& [time, value] : annotationsOf(zipkin))
        events.push_back({clampTime(time), value, {}, 0});
    span.events = builder.addEvents(events);
    builder.setSpanSource(builder.addSpan(span), zipkin.recordOffset, zipkin.recordLength);
}

} // namespace Spanwise
