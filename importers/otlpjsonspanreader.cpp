#include "otlpjsonspanreader.h"

#include "spantimes.h"

#include "base64.h"
#include "hexid.h"
#include "importcontext.h"
#include "jsonfields.h"
#include "jsonobjects.h"
#include "jsonvalue.h"
#include "otlpenums.h"
#include "tracesetbuilder.h"

#include <algorithm>

namespace Spanwise {
namespace {

// OTLP/JSON uses lowerCamelCase; protobuf's JSON mapping also accepts the proto field names.
std::optional<simdjson::dom::element> member(
    simdjson::dom::object object, std::string_view camel, std::string_view snake)
{
    if (auto value = jsonMember(object, camel))
        return value;
    return jsonMember(object, snake);
}

std::uint64_t bigEndian64(std::string_view bytes)
{
    std::uint64_t value = 0;
    for (const char c : bytes)
        value = (value << 8) | static_cast<unsigned char>(c);
    return value;
}

constexpr int maxValueDepth = 32; // nested arrays/kvlists deeper than this are cut, not recursed

// The members of a span object, found in one pass (jsonfields.h).
namespace SpanField {
enum : std::size_t {
    TraceId,
    TraceIdSnake,
    SpanId,
    SpanIdSnake,
    ParentSpanId,
    ParentSpanIdSnake,
    TraceState,
    TraceStateSnake,
    Name,
    Flags,
    Kind,
    StartTime,
    StartTimeSnake,
    EndTime,
    EndTimeSnake,
    Attributes,
    DroppedAttributes,
    DroppedAttributesSnake,
    Events,
    DroppedEvents,
    DroppedEventsSnake,
    Links,
    DroppedLinks,
    DroppedLinksSnake,
    Status,
};
} // namespace SpanField

const JsonFieldNames& spanFieldNames()
{
    static const JsonFieldNames names {"traceId", "trace_id", "spanId", "span_id", "parentSpanId", "parent_span_id",
        "traceState", "trace_state", "name", "flags", "kind", "startTimeUnixNano", "start_time_unix_nano",
        "endTimeUnixNano", "end_time_unix_nano", "attributes", "droppedAttributesCount", "dropped_attributes_count",
        "events", "droppedEventsCount", "dropped_events_count", "links", "droppedLinksCount", "dropped_links_count",
        "status"};
    return names;
}

} // namespace

// The hex parsers fail on any byte that is not a hex digit, so they check the text themselves.
std::optional<TraceId> parseOtlpTraceId(std::string_view text)
{
    if (text.size() == 32)
        if (const auto id = parseHexTraceId(text))
            return id;
    if (const auto bytes = decodeBase64(text); bytes && bytes->size() == 16)
        return TraceId {
            bigEndian64(std::string_view(*bytes).substr(0, 8)), bigEndian64(std::string_view(*bytes).substr(8))};
    // Shorter hex (64-bit ids, leading zeros dropped) still means what it says.
    if (!text.empty() && text.size() < 32)
        return parseHexTraceId(text);
    return std::nullopt;
}

std::optional<std::uint64_t> parseOtlpSpanId(std::string_view text)
{
    if (text.size() == 16)
        if (const auto id = parseHexSpanId(text))
            return id;
    if (const auto bytes = decodeBase64(text); bytes && bytes->size() == 8)
        return bigEndian64(*bytes);
    if (!text.empty() && text.size() < 16)
        return parseHexSpanId(text);
    return std::nullopt;
}

OtlpJsonSpanReader::OtlpJsonSpanReader(ImportContext& context)
    : m_context(context)
    , m_serviceNameKey(context.builder().intern("service.name"))
{ }

void OtlpJsonSpanReader::warn(const JsonPath& path, std::string text)
{
    m_context.warn(m_recordOffset, path.toString(), std::move(text));
}

std::uint32_t OtlpJsonSpanReader::readCount(
    simdjson::dom::object object, std::string_view camel, std::string_view snake)
{
    return readCount(member(object, camel, snake));
}

std::uint32_t OtlpJsonSpanReader::readCount(std::optional<simdjson::dom::element> value)
{
    const auto count = value ? jsonInteger(*value) : std::nullopt;
    return count && *count > 0 ? static_cast<std::uint32_t>(std::min<std::int64_t>(*count, UINT32_MAX)) : 0;
}

ResourceIndex OtlpJsonSpanReader::emptyResource()
{
    if (!m_emptyResource.isValid())
        m_emptyResource = m_context.builder().addResource(m_context.builder().service({}), {});
    return m_emptyResource;
}

ResourceIndex OtlpJsonSpanReader::readResource(
    simdjson::dom::element resource, const JsonPath& path, std::size_t recordOffset)
{
    m_recordOffset = recordOffset;
    simdjson::dom::object object;
    if (resource.get_object().get(object)) {
        warn(path, "expected a resource object, found " + std::string(jsonTypeName(resource)));
        return emptyResource();
    }
    TraceSetBuilder& builder = m_context.builder();
    Range attributes;
    if (const auto list = jsonMember(object, "attributes"))
        attributes = readAttributes(*list, path.member("attributes"));
    std::string_view serviceName;
    for (std::uint32_t i = attributes.begin; i < attributes.end(); ++i) {
        const Attribute& a = builder.attribute(i);
        if (a.key() == m_serviceNameKey && a.type() == AttributeType::String)
            serviceName = builder.text(a.text);
    }
    const ResourceIndex index = builder.addResource(builder.service(serviceName), attributes);
    builder.setResourceDropped(index, readCount(object, "droppedAttributesCount", "dropped_attributes_count"));
    return index;
}

ScopeIndex OtlpJsonSpanReader::readScope(simdjson::dom::element scope, const JsonPath& path, std::size_t recordOffset)
{
    m_recordOffset = recordOffset;
    TraceSetBuilder& builder = m_context.builder();
    simdjson::dom::object object;
    if (scope.get_object().get(object)) {
        warn(path, "expected a scope object, found " + std::string(jsonTypeName(scope)));
        return builder.addScope({}, {}, {});
    }
    const auto text = [&](std::string_view key) {
        const auto value = jsonMember(object, key);
        const auto string = value ? jsonString(*value) : std::nullopt;
        return string ? builder.intern(*string) : StringId {0};
    };
    Range attributes;
    if (const auto list = jsonMember(object, "attributes"))
        attributes = readAttributes(*list, path.member("attributes"));
    return builder.addScope(text("name"), text("version"), attributes);
}

Range OtlpJsonSpanReader::readAttributes(simdjson::dom::element list, const JsonPath& path)
{
    simdjson::dom::array array;
    if (list.get_array().get(array)) {
        if (!list.is_null())
            warn(path, "expected an array of attributes, found " + std::string(jsonTypeName(list)));
        return {};
    }
    // A local list per level: nested values are added to the builder before their parent list,
    // so every list stays contiguous.
    std::vector<Attribute> attributes;
    attributes.reserve(array.size());
    std::int64_t index = 0;
    for (simdjson::dom::element entry : array) {
        const JsonPath entryPath = path.element(index++);
        simdjson::dom::object object;
        const auto key = entry.get_object().get(object) ? std::nullopt : jsonMember(object, "key");
        const auto keyText = key ? jsonString(*key) : std::nullopt;
        if (!keyText) {
            warn(entryPath, "attribute has no string key; attribute skipped");
            continue;
        }
        Attribute attribute;
        attribute.setKey(m_context.builder().intern(*keyText));
        if (const auto value = jsonMember(object, "value")) {
            if (!readAnyValue(*value, entryPath.member("value"), attribute, 0))
                continue;
        }
        attributes.push_back(attribute);
    }
    return m_context.builder().addAttributes(attributes);
}

bool OtlpJsonSpanReader::readAnyValue(simdjson::dom::element value, const JsonPath& path, Attribute& out, int depth)
{
    TraceSetBuilder& builder = m_context.builder();
    simdjson::dom::object object;
    if (value.get_object().get(object)) {
        warn(path, "expected an AnyValue object, found " + std::string(jsonTypeName(value)) + "; attribute skipped");
        return false;
    }
    for (const auto [key, inner] : object) {
        if (key == "stringValue" || key == "string_value") {
            if (const auto text = jsonString(inner)) {
                out.setType(AttributeType::String);
                out.text = builder.intern(*text);
                return true;
            }
        } else if (key == "boolValue" || key == "bool_value") {
            if (const auto b = jsonBool(inner)) {
                out.setType(AttributeType::Bool);
                out.boolean = *b;
                return true;
            }
        } else if (key == "intValue" || key == "int_value") {
            if (const auto i = jsonInteger(inner)) {
                out.setType(AttributeType::Int);
                out.integer = *i;
                return true;
            }
        } else if (key == "doubleValue" || key == "double_value") {
            if (const auto d = jsonNumber(inner)) {
                out.setType(AttributeType::Double);
                out.real = *d;
                return true;
            }
        } else if (key == "bytesValue" || key == "bytes_value") {
            const auto text = jsonString(inner);
            if (const auto bytes = text ? decodeBase64(*text) : std::nullopt) {
                out.setType(AttributeType::Bytes);
                out.text = builder.intern(*bytes);
                return true;
            }
        } else if (key == "arrayValue" || key == "array_value" || key == "kvlistValue" || key == "kvlist_value") {
            const bool isList = key.starts_with("kv");
            simdjson::dom::object holder;
            simdjson::dom::array values;
            if (!inner.get_object().get(holder)) {
                const auto list = jsonMember(holder, "values");
                if (!list) { // an empty array or list
                    out.setType(isList ? AttributeType::KeyValueList : AttributeType::Array);
                    out.children = {};
                    return true;
                }
                if (!list->get_array().get(values)) {
                    if (depth >= maxValueDepth) {
                        warn(path,
                            "values nested deeper than " + std::to_string(maxValueDepth) +
                                " levels; attribute skipped");
                        return false;
                    }
                    const JsonPath holderPath = path.member(key);
                    const JsonPath valuesPath = holderPath.member("values");
                    if (isList) {
                        out.children = readAttributes(*list, valuesPath);
                    } else {
                        std::vector<Attribute> elements;
                        std::int64_t index = 0;
                        for (simdjson::dom::element element : values) {
                            Attribute child;
                            if (readAnyValue(element, valuesPath.element(index++), child, depth + 1))
                                elements.push_back(child);
                        }
                        out.children = builder.addAttributes(elements);
                    }
                    out.setType(isList ? AttributeType::KeyValueList : AttributeType::Array);
                    return true;
                }
            }
        } else {
            continue; // unknown members of AnyValue are ignored, as protobuf JSON does
        }
        warn(path.member(key),
            std::string(key) + " cannot hold " + std::string(jsonTypeName(inner)) + "; attribute skipped");
        return false;
    }
    out.setType(AttributeType::Empty); // {} is an empty value, which OTLP allows
    return true;
}

StringId otlpResourceServiceName(simdjson::dom::element resource, TraceSetBuilder& builder)
{
    simdjson::dom::array attributes;
    if (resource["attributes"].get(attributes))
        return StringId {0};
    for (const simdjson::dom::element attribute : attributes) {
        std::string_view key, name;
        if (!attribute["key"].get(key) && key == "service.name" && !attribute["value"]["stringValue"].get(name))
            return builder.intern(name);
    }
    return StringId {0}; // the empty name
}

bool OtlpJsonSpanReader::readLogRecord(
    simdjson::dom::element record, const JsonPath& path, std::size_t recordOffset, StringId service)
{
    m_recordOffset = recordOffset;
    simdjson::dom::object object;
    if (record.get_object().get(object)) {
        warn(path, "expected a log record object, found " + std::string(jsonTypeName(record)) + "; record skipped");
        return false;
    }
    TraceSetBuilder& builder = m_context.builder();
    LogRecord log;
    log.offset = recordOffset;
    log.service = service;
    // The event's time; the Collector's observed time when the source gave none (0 means unset).
    for (const auto& [camel, snake] :
        {std::pair {"timeUnixNano", "time_unix_nano"}, std::pair {"observedTimeUnixNano", "observed_time_unix_nano"}})
        if (const auto nanos = readNanos(object, camel, snake, path); nanos && *nanos != 0 && !log.hasTime) {
            log.timeNs = clampTime(*nanos);
            log.hasTime = true;
        }
    if (const auto number = member(object, "severityNumber", "severity_number")) {
        if (const auto value = jsonInteger(*number); value && *value >= 0 && *value <= 24)
            log.severityNumber = static_cast<std::uint8_t>(*value);
        else if (const auto name = jsonString(*number))
            log.severityNumber = severityNumberOf(name->substr(name->find_last_of('_') + 1));
    }
    if (const auto text = member(object, "severityText", "severity_text"))
        if (const auto value = jsonString(*text); value && !value->empty()) {
            log.severityText = builder.intern(*value);
            if (log.severityNumber == 0)
                log.severityNumber = severityNumberOf(*value);
        }
    if (const auto body = jsonMember(object, "body")) {
        simdjson::dom::object any;
        simdjson::dom::element inner;
        if (!body->get_object().get(any) && !any["stringValue"].get(inner) && inner.is_string())
            log.body = builder.intern(*jsonString(inner));
        else if (!body->get_object().get(any) && any.size() > 0)
            log.body = builder.intern(simdjson::minify(*body)); // a structured body, as compact JSON
    }
    if (const auto attributes = jsonMember(object, "attributes"))
        log.attributes = readAttributes(*attributes, path.member("attributes"));
    // Empty ids mean "no trace context": no warning for them.
    if (const auto trace = member(object, "traceId", "trace_id"))
        if (const auto text = jsonString(*trace); text && !text->empty()) {
            if (const auto id = parseOtlpTraceId(*text))
                log.traceId = *id;
            else
                warn(path.member("traceId"), "traceId is neither 32 hex digits nor base64 of 16 bytes; ignored");
        }
    if (const auto span = member(object, "spanId", "span_id"))
        if (const auto text = jsonString(*span); text && !text->empty()) {
            if (const auto id = parseOtlpSpanId(*text))
                log.spanId = *id;
            else
                warn(path.member("spanId"), "spanId is neither 16 hex digits nor base64 of 8 bytes; ignored");
        }
    builder.addLog(log);
    return true;
}

std::optional<std::int64_t> OtlpJsonSpanReader::readNanos(
    simdjson::dom::object object, std::string_view camel, std::string_view snake, const JsonPath& path)
{
    return readNanos(member(object, camel, snake), camel, path);
}

std::optional<std::int64_t> OtlpJsonSpanReader::readNanos(
    std::optional<simdjson::dom::element> value, std::string_view name, const JsonPath& path)
{
    if (!value)
        return std::nullopt;
    // Nanoseconds since 1970 exceed 2^53: they must be read as integers, never through double.
    const auto nanos = jsonSaturatedInteger(*value);
    if (!nanos)
        warn(path.member(name),
            std::string(name) + " should be an integer number of nanoseconds, found " +
                std::string(jsonTypeName(*value)));
    return nanos;
}

SpanIndex OtlpJsonSpanReader::readSpan(simdjson::dom::element record, const JsonPath& path, std::size_t recordOffset,
    ResourceIndex resource, ScopeIndex scope)
{
    m_recordOffset = recordOffset;
    simdjson::dom::object object;
    if (record.get_object().get(object)) {
        warn(path, "expected a span object, found " + std::string(jsonTypeName(record)) + "; record skipped");
        return {};
    }
    TraceSetBuilder& builder = m_context.builder();
    const JsonFields fields(object, spanFieldNames());
    Span span;
    span.resource = resource;
    span.service = builder.resourceService(resource);
    span.scope = scope;

    const auto traceText = fields.either(SpanField::TraceId, SpanField::TraceIdSnake);
    const auto traceId = traceText ? jsonString(*traceText).and_then(parseOtlpTraceId) : std::nullopt;
    if (traceId && !traceId->isNull()) {
        span.traceId = *traceId;
    } else {
        span.flags |= SpanMissingTraceId;
        warn(path.member("traceId"),
            traceText ? "traceId is neither 32 hex digits nor base64 of 16 bytes; span kept, flagged"
                      : "span has no traceId; span kept, flagged");
    }
    const auto spanText = fields.either(SpanField::SpanId, SpanField::SpanIdSnake);
    const auto spanId = spanText ? jsonString(*spanText).and_then(parseOtlpSpanId) : std::nullopt;
    if (spanId && *spanId != 0) {
        span.spanId = *spanId;
    } else {
        span.flags |= SpanMissingId;
        warn(path.member("spanId"),
            spanText ? "spanId is neither 16 hex digits nor base64 of 8 bytes; span kept, flagged"
                     : "span has no spanId; span kept, flagged");
    }
    if (const auto parentText = fields.either(SpanField::ParentSpanId, SpanField::ParentSpanIdSnake)) {
        const auto text = jsonString(*parentText).value_or(std::string_view {});
        if (!text.empty()) {
            if (const auto parent = parseOtlpSpanId(text); parent && *parent != 0) {
                span.parentSpanId = *parent;
                span.flags |= SpanHasParentId;
            } else if (!parent) {
                warn(path.member("parentSpanId"), "parentSpanId is not a valid id; span shown as a root");
            }
        }
    }
    if (const auto state = fields.either(SpanField::TraceState, SpanField::TraceStateSnake)) {
        if (const auto text = jsonString(*state))
            span.traceState = builder.intern(*text);
        else
            warn(path.member("traceState"),
                "traceState should be a string, found " + std::string(jsonTypeName(*state)) + "; ignored");
    }
    if (const auto name = fields[SpanField::Name]) {
        if (const auto text = jsonString(*name))
            span.operation = builder.intern(*text);
        else
            warn(path.member("name"),
                "name should be a string, found " + std::string(jsonTypeName(*name)) + "; shown without a name");
    } else {
        warn(path.member("name"), "span has no name; shown without a name");
    }
    if (const auto flags = fields[SpanField::Flags]) {
        if (const auto value = jsonFlags(*flags))
            span.traceFlags = *value;
        else
            warn(path.member("flags"), value.error());
    }
    if (const auto kind = fields[SpanField::Kind])
        readKind(*kind, path.member("kind"), span);

    const auto start =
        readNanos(fields.either(SpanField::StartTime, SpanField::StartTimeSnake), "startTimeUnixNano", path);
    const auto end = readNanos(fields.either(SpanField::EndTime, SpanField::EndTimeSnake), "endTimeUnixNano", path);
    // A zero timestamp is how protobuf JSON writes "not set".
    const bool hasStart = start && *start != 0;
    const bool hasEnd = end && *end != 0;
    const std::int64_t startNs = hasStart ? *start : hasEnd ? *end : 0;
    if (const TimeRepairs repairs = setStartAndEnd(span, startNs, hasStart && hasEnd ? *end : startNs); repairs.any())
        warn(path, repairs.describe());
    if (!hasStart) // placed at its end when it has one
        span.flags |= SpanMissingStart | (hasEnd ? SpanTimeDerived : 0);
    if (!hasStart || !hasEnd)
        span.flags |= SpanMissingDuration;

    if (const auto attributes = fields[SpanField::Attributes])
        span.attributes = readAttributes(*attributes, path.member("attributes"));
    SpanDrops drops;
    drops.attributes = readCount(fields.either(SpanField::DroppedAttributes, SpanField::DroppedAttributesSnake));
    m_events.clear();
    if (const auto events = fields[SpanField::Events])
        readEvents(*events, path.member("events"), span);
    span.events = builder.addEvents(m_events);
    drops.events = readCount(fields.either(SpanField::DroppedEvents, SpanField::DroppedEventsSnake));
    m_links.clear();
    if (const auto links = fields[SpanField::Links])
        readLinks(*links, path.member("links"), span);
    span.links = builder.addLinks(m_links);
    drops.links = readCount(fields.either(SpanField::DroppedLinks, SpanField::DroppedLinksSnake));
    if (const auto status = fields[SpanField::Status])
        readStatus(*status, path.member("status"), span);
    const SpanIndex index = builder.addSpan(span);
    builder.setSpanDrops(index, drops);
    return index;
}

void OtlpJsonSpanReader::readKind(simdjson::dom::element kind, const JsonPath& path, Span& span)
{
    std::optional<SpanKind> value;
    if (const auto name = jsonString(kind))
        value = otlpSpanKind(*name);
    else if (const auto number = jsonInteger(kind))
        value = otlpSpanKind(*number);
    if (value)
        span.kind = *value;
    else
        warn(path, "unknown span kind; kind left unspecified");
}

void OtlpJsonSpanReader::readStatus(simdjson::dom::element status, const JsonPath& path, Span& span)
{
    simdjson::dom::object object;
    if (status.get_object().get(object))
        return;
    if (const auto code = jsonMember(object, "code")) {
        std::optional<StatusCode> value;
        if (const auto name = jsonString(*code))
            value = otlpStatusCode(*name);
        else if (const auto number = jsonInteger(*code))
            value = otlpStatusCode(*number);
        if (value)
            span.status = *value;
        else
            warn(path.member("code"), "unknown status code; status left unset");
    }
    if (const auto message = jsonMember(object, "message"))
        span.statusMessage = m_context.builder().intern(jsonString(*message).value_or(std::string_view {}));
}

void OtlpJsonSpanReader::readEvents(simdjson::dom::element events, const JsonPath& path, Span&)
{
    simdjson::dom::array array;
    if (events.get_array().get(array))
        return;
    const auto warnAt = [this](const JsonPath& at, std::string text) { warn(at, std::move(text)); };
    forEachObject(array, path, "an event", warnAt, [&](simdjson::dom::object object, const JsonPath& eventPath) {
        Event event;
        event.timeNs = clampTime(readNanos(object, "timeUnixNano", "time_unix_nano", eventPath).value_or(0));
        if (const auto name = jsonMember(object, "name"))
            event.name = m_context.builder().intern(jsonString(*name).value_or(std::string_view {}));
        else
            event.name = StringId {0};
        if (const auto attributes = jsonMember(object, "attributes"))
            event.attributes = readAttributes(*attributes, eventPath.member("attributes"));
        event.droppedAttributes = readCount(object, "droppedAttributesCount", "dropped_attributes_count");
        m_events.push_back(event);
    });
}

void OtlpJsonSpanReader::readLinks(simdjson::dom::element links, const JsonPath& path, Span&)
{
    simdjson::dom::array array;
    if (links.get_array().get(array))
        return;
    const auto warnAt = [this](const JsonPath& at, std::string text) { warn(at, std::move(text)); };
    forEachObject(array, path, "a link", warnAt, [&](simdjson::dom::object object, const JsonPath& linkPath) {
        const auto traceText = member(object, "traceId", "trace_id");
        const auto spanText = member(object, "spanId", "span_id");
        const auto traceId = traceText ? jsonString(*traceText).and_then(parseOtlpTraceId) : std::nullopt;
        const auto spanId = spanText ? jsonString(*spanText).and_then(parseOtlpSpanId) : std::nullopt;
        if (!traceId || !spanId) {
            warn(linkPath, "link has no valid traceId and spanId; link skipped");
            return;
        }
        Link link;
        link.traceId = *traceId;
        link.spanId = *spanId;
        if (const auto state = member(object, "traceState", "trace_state"))
            link.traceState = m_context.builder().intern(jsonString(*state).value_or(std::string_view {}));
        if (const auto flags = jsonMember(object, "flags"))
            link.flags = static_cast<std::uint32_t>(jsonInteger(*flags).value_or(0));
        if (const auto attributes = jsonMember(object, "attributes"))
            link.attributes = readAttributes(*attributes, linkPath.member("attributes"));
        link.droppedAttributes = readCount(object, "droppedAttributesCount", "dropped_attributes_count");
        m_links.push_back(link);
    });
}

} // namespace Spanwise
