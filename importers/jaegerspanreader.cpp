#include "jaegerspanreader.h"

#include "spantimes.h"

#include "hexid.h"
#include "importcontext.h"
#include "jaegerprocesstable.h"
#include "jaegertags.h"
#include "jsonobjects.h"
#include "jsonvalue.h"
#include "tracesetbuilder.h"

#include <algorithm>

namespace Spanwise {
namespace {

SpanKind kindFromTag(std::string_view value)
{
    if (value == "server")
        return SpanKind::Server;
    if (value == "client")
        return SpanKind::Client;
    if (value == "producer")
        return SpanKind::Producer;
    if (value == "consumer")
        return SpanKind::Consumer;
    if (value == "internal")
        return SpanKind::Internal;
    return SpanKind::Unspecified;
}

} // namespace

JaegerSpanReader::JaegerSpanReader(ImportContext& context, JaegerProcessTable& processes)
    : m_context(context)
    , m_processes(processes)
    , m_kindKey(context.builder().intern("span.kind"))
    , m_errorKey(context.builder().intern("error"))
    , m_statusKey(context.builder().intern("otel.status_code"))
    , m_descriptionKey(context.builder().intern("otel.status_description"))
    , m_eventKey(context.builder().intern("event"))
    , m_messageKey(context.builder().intern("message"))
    , m_logName(context.builder().intern("log"))
{ }

void JaegerSpanReader::warn(const JsonPath& path, std::string text)
{
    m_context.warn(m_recordOffset, path.toString(), std::move(text));
}

std::optional<std::int64_t> JaegerSpanReader::readMicros(
    simdjson::dom::object object, std::string_view key, const JsonPath& path)
{
    const auto value = jsonMember(object, key);
    if (!value)
        return std::nullopt;
    const auto nanos = jsonMicrosAsNanos(*value);
    if (!nanos)
        warn(path.member(key),
            std::string(key) + " should be a number of microseconds, found " + std::string(jsonTypeName(*value)));
    return nanos;
}

SpanIndex JaegerSpanReader::read(
    simdjson::dom::element record, const JsonPath& path, std::size_t recordOffset, std::optional<TraceId> traceId)
{
    m_recordOffset = recordOffset;
    simdjson::dom::object object;
    if (record.get_object().get(object)) {
        warn(path, "expected a span object, found " + std::string(jsonTypeName(record)) + "; record skipped");
        return {};
    }
    TraceSetBuilder& builder = m_context.builder();
    Span span;

    const auto traceText = jsonMember(object, "traceID");
    const auto parsedTrace = traceText ? jsonString(*traceText).and_then(parseHexTraceId) : std::nullopt;
    if (parsedTrace)
        span.traceId = *parsedTrace;
    else if (traceId)
        span.traceId = *traceId;
    if (!parsedTrace)
        warn(path.member("traceID"), traceText ? "traceID is not a hex id" : "span has no traceID");

    const auto spanText = jsonMember(object, "spanID");
    const auto parsedSpan = spanText ? jsonString(*spanText).and_then(parseHexSpanId) : std::nullopt;
    if (parsedSpan) {
        span.spanId = *parsedSpan;
    } else {
        span.flags |= SpanMissingId;
        warn(path.member("spanID"), spanText ? "spanID is not a hex id" : "span has no spanID");
    }

    if (const auto name = jsonMember(object, "operationName")) {
        if (const auto text = jsonString(*name))
            span.operation = builder.intern(*text);
        else
            warn(path.member("operationName"),
                "operationName should be a string, found " + std::string(jsonTypeName(*name)));
    } else {
        warn(path.member("operationName"), "span has no operationName; shown without a name");
    }

    const auto start = readMicros(object, "startTime", path);
    const auto duration = readMicros(object, "duration", path);
    if (!start)
        span.flags |= SpanMissingStart;
    if (!duration)
        span.flags |= SpanMissingDuration;
    if (const TimeRepairs repairs = setStartAndDuration(span, start.value_or(0), duration.value_or(0)); repairs.any())
        warn(path, repairs.describe());

    if (const auto flags = jsonMember(object, "flags")) {
        if (const auto value = jsonFlags(*flags))
            span.traceFlags = *value;
        else
            warn(path.member("flags"), value.error());
    }

    m_links.clear();
    if (const auto references = jsonMember(object, "references"))
        readReferences(*references, path.member("references"), span);
    // Old Jaeger JSON names the parent directly.
    if (const auto parent = jsonMember(object, "parentSpanID"); parent && !span.hasParentId()) {
        const auto id = jsonString(*parent).and_then(parseHexSpanId);
        if (id && *id != 0) {
            span.parentSpanId = *id;
            span.flags |= SpanHasParentId;
        }
    }
    span.links = builder.addLinks(m_links);

    m_events.clear();
    if (const auto logs = jsonMember(object, "logs"))
        readLogs(*logs, path.member("logs"), span);
    span.events = builder.addEvents(m_events);

    m_attributes.clear();
    if (const auto tags = jsonMember(object, "tags"))
        readJaegerTags(*tags, path.member("tags"), recordOffset, m_context, m_attributes);
    applyWellKnownTags(span);
    span.attributes = builder.addAttributes(m_attributes);

    if (const auto process = jsonMember(object, "process"); process && process->is_object()) {
        span.resource = m_processes.resourceInline(*process, path.member("process"), recordOffset);
    } else if (const auto processId = jsonMember(object, "processID")) {
        const auto id = jsonString(*processId);
        span.resource = id ? m_processes.resourceById(*id) : ResourceIndex {};
        if (!span.resource.isValid())
            warn(path.member("processID"), "processID names no process of this trace; service unknown");
    }
    if (!span.resource.isValid())
        span.resource = m_processes.unknownResource();
    span.service = builder.resourceService(span.resource);

    const SpanIndex index = builder.addSpan(span);
    simdjson::dom::array warnings;
    if (const auto member = jsonMember(object, "warnings"); member && !member->get_array().get(warnings)) {
        for (simdjson::dom::element warning : warnings)
            if (const auto text = jsonString(warning))
                builder.addSpanWarning(index, *text);
    }
    return index;
}

void JaegerSpanReader::readReferences(simdjson::dom::element references, const JsonPath& path, Span& span)
{
    if (references.is_null())
        return;
    simdjson::dom::array list;
    if (references.get_array().get(list)) {
        warn(path, "references should be an array, found " + std::string(jsonTypeName(references)));
        return;
    }
    // The parent is the first CHILD_OF reference within the span's trace, else the first
    // reference within the trace; every other reference becomes a link.
    std::optional<std::size_t> parentLink;
    const auto warnAt = [this](const JsonPath& at, std::string text) { warn(at, std::move(text)); };
    forEachObject(list, path, "a reference", warnAt, [&](simdjson::dom::object object, const JsonPath& referencePath) {
        const auto type = jsonMember(object, "refType").and_then([](auto v) { return jsonString(v); });
        const auto traceText = jsonMember(object, "traceID").and_then([](auto v) { return jsonString(v); });
        const auto spanText = jsonMember(object, "spanID").and_then([](auto v) { return jsonString(v); });
        const auto trace = traceText ? parseHexTraceId(*traceText) : std::optional<TraceId>(span.traceId);
        const auto spanId = spanText ? parseHexSpanId(*spanText) : std::nullopt;
        if (!trace || !spanId) {
            warn(referencePath, "reference has no valid traceID and spanID; reference skipped");
            return;
        }
        Link link;
        link.traceId = *trace;
        link.spanId = *spanId;
        link.kind = type == std::string_view("FOLLOWS_FROM") ? LinkKind::FollowsFrom : LinkKind::ChildOf;
        m_links.push_back(link);
        if (link.traceId != span.traceId)
            return;
        const bool betterParent =
            !parentLink || (link.kind == LinkKind::ChildOf && m_links[*parentLink].kind != LinkKind::ChildOf);
        if (betterParent)
            parentLink = m_links.size() - 1;
    });
    if (parentLink) {
        span.parentSpanId = m_links[*parentLink].spanId;
        span.flags |= SpanHasParentId;
        m_links.erase(m_links.begin() + static_cast<std::ptrdiff_t>(*parentLink));
    }
}

void JaegerSpanReader::readLogs(simdjson::dom::element logs, const JsonPath& path, Span&)
{
    if (logs.is_null())
        return;
    simdjson::dom::array list;
    if (logs.get_array().get(list)) {
        warn(path, "logs should be an array, found " + std::string(jsonTypeName(logs)));
        return;
    }
    TraceSetBuilder& builder = m_context.builder();
    const auto warnAt = [this](const JsonPath& at, std::string text) { warn(at, std::move(text)); };
    forEachObject(list, path, "a log", warnAt, [&](simdjson::dom::object object, const JsonPath& logPath) {
        Event event;
        if (const auto micros = readMicros(object, "timestamp", logPath))
            event.timeNs = *micros;
        m_eventAttributes.clear();
        if (const auto fields = jsonMember(object, "fields"))
            readJaegerTags(*fields, logPath.member("fields"), m_recordOffset, m_context, m_eventAttributes);
        // A log is named by its "event" field (OpenTracing convention), else its "message".
        for (const StringId key : {m_eventKey, m_messageKey}) {
            const auto it = std::find_if(m_eventAttributes.begin(), m_eventAttributes.end(),
                [&](const Attribute& a) { return a.key() == key && a.type() == AttributeType::String; });
            if (it != m_eventAttributes.end()) {
                event.name = it->text;
                break;
            }
        }
        if (!event.name.isValid())
            event.name = m_logName;
        event.attributes = builder.addAttributes(m_eventAttributes);
        m_events.push_back(event);
    });
}

void JaegerSpanReader::applyWellKnownTags(Span& span)
{
    const TraceSetBuilder& builder = m_context.builder();
    for (const Attribute& a : m_attributes) {
        const bool isString = a.type() == AttributeType::String;
        if (a.key() == m_kindKey && isString) {
            span.kind = kindFromTag(builder.text(a.text));
        } else if (a.key() == m_errorKey) {
            const bool error =
                (a.type() == AttributeType::Bool && a.boolean) || (isString && builder.text(a.text) == "true");
            if (error)
                span.status = StatusCode::Error;
        } else if (a.key() == m_statusKey && isString) {
            const auto code = builder.text(a.text);
            if (code == "ERROR")
                span.status = StatusCode::Error;
            else if (code == "OK" && span.status != StatusCode::Error)
                span.status = StatusCode::Ok;
        } else if (a.key() == m_descriptionKey && isString) {
            span.statusMessage = a.text;
        }
    }
}

} // namespace Spanwise
