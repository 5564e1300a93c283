#pragma once

#include "attribute.h"
#include "ids.h"
#include "jsonpath.h"
#include "span.h"

#include <simdjson.h>

#include <optional>
#include <vector>

namespace Spanwise {

class ImportContext;
class JaegerProcessTable;

// Turns one Jaeger span object into a model span. Fields that cannot be read are reported
// and left at their defaults (the span is flagged); only a record that is not an object at
// all is skipped. Scratch vectors are reused from span to span.
class JaegerSpanReader
{
public:
    JaegerSpanReader(ImportContext& context, JaegerProcessTable& processes);

    // `traceId` is the enclosing trace object's id, used when the span has none of its own.
    // Returns the new span's index, or an invalid index when the record was skipped.
    SpanIndex read(
        simdjson::dom::element record, const JsonPath& path, std::size_t recordOffset, std::optional<TraceId> traceId);

private:
    void readReferences(simdjson::dom::element references, const JsonPath& path, Span& span);
    void readLogs(simdjson::dom::element logs, const JsonPath& path, Span& span);
    void applyWellKnownTags(Span& span);
    std::optional<std::int64_t> readMicros(simdjson::dom::object object, std::string_view key, const JsonPath& path);
    void warn(const JsonPath& path, std::string text);

    ImportContext& m_context;
    JaegerProcessTable& m_processes;
    const StringId m_kindKey;
    const StringId m_errorKey;
    const StringId m_statusKey;
    const StringId m_descriptionKey;
    const StringId m_eventKey;
    const StringId m_messageKey;
    const StringId m_logName;
    std::size_t m_recordOffset = 0;
    std::vector<Attribute> m_attributes;
    std::vector<Attribute> m_eventAttributes;
    std::vector<Event> m_events;
    std::vector<Link> m_links;
};

} // namespace Spanwise
