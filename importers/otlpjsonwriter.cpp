#include "otlpjsonwriter.h"

#include "opentelemetry/proto/trace/v1/trace.pb.h"

#include <algorithm>
#include <cstdio>
#include <string_view>

namespace Spanwise {
namespace {

namespace otlp = opentelemetry::proto;

void appendString(std::string& out, std::string_view text)
{
    static constexpr char hex[] = "0123456789abcdef";
    out += '"';
    for (const char c : text) {
        const auto byte = static_cast<unsigned char>(c);
        if (c == '"' || c == '\\') {
            out += '\\';
            out += c;
        } else if (byte < 0x20) {
            out += "\\u00";
            out += hex[byte >> 4];
            out += hex[byte & 15];
        } else {
            out += c;
        }
    }
    out += '"';
}

std::string hexOf(std::string_view bytes)
{
    static constexpr char hex[] = "0123456789abcdef";
    std::string text;
    for (const char c : bytes) {
        text += hex[static_cast<unsigned char>(c) >> 4];
        text += hex[static_cast<unsigned char>(c) & 15];
    }
    return text;
}

std::string base64Of(std::string_view bytes)
{
    static constexpr char alphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    std::string text;
    std::size_t i = 0;
    for (; i + 2 < bytes.size(); i += 3) {
        const unsigned v = (static_cast<unsigned char>(bytes[i]) << 16) |
            (static_cast<unsigned char>(bytes[i + 1]) << 8) | static_cast<unsigned char>(bytes[i + 2]);
        for (int shift = 18; shift >= 0; shift -= 6)
            text += alphabet[(v >> shift) & 63];
    }
    if (i < bytes.size()) {
        unsigned v = static_cast<unsigned char>(bytes[i]) << 16;
        if (i + 1 < bytes.size())
            v |= static_cast<unsigned char>(bytes[i + 1]) << 8;
        text += alphabet[(v >> 18) & 63];
        text += alphabet[(v >> 12) & 63];
        text += i + 1 < bytes.size() ? alphabet[(v >> 6) & 63] : '=';
        text += '=';
    }
    return text;
}

// "key": value pairs, written with a comma before every one but the first.
class ObjectWriter
{
public:
    explicit ObjectWriter(std::string& out)
        : m_out(out)
    {
        m_out += '{';
    }
    ~ObjectWriter() { m_out += '}'; }
    ObjectWriter(const ObjectWriter&) = delete;
    ObjectWriter& operator=(const ObjectWriter&) = delete;

    std::string& key(std::string_view name)
    {
        if (!m_first)
            m_out += ',';
        m_first = false;
        appendString(m_out, name);
        m_out += ':';
        return m_out;
    }
    void text(std::string_view name, std::string_view value)
    {
        if (!value.empty())
            appendString(key(name), value);
    }
    void number(std::string_view name, std::uint64_t value)
    {
        if (value != 0)
            key(name) += std::to_string(value);
    }
    // 64-bit integers are strings in OTLP JSON (JavaScript numbers lose them).
    void bigNumber(std::string_view name, std::uint64_t value)
    {
        if (value != 0)
            appendString(key(name), std::to_string(value));
    }

private:
    std::string& m_out;
    bool m_first = true;
};

void appendAttributes(std::string& out, const google::protobuf::RepeatedPtrField<otlp::common::v1::KeyValue>& list);

void appendAnyValue(std::string& out, const otlp::common::v1::AnyValue& value)
{
    using Case = otlp::common::v1::AnyValue::ValueCase;
    ObjectWriter object(out);
    switch (value.value_case()) {
    case Case::kStringValue:
        appendString(object.key("stringValue"), value.string_value());
        break;
    case Case::kBoolValue:
        object.key("boolValue") += value.bool_value() ? "true" : "false";
        break;
    case Case::kIntValue:
        appendString(object.key("intValue"), std::to_string(value.int_value()));
        break;
    case Case::kDoubleValue: {
        char text[32];
        std::snprintf(text, sizeof text, "%.17g", value.double_value());
        object.key("doubleValue") += text;
        break;
    }
    case Case::kBytesValue:
        appendString(object.key("bytesValue"), base64Of(value.bytes_value()));
        break;
    case Case::kArrayValue: {
        std::string& array = object.key("arrayValue");
        array += "{\"values\":[";
        for (int i = 0; i < value.array_value().values_size(); ++i) {
            if (i)
                array += ',';
            appendAnyValue(array, value.array_value().values(i));
        }
        array += "]}";
        break;
    }
    case Case::kKvlistValue: {
        std::string& list = object.key("kvlistValue");
        list += "{\"values\":";
        appendAttributes(list, value.kvlist_value().values());
        list += '}';
        break;
    }
    case Case::VALUE_NOT_SET:
        break;
    }
}

void appendAttributes(std::string& out, const google::protobuf::RepeatedPtrField<otlp::common::v1::KeyValue>& list)
{
    out += '[';
    for (int i = 0; i < list.size(); ++i) {
        if (i)
            out += ',';
        ObjectWriter pair(out);
        pair.text("key", list.Get(i).key());
        appendAnyValue(pair.key("value"), list.Get(i).value());
    }
    out += ']';
}

// "name": [{…}, …] for a repeated message field, each element written by `write`; nothing
// for an empty one (OTLP JSON leaves defaults out).
template <typename List, typename Write>
void appendObjects(ObjectWriter& parent, std::string_view name, const List& list, Write write)
{
    if (list.empty())
        return;
    std::string& out = parent.key(name);
    out += '[';
    for (int i = 0; i < list.size(); ++i) {
        if (i)
            out += ',';
        ObjectWriter element(out);
        write(element, list.Get(i));
    }
    out += ']';
}

void appendSpan(ObjectWriter& object, const otlp::trace::v1::Span& span)
{
    object.text("traceId", hexOf(span.trace_id()));
    object.text("spanId", hexOf(span.span_id()));
    object.text("traceState", span.trace_state());
    object.text("parentSpanId", hexOf(span.parent_span_id()));
    object.number("flags", span.flags());
    object.text("name", span.name());
    object.number("kind", static_cast<std::uint64_t>(span.kind()));
    object.bigNumber("startTimeUnixNano", span.start_time_unix_nano());
    object.bigNumber("endTimeUnixNano", span.end_time_unix_nano());
    if (span.attributes_size())
        appendAttributes(object.key("attributes"), span.attributes());
    object.number("droppedAttributesCount", span.dropped_attributes_count());
    appendObjects(object, "events", span.events(), [](ObjectWriter& event, const auto& e) {
        event.bigNumber("timeUnixNano", e.time_unix_nano());
        event.text("name", e.name());
        if (e.attributes_size())
            appendAttributes(event.key("attributes"), e.attributes());
        event.number("droppedAttributesCount", e.dropped_attributes_count());
    });
    object.number("droppedEventsCount", span.dropped_events_count());
    appendObjects(object, "links", span.links(), [](ObjectWriter& link, const auto& l) {
        link.text("traceId", hexOf(l.trace_id()));
        link.text("spanId", hexOf(l.span_id()));
        link.text("traceState", l.trace_state());
        if (l.attributes_size())
            appendAttributes(link.key("attributes"), l.attributes());
        link.number("droppedAttributesCount", l.dropped_attributes_count());
        link.number("flags", l.flags());
    });
    object.number("droppedLinksCount", span.dropped_links_count());
    if (span.has_status()) {
        ObjectWriter status(object.key("status"));
        status.text("message", span.status().message());
        status.number("code", static_cast<std::uint64_t>(span.status().code()));
    }
}

void appendScope(ObjectWriter& object, const otlp::common::v1::InstrumentationScope& scope)
{
    object.text("name", scope.name());
    object.text("version", scope.version());
    if (scope.attributes_size())
        appendAttributes(object.key("attributes"), scope.attributes());
    object.number("droppedAttributesCount", scope.dropped_attributes_count());
}

} // namespace

std::string otlpJsonOfSpan(const otlp::trace::v1::Span& span)
{
    std::string out;
    {
        ObjectWriter object(out);
        appendSpan(object, span);
    }
    return out;
}

std::string otlpJsonOfTracesData(const otlp::trace::v1::TracesData& data)
{
    std::string out;
    {
        ObjectWriter top(out);
        std::string& list = top.key("resourceSpans");
        list += '[';
        for (int r = 0; r < data.resource_spans_size(); ++r) {
            if (r)
                list += ',';
            const auto& resourceSpans = data.resource_spans(r);
            ObjectWriter resourceObject(list);
            if (resourceSpans.has_resource()) {
                ObjectWriter resource(resourceObject.key("resource"));
                if (resourceSpans.resource().attributes_size())
                    appendAttributes(resource.key("attributes"), resourceSpans.resource().attributes());
                resource.number("droppedAttributesCount", resourceSpans.resource().dropped_attributes_count());
            }
            appendObjects(resourceObject, "scopeSpans", resourceSpans.scope_spans(),
                [](ObjectWriter& scopeObject, const auto& scopeSpans) {
                    if (scopeSpans.has_scope()) {
                        ObjectWriter scope(scopeObject.key("scope"));
                        appendScope(scope, scopeSpans.scope());
                    }
                    appendObjects(scopeObject, "spans", scopeSpans.spans(),
                        [](ObjectWriter& spanObject, const auto& span) { appendSpan(spanObject, span); });
                    scopeObject.text("schemaUrl", scopeSpans.schema_url());
                });
            resourceObject.text("schemaUrl", resourceSpans.schema_url());
        }
        list += ']';
    }
    return out;
}

std::string indentJson(std::string_view json)
{
    std::string out;
    out.reserve(json.size() * 2);
    int depth = 0;
    bool inString = false;
    const auto newline = [&] {
        out += '\n';
        out.append(static_cast<std::size_t>(std::max(depth, 0)) * 2, ' ');
    };
    for (std::size_t i = 0; i < json.size(); ++i) {
        const char c = json[i];
        if (inString) {
            out += c;
            if (c == '\\' && i + 1 < json.size())
                out += json[++i];
            else if (c == '"')
                inString = false;
            continue;
        }
        switch (c) {
        case '"':
            inString = true;
            out += c;
            break;
        case '{':
        case '[': {
            // An empty object or array stays on one line.
            std::size_t next = i + 1;
            while (next < json.size() &&
                (json[next] == ' ' || json[next] == '\n' || json[next] == '\r' || json[next] == '\t'))
                ++next;
            if (next < json.size() && (json[next] == '}' || json[next] == ']')) {
                out += c;
                out += json[next];
                i = next;
                break;
            }
            out += c;
            ++depth;
            newline();
            break;
        }
        case '}':
        case ']':
            --depth;
            newline();
            out += c;
            break;
        case ',':
            out += c;
            newline();
            break;
        case ':':
            out += ": ";
            break;
        case ' ':
        case '\n':
        case '\r':
        case '\t':
            break;
        default:
            out += c;
        }
    }
    return out;
}

} // namespace Spanwise
