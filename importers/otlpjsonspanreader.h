#pragma once

#include "attribute.h"
#include "ids.h"
#include "jsonpath.h"
#include "span.h"

#include <simdjson.h>

#include <optional>
#include <string_view>
#include <vector>

namespace Spanwise {

class ImportContext;
class TraceSetBuilder;

// Turns OTLP JSON objects (resource, scope, span, log record) into the model. Accepts what exporters write
// in the wild: camelCase or snake_case keys, hex ids in any case or base64 ids, 64-bit integers
// as strings or numbers, enums as numbers or names. A field that cannot be read is reported at
// the record's offset with its JSON path and left at its default; the span still loads.
class OtlpJsonSpanReader
{
public:
    explicit OtlpJsonSpanReader(ImportContext& context);

    ResourceIndex readResource(simdjson::dom::element resource, const JsonPath& path, std::size_t recordOffset);
    // The resource for a resourceSpans entry without a "resource": the unknown service.
    ResourceIndex emptyResource();
    // The resource emptyResource() made, if it did (parallelread.h joins readers' tables).
    ResourceIndex cachedEmptyResource() const { return m_emptyResource; }
    void setCachedEmptyResource(ResourceIndex resource) { m_emptyResource = resource; }
    ScopeIndex readScope(simdjson::dom::element scope, const JsonPath& path, std::size_t recordOffset);
    // Returns the new span's index, or an invalid index when the record is not a span object.
    SpanIndex readSpan(simdjson::dom::element record, const JsonPath& path, std::size_t recordOffset,
        ResourceIndex resource, ScopeIndex scope);
    // Adds a logRecord of a resourceLogs entry whose resource names `service` (may be empty);
    // false when the record is not an object.
    bool readLogRecord(simdjson::dom::element record, const JsonPath& path, std::size_t recordOffset, StringId service);

private:
    Range readAttributes(simdjson::dom::element list, const JsonPath& path);
    bool readAnyValue(simdjson::dom::element value, const JsonPath& path, Attribute& out, int depth);
    std::optional<std::int64_t> readNanos(
        simdjson::dom::object object, std::string_view camel, std::string_view snake, const JsonPath& path);
    // A member's value, named `name` in the warning when it is no integer.
    std::optional<std::int64_t> readNanos(
        std::optional<simdjson::dom::element> value, std::string_view name, const JsonPath& path);
    void readEvents(simdjson::dom::element events, const JsonPath& path, Span& span);
    void readLinks(simdjson::dom::element links, const JsonPath& path, Span& span);
    void readStatus(simdjson::dom::element status, const JsonPath& path, Span& span);
    void readKind(simdjson::dom::element kind, const JsonPath& path, Span& span);
    std::uint32_t readCount(simdjson::dom::object object, std::string_view camel, std::string_view snake);
    std::uint32_t readCount(std::optional<simdjson::dom::element> value);
    void warn(const JsonPath& path, std::string text);

    ImportContext& m_context;
    std::size_t m_recordOffset = 0;
    const StringId m_serviceNameKey;
    std::vector<Event> m_events;
    std::vector<Link> m_links;
    ResourceIndex m_emptyResource;
};

// The service.name a resource object names, or the empty string's id.
StringId otlpResourceServiceName(simdjson::dom::element resource, TraceSetBuilder& builder);

// OTLP JSON ids: hex (32 digits for a trace, 16 for a span, any case) or base64 of the bytes.
std::optional<TraceId> parseOtlpTraceId(std::string_view text);
std::optional<std::uint64_t> parseOtlpSpanId(std::string_view text);

} // namespace Spanwise
