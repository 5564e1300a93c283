#include "otlpexport.h"

#include "otlpjsonwriter.h"
#include "traceset.h"

#include "opentelemetry/proto/trace/v1/trace.pb.h"

#include <algorithm>
#include <map>
#include <utility>

namespace Spanwise {
namespace {

namespace otlp = opentelemetry::proto;

std::string bytesOf(std::uint64_t value)
{
    std::string bytes(8, '\0');
    for (int i = 7; i >= 0; --i, value >>= 8)
        bytes[static_cast<std::size_t>(i)] = static_cast<char>(value & 0xff);
    return bytes;
}

std::string bytesOf(TraceId id)
{
    return bytesOf(id.hi) + bytesOf(id.lo);
}

class Converter
{
public:
    explicit Converter(const TraceSet& set)
        : m_set(set)
    { }

    void value(const Attribute& a, otlp::common::v1::AnyValue& out) const
    {
        switch (a.type()) {
        case AttributeType::String:
            out.set_string_value(std::string(m_set.text(a.text)));
            break;
        case AttributeType::Bytes:
            out.set_bytes_value(std::string(m_set.text(a.text)));
            break;
        case AttributeType::Bool:
            out.set_bool_value(a.boolean);
            break;
        case AttributeType::Int:
            out.set_int_value(a.integer);
            break;
        case AttributeType::Double:
            out.set_double_value(a.real);
            break;
        case AttributeType::Array:
            for (const Attribute& element : m_set.attributes(a.children))
                value(element, *out.mutable_array_value()->add_values());
            break;
        case AttributeType::KeyValueList:
            attributes(a.children, *out.mutable_kvlist_value()->mutable_values());
            break;
        case AttributeType::Empty:
            break;
        }
    }

    void attributes(Range range, google::protobuf::RepeatedPtrField<otlp::common::v1::KeyValue>& out) const
    {
        for (const Attribute& a : m_set.attributes(range)) {
            auto& pair = *out.Add();
            pair.set_key(std::string(m_set.text(a.key())));
            value(a, *pair.mutable_value());
        }
    }

    void resource(ResourceIndex index, ServiceId service, otlp::resource::v1::Resource& out) const
    {
        if (index.isValid()) {
            const Resource& resource = m_set.resource(index);
            attributes(resource.attributes, *out.mutable_attributes());
            out.set_dropped_attributes_count(resource.droppedAttributes);
        }
        const bool named =
            std::ranges::any_of(out.attributes(), [](const auto& a) { return a.key() == "service.name"; });
        if (!named) {
            auto& pair = *out.add_attributes();
            pair.set_key("service.name");
            pair.mutable_value()->set_string_value(std::string(m_set.serviceName(service)));
        }
    }

    void scope(ScopeIndex index, otlp::common::v1::InstrumentationScope& out) const
    {
        if (!index.isValid())
            return;
        const Scope& scope = m_set.scope(index);
        out.set_name(std::string(m_set.text(scope.name)));
        out.set_version(std::string(m_set.text(scope.version)));
        attributes(scope.attributes, *out.mutable_attributes());
    }

    void span(SpanIndex index, otlp::trace::v1::Span& out) const
    {
        const Span& s = m_set.span(index);
        out.set_trace_id(bytesOf(s.traceId));
        out.set_span_id(bytesOf(s.spanId));
        out.set_trace_state(std::string(m_set.text(s.traceState)));
        if (s.hasParentId())
            out.set_parent_span_id(bytesOf(s.parentSpanId));
        out.set_flags(s.traceFlags);
        out.set_name(std::string(m_set.text(s.operation)));
        out.set_kind(static_cast<otlp::trace::v1::Span::SpanKind>(s.kind));
        if (s.hasTime()) {
            out.set_start_time_unix_nano(static_cast<std::uint64_t>(s.startNs));
            out.set_end_time_unix_nano(static_cast<std::uint64_t>(s.endNs()));
        }
        attributes(s.attributes, *out.mutable_attributes());
        const SpanDrops drops = m_set.dropsOf(index);
        out.set_dropped_attributes_count(drops.attributes);
        for (const Event& e : m_set.events(s.events)) {
            auto& event = *out.add_events();
            event.set_time_unix_nano(static_cast<std::uint64_t>(e.timeNs));
            event.set_name(std::string(m_set.text(e.name)));
            attributes(e.attributes, *event.mutable_attributes());
            event.set_dropped_attributes_count(e.droppedAttributes);
        }
        out.set_dropped_events_count(drops.events);
        for (const Link& l : m_set.links(s.links)) {
            auto& link = *out.add_links();
            link.set_trace_id(bytesOf(l.traceId));
            link.set_span_id(bytesOf(l.spanId));
            link.set_trace_state(std::string(m_set.text(l.traceState)));
            attributes(l.attributes, *link.mutable_attributes());
            link.set_dropped_attributes_count(l.droppedAttributes);
            link.set_flags(l.flags);
        }
        out.set_dropped_links_count(drops.links);
        if (s.status != StatusCode::Unset || !m_set.text(s.statusMessage).empty()) {
            out.mutable_status()->set_code(static_cast<otlp::trace::v1::Status::StatusCode>(s.status));
            out.mutable_status()->set_message(std::string(m_set.text(s.statusMessage)));
        }
    }

private:
    const TraceSet& m_set;
};

} // namespace

void appendTracesData(const TraceSet& set, std::span<const SpanIndex> spans, otlp::trace::v1::TracesData& out)
{
    const Converter convert(set);
    // Resource and scope messages are made once each, in order of first use.
    std::map<std::uint32_t, otlp::trace::v1::ResourceSpans*> byResource;
    std::map<std::pair<std::uint32_t, std::uint32_t>, otlp::trace::v1::ScopeSpans*> byScope;
    for (const SpanIndex index : spans) {
        const Span& s = set.span(index);
        auto& resourceSpans = byResource[s.resource.value];
        if (!resourceSpans) {
            resourceSpans = out.add_resource_spans();
            convert.resource(s.resource, s.service, *resourceSpans->mutable_resource());
        }
        auto& scopeSpans = byScope[{s.resource.value, s.scope.value}];
        if (!scopeSpans) {
            scopeSpans = resourceSpans->add_scope_spans();
            convert.scope(s.scope, *scopeSpans->mutable_scope());
        }
        convert.span(index, *scopeSpans->add_spans());
    }
}

std::string otlpJsonOfSpans(const TraceSet& set, std::span<const SpanIndex> spans)
{
    otlp::trace::v1::TracesData data;
    appendTracesData(set, spans, data);
    return otlpJsonOfTracesData(data);
}

std::string otlpProtobufOfSpans(const TraceSet& set, std::span<const SpanIndex> spans)
{
    otlp::trace::v1::TracesData data;
    appendTracesData(set, spans, data);
    return data.SerializeAsString();
}

} // namespace Spanwise
