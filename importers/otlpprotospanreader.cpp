#include "otlpprotospanreader.h"

#include "spantimes.h"

#include "importcontext.h"
#include "otlpenums.h"
#include "protowire.h"
#include "tracesetbuilder.h"

#include "opentelemetry/proto/trace/v1/trace.pb.h"

#include <climits>

#include <algorithm>

namespace Spanwise {
namespace {

namespace otlp = opentelemetry::proto;

constexpr int maxValueDepth = 32;

std::uint64_t bigEndian64(const std::string& bytes, std::size_t from)
{
    std::uint64_t value = 0;
    for (std::size_t i = from; i < from + 8; ++i)
        value = (value << 8) | static_cast<unsigned char>(bytes[i]);
    return value;
}

std::optional<TraceId> traceIdOf(const std::string& bytes)
{
    if (bytes.size() != 16)
        return std::nullopt;
    return TraceId {bigEndian64(bytes, 0), bigEndian64(bytes, 8)};
}

} // namespace

std::optional<std::uint64_t> spanIdOf(const std::string& bytes)
{
    if (bytes.size() != 8)
        return std::nullopt;
    return bigEndian64(bytes, 0);
}

OtlpProtoSpanReader::OtlpProtoSpanReader(ImportContext& context)
    : m_context(context)
    , m_serviceNameKey(context.builder().intern("service.name"))
{ }

void OtlpProtoSpanReader::warn(const std::string& path, std::string text)
{
    m_context.warn(m_offset, path, std::move(text));
}

std::size_t OtlpProtoSpanReader::read(const otlp::trace::v1::ResourceSpans& resourceSpans, std::uint64_t messageOffset,
    const std::string& where, ProtoMessageBytes bytes)
{
    m_offset = messageOffset;
    TraceSetBuilder& builder = m_context.builder();
    const Range resourceAttributes = readAttributes(resourceSpans.resource().attributes(), 0);
    std::string_view serviceName;
    for (std::uint32_t i = resourceAttributes.begin; i < resourceAttributes.end(); ++i) {
        const Attribute& a = builder.attribute(i);
        if (a.key() == m_serviceNameKey && a.type() == AttributeType::String)
            serviceName = builder.text(a.text);
    }
    const ResourceIndex resource = builder.addResource(builder.service(serviceName), resourceAttributes);
    builder.setResourceDropped(resource, resourceSpans.resource().dropped_attributes_count());

    std::size_t added = 0;
    for (int s = 0; s < resourceSpans.scope_spans_size(); ++s) {
        const auto& scopeSpans = resourceSpans.scope_spans(s);
        const auto& scope = scopeSpans.scope();
        const ScopeIndex scopeIndex = builder.addScope(
            builder.intern(scope.name()), builder.intern(scope.version()), readAttributes(scope.attributes(), 0));
        for (int i = 0; i < scopeSpans.spans_size(); ++i, ++added)
            builder.setSpanSource(
                readSpan(scopeSpans.spans(i), resource, scopeIndex,
                    where + ".scopeSpans[" + std::to_string(s) + "].spans[" + std::to_string(i) + "]"),
                bytes.offset, bytes.length, static_cast<std::uint32_t>(added));
    }
    for (int s = 0; s < resourceSpans.instrumentation_library_spans_size(); ++s) {
        const auto& librarySpans = resourceSpans.instrumentation_library_spans(s);
        const auto& library = librarySpans.instrumentation_library();
        const ScopeIndex scopeIndex =
            builder.addScope(builder.intern(library.name()), builder.intern(library.version()), {});
        for (int i = 0; i < librarySpans.spans_size(); ++i, ++added)
            builder.setSpanSource(
                readSpan(librarySpans.spans(i), resource, scopeIndex,
                    where + ".instrumentationLibrarySpans[" + std::to_string(s) + "].spans[" + std::to_string(i) + "]"),
                bytes.offset, bytes.length, static_cast<std::uint32_t>(added));
    }
    return added;
}

bool OtlpProtoSpanReader::readLogRecord(std::string_view bytes, StringId service, std::uint64_t messageOffset)
{
    // LogRecord by hand (logs.proto): 1 time_unix_nano fixed64, 2 severity_number, 3
    // severity_text, 5 body AnyValue, 6 attributes KeyValue, 9 trace_id, 10 span_id, 11
    // observed_time_unix_nano fixed64. Common's AnyValue and KeyValue decode with protobuf.
    TraceSetBuilder& builder = m_context.builder();
    LogRecord log;
    log.offset = messageOffset;
    log.service = service;
    KeyValues attributes;
    std::uint64_t observed = 0;
    WireCursor cursor {bytes};
    while (!cursor.atEnd()) {
        const auto tag = cursor.varint();
        if (!tag)
            return false;
        const std::uint64_t field = *tag >> 3, type = *tag & 7;
        if (type == Fixed64) {
            const auto value = readFixed64(cursor);
            if (!value)
                return false;
            if (field == 1 && *value != 0) {
                log.timeNs = clampTime(static_cast<std::int64_t>(std::min<std::uint64_t>(*value, INT64_MAX)));
                log.hasTime = true;
            }
            if (field == 11)
                observed = *value;
        } else if (type == Varint) {
            const auto value = cursor.varint();
            if (!value)
                return false;
            if (field == 2 && *value <= 24)
                log.severityNumber = static_cast<std::uint8_t>(*value);
        } else if (type == LengthDelimited) {
            const auto length = cursor.varint();
            if (!length || *length > bytes.size() - cursor.pos)
                return false;
            const std::string_view body = bytes.substr(cursor.pos, *length);
            cursor.pos += *length;
            if (field == 3) {
                log.severityText = builder.intern(body);
            } else if (field == 5) {
                otlp::common::v1::AnyValue value;
                if (value.ParseFromArray(body.data(), static_cast<int>(body.size())))
                    log.body =
                        builder.intern(value.has_string_value() ? value.string_value() : value.ShortDebugString());
            } else if (field == 6) {
                if (!attributes.Add()->ParseFromArray(body.data(), static_cast<int>(body.size())))
                    attributes.RemoveLast();
            } else if (field == 9 && body.size() == 16) {
                log.traceId = TraceId {spanIdOf(std::string(body.substr(0, 8))).value_or(0),
                    spanIdOf(std::string(body.substr(8))).value_or(0)};
            } else if (field == 10 && body.size() == 8) {
                log.spanId = spanIdOf(std::string(body)).value_or(0);
            }
        } else if (!cursor.skip(static_cast<WireType>(type))) {
            return false; // a fixed32 (the flags) is skipped; anything else is no LogRecord
        }
    }
    if (!log.hasTime && observed != 0) {
        log.timeNs = clampTime(static_cast<std::int64_t>(std::min<std::uint64_t>(observed, INT64_MAX)));
        log.hasTime = true;
    }
    if (log.severityNumber == 0)
        log.severityNumber = severityNumberOf(builder.text(log.severityText));
    log.attributes = readAttributes(attributes, 0);
    builder.addLog(log);
    return true;
}

Range OtlpProtoSpanReader::readAttributes(const KeyValues& list, int depth)
{
    std::vector<Attribute> attributes;
    attributes.reserve(static_cast<std::size_t>(list.size()));
    for (const auto& keyValue : list) {
        Attribute attribute;
        attribute.setKey(m_context.builder().intern(keyValue.key()));
        readAnyValue(keyValue.value(), attribute, depth);
        attributes.push_back(attribute);
    }
    return m_context.builder().addAttributes(attributes);
}

void OtlpProtoSpanReader::readAnyValue(const otlp::common::v1::AnyValue& value, Attribute& out, int depth)
{
    TraceSetBuilder& builder = m_context.builder();
    using Case = otlp::common::v1::AnyValue::ValueCase;
    switch (value.value_case()) {
    case Case::kStringValue:
        out.setType(AttributeType::String);
        out.text = builder.intern(value.string_value());
        return;
    case Case::kBoolValue:
        out.setType(AttributeType::Bool);
        out.boolean = value.bool_value();
        return;
    case Case::kIntValue:
        out.setType(AttributeType::Int);
        out.integer = value.int_value();
        return;
    case Case::kDoubleValue:
        out.setType(AttributeType::Double);
        out.real = value.double_value();
        return;
    case Case::kBytesValue:
        out.setType(AttributeType::Bytes);
        out.text = builder.intern(value.bytes_value());
        return;
    case Case::kArrayValue: {
        out.setType(AttributeType::Array);
        if (depth >= maxValueDepth)
            return;
        std::vector<Attribute> elements;
        for (const auto& element : value.array_value().values()) {
            Attribute child;
            readAnyValue(element, child, depth + 1);
            elements.push_back(child);
        }
        out.children = builder.addAttributes(elements);
        return;
    }
    case Case::kKvlistValue:
        out.setType(AttributeType::KeyValueList);
        if (depth < maxValueDepth)
            out.children = readAttributes(value.kvlist_value().values(), depth + 1);
        return;
    case Case::VALUE_NOT_SET:
        out.setType(AttributeType::Empty);
        return;
    }
}

SpanIndex OtlpProtoSpanReader::readSpan(
    const otlp::trace::v1::Span& message, ResourceIndex resource, ScopeIndex scope, const std::string& path)
{
    TraceSetBuilder& builder = m_context.builder();
    Span span;
    span.resource = resource;
    span.service = builder.resourceService(resource);
    span.scope = scope;
    if (const auto traceId = traceIdOf(message.trace_id()); traceId && !traceId->isNull()) {
        span.traceId = *traceId;
    } else {
        span.flags |= SpanMissingTraceId;
        warn(path + ".traceId",
            "trace id is " + std::to_string(message.trace_id().size()) + " bytes, not 16; span kept, flagged");
    }
    if (const auto spanId = spanIdOf(message.span_id()); spanId && *spanId != 0) {
        span.spanId = *spanId;
    } else {
        span.flags |= SpanMissingId;
        warn(path + ".spanId",
            "span id is " + std::to_string(message.span_id().size()) + " bytes, not 8; span kept, flagged");
    }
    if (!message.parent_span_id().empty()) {
        if (const auto parent = spanIdOf(message.parent_span_id()); parent && *parent != 0) {
            span.parentSpanId = *parent;
            span.flags |= SpanHasParentId;
        } else if (!parent) {
            warn(path + ".parentSpanId", "parent span id is not 8 bytes; span shown as a root");
        }
    }
    span.traceState = builder.intern(message.trace_state());
    span.operation = builder.intern(message.name());
    span.traceFlags = message.flags();
    if (const auto kind = otlpSpanKind(static_cast<std::int64_t>(message.kind())))
        span.kind = *kind;
    else
        warn(path + ".kind", "unknown span kind " + std::to_string(message.kind()) + "; kind left unspecified");

    // Unsigned on the wire: beyond INT64_MAX is still a time, clamped (with a warning) below.
    const auto asSigned = [](std::uint64_t ns) {
        return static_cast<std::int64_t>(std::min<std::uint64_t>(ns, INT64_MAX));
    };
    const std::int64_t start = asSigned(message.start_time_unix_nano());
    const std::int64_t end = asSigned(message.end_time_unix_nano());
    const std::int64_t startNs = start != 0 ? start : end;
    if (const TimeRepairs repairs = setStartAndEnd(span, startNs, start != 0 && end != 0 ? end : startNs);
        repairs.any())
        warn(path, repairs.describe());
    if (start == 0) // placed at its end when it has one
        span.flags |= SpanMissingStart | (end != 0 ? SpanTimeDerived : 0);
    if (start == 0 || end == 0)
        span.flags |= SpanMissingDuration;

    span.attributes = readAttributes(message.attributes(), 0);
    m_events.clear();
    for (const auto& event : message.events()) {
        m_events.push_back({clampTime(asSigned(event.time_unix_nano())), builder.intern(event.name()),
            readAttributes(event.attributes(), 0), event.dropped_attributes_count()});
    }
    span.events = builder.addEvents(m_events);
    m_links.clear();
    for (const auto& link : message.links()) {
        const auto traceId = traceIdOf(link.trace_id());
        const auto spanId = spanIdOf(link.span_id());
        if (!traceId || !spanId) {
            warn(path + ".links", "a link has no valid trace and span id; link skipped");
            continue;
        }
        Link converted;
        converted.traceId = *traceId;
        converted.spanId = *spanId;
        converted.traceState = builder.intern(link.trace_state());
        converted.attributes = readAttributes(link.attributes(), 0);
        converted.flags = link.flags();
        converted.droppedAttributes = link.dropped_attributes_count();
        m_links.push_back(converted);
    }
    span.links = builder.addLinks(m_links);
    if (const auto code = otlpStatusCode(static_cast<std::int64_t>(message.status().code())))
        span.status = *code;
    else
        warn(path + ".status.code", "unknown status code; status left unset");
    span.statusMessage = builder.intern(message.status().message());
    const SpanIndex index = builder.addSpan(span);
    builder.setSpanDrops(
        index, {message.dropped_attributes_count(), message.dropped_events_count(), message.dropped_links_count()});
    return index;
}

} // namespace Spanwise
