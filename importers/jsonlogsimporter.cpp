#include "jsonlogsimporter.h"

#include "importcontext.h"
#include "jsonrecords.h"
#include "jsonvalue.h"
#include "logcontext.h"
#include "logrecord.h"
#include "tracesetbuilder.h"

#include <array>
#include <string>
#include <vector>

namespace Spanwise {
namespace {

// The spellings of each field, most specific first. A dotted name is looked up as a flat key
// ("dd.trace_id") and as nested objects ({"dd": {"trace_id": …}}).
constexpr std::array traceKeys {
    "trace_id", "traceId", "traceid", "trace.id", "otelTraceID", "logging.googleapis.com/trace"};
constexpr std::array spanKeys {"span_id", "spanId", "spanid", "span.id", "otelSpanID", "logging.googleapis.com/spanId"};
constexpr std::array datadogTraceKeys {"dd.trace_id"};
constexpr std::array datadogSpanKeys {"dd.span_id"};
constexpr std::array traceparentKeys {"traceparent"};
constexpr std::array timeKeys {"timestamp", "@timestamp", "time", "ts", "datetime", "date", "timeUnixNano", "t"};
constexpr std::array levelKeys {
    "level", "severity", "log.level", "levelname", "loglevel", "severity_text", "severityText", "lvl", "log_level"};
constexpr std::array messageKeys {"message", "msg", "body", "log", "text", "event", "@message"};
constexpr std::array serviceKeys {"service.name", "service", "service_name", "dd.service", "serviceName", "app"};

// A dotted name as a flat key, else as nested objects.
std::optional<simdjson::dom::element> lookUp(simdjson::dom::object object, std::string_view name)
{
    if (auto value = jsonMember(object, name))
        return value;
    const std::size_t dot = name.find('.');
    if (dot == std::string_view::npos)
        return std::nullopt;
    const auto outer = jsonMember(object, name.substr(0, dot));
    simdjson::dom::object inner;
    if (!outer || outer->get_object().get(inner))
        return std::nullopt;
    return lookUp(inner, name.substr(dot + 1));
}

template <std::size_t N>
std::optional<simdjson::dom::element> first(
    simdjson::dom::object object, const std::array<const char*, N>& names, std::vector<std::string_view>& used)
{
    for (const char* name : names)
        if (auto value = lookUp(object, name)) {
            // Read as a flat key, that key is used; read through nested objects, the outer one.
            const std::string_view key(name);
            used.push_back(jsonMember(object, key) ? key : key.substr(0, key.find('.')));
            return value;
        }
    return std::nullopt;
}

// A member's value as text: strings as they are, numbers as written (ids are often numbers).
std::optional<std::string> textOf(simdjson::dom::element value)
{
    if (const auto text = jsonString(value))
        return std::string(*text);
    if (value.is_uint64())
        return std::to_string(value.get_uint64().value());
    if (value.is_int64())
        return std::to_string(value.get_int64().value());
    return std::nullopt;
}

// Pino and Bunyan write levels as numbers: 10 trace, 20 debug, 30 info, 40 warn, 50 error, 60 fatal.
std::uint8_t severityOfNumber(std::int64_t level)
{
    switch (level) {
    case 10:
        return 1;
    case 20:
        return 5;
    case 30:
        return 9;
    case 40:
        return 13;
    case 50:
        return 17;
    case 60:
        return 21;
    default:
        return level >= 1 && level <= 24 ? static_cast<std::uint8_t>(level) : 0;
    }
}

class LogLineReader
{
public:
    explicit LogLineReader(ImportContext& context)
        : m_records(context)
    { }

    void run()
    {
        m_records.forEachTopLevelValue([this](std::size_t pos) -> std::expected<std::size_t, ScanError> {
            // Anything but an object is no log line: skipped to the next line that starts one.
            if (m_records.text()[pos] != '{')
                return std::unexpected(ScanError {pos, "expected a JSON object a line"});
            const auto end = m_records.scanner().valueEnd(pos);
            if (end && *end <= pos)
                return std::unexpected(ScanError {pos, "expected a JSON object a line"});
            const JsonPath path = m_root.element(static_cast<std::int64_t>(m_lines++));
            if (end)
                if (const auto element = m_records.parse({pos, *end}, path))
                    read(*element, pos, path);
            return end;
        });
        ImportReport& report = m_records.context().report();
        if (report.logRecords > 0 && m_withoutContext == report.logRecords)
            m_records.context().warn(0, {},
                "no line carries a trace id in a spelling Spanwise knows (trace_id, "
                "traceId, trace.id, dd.trace_id, traceparent): none can be attached");
    }

private:
    void read(simdjson::dom::element line, std::size_t offset, const JsonPath& path)
    {
        simdjson::dom::object object;
        if (line.get_object().get(object)) {
            m_records.warn({offset, offset}, path,
                "expected a JSON object a line, found " + std::string(jsonTypeName(line)) + "; line skipped");
            return;
        }
        TraceSetBuilder& builder = m_records.context().builder();
        std::vector<std::string_view> used;
        LogRecord log;
        log.offset = offset;
        readContext(object, used, log);
        if (const auto time = first(object, timeKeys, used)) {
            const auto ns = jsonString(*time) ? logTimeFromText(*jsonString(*time))
                : time->is_int64()            ? logTimeFromInteger(time->get_int64().value())
                : jsonNumber(*time)           ? logTimeFromNumber(*jsonNumber(*time))
                                              : std::nullopt;
            if (ns) {
                log.timeNs = *ns;
                log.hasTime = true;
            } else {
                m_records.warn({offset, offset}, path,
                    "the time is neither ISO 8601 nor a number since the epoch; "
                    "the line is kept without a time");
            }
        }
        if (const auto level = first(object, levelKeys, used)) {
            if (const auto text = jsonString(*level)) {
                log.severityText = builder.intern(*text);
                log.severityNumber = severityNumberOf(*text);
            } else if (const auto number = jsonInteger(*level)) {
                log.severityNumber = severityOfNumber(*number);
            }
        }
        if (const auto message = first(object, messageKeys, used))
            log.body = builder.intern(
                jsonString(*message) ? std::string(*jsonString(*message)) : std::string(simdjson::minify(*message)));
        if (const auto service = first(object, serviceKeys, used))
            if (const auto text = textOf(*service))
                log.service = builder.intern(*text);
        log.attributes = otherMembers(object, used);
        m_withoutContext += log.traceId.isNull() ? 1 : 0;
        builder.addLog(log);
        ++m_records.context().report().logRecords;
    }

    // The trace context, in the first spelling found: W3C traceparent, OpenTelemetry's and
    // others' hex ids, Datadog's decimal ones (the low 64 bits of the trace id).
    void readContext(simdjson::dom::object object, std::vector<std::string_view>& used, LogRecord& log)
    {
        if (const auto value = first(object, traceparentKeys, used))
            if (const auto text = jsonString(*value))
                if (const auto context = parseTraceparent(*text)) {
                    log.traceId = context->traceId;
                    log.spanId = context->spanId;
                    return;
                }
        if (const auto value = first(object, traceKeys, used)) {
            const auto text = textOf(*value);
            if (const auto id = text ? parseLogTraceId(*text) : std::nullopt)
                log.traceId = *id;
            if (const auto span = first(object, spanKeys, used))
                if (const auto spanText = textOf(*span))
                    log.spanId = parseLogSpanId(*spanText).value_or(0);
            if (!log.traceId.isNull())
                return;
        }
        if (const auto value = first(object, datadogTraceKeys, used)) {
            const auto text = textOf(*value);
            if (const auto id = text ? parseDecimalId(*text) : std::nullopt) {
                log.traceId = TraceId {0, *id};
                log.traceIdLow64Only = true;
            }
            if (const auto span = first(object, datadogSpanKeys, used))
                if (const auto spanText = textOf(*span))
                    log.spanId = parseDecimalId(*spanText).value_or(0);
        }
    }

    // Every member not read as a field, as an attribute: scalars typed, the rest as compact JSON.
    Range otherMembers(simdjson::dom::object object, const std::vector<std::string_view>& used)
    {
        TraceSetBuilder& builder = m_records.context().builder();
        m_attributes.clear();
        for (const auto field : object) {
            if (std::find(used.begin(), used.end(), field.key) != used.end())
                continue;
            Attribute attribute;
            attribute.setKey(builder.intern(field.key));
            if (const auto text = jsonString(field.value)) {
                attribute.setType(AttributeType::String);
                attribute.text = builder.intern(*text);
            } else if (field.value.is_bool()) {
                attribute.setType(AttributeType::Bool);
                attribute.boolean = field.value.get_bool().value();
            } else if (field.value.is_int64()) {
                attribute.setType(AttributeType::Int);
                attribute.integer = field.value.get_int64().value();
            } else if (field.value.is_number()) {
                attribute.setType(AttributeType::Double);
                attribute.real = jsonNumber(field.value).value_or(0);
            } else if (field.value.is_null()) {
                continue;
            } else {
                attribute.setType(AttributeType::String);
                attribute.text = builder.intern(simdjson::minify(field.value));
            }
            m_attributes.push_back(attribute);
        }
        return builder.addAttributes(m_attributes);
    }

    JsonRecords m_records;
    const JsonPath m_root; // lines are numbered like the elements of one array
    std::vector<Attribute> m_attributes;
    std::size_t m_lines = 0;
    std::size_t m_withoutContext = 0;
};

bool contains(std::string_view text, std::string_view key)
{
    return text.find(key) != std::string_view::npos;
}

} // namespace

int JsonLogsImporter::sniff(std::string_view head) const
{
    // One object a line whose first line has a message and a time or a level: a log line.
    const std::size_t first = head.find_first_not_of(" \t\r\n\xEF\xBB\xBF");
    if (first == std::string_view::npos || head[first] != '{')
        return 0;
    const std::string_view line = head.substr(first, head.find('\n', first) - first);
    const bool message = contains(line, "\"message\"") || contains(line, "\"msg\"") || contains(line, "\"@message\"") ||
        contains(line, "\"event\"") || contains(line, "\"body\"") || contains(line, "\"log\"");
    const bool timeOrLevel = contains(line, "\"timestamp\"") || contains(line, "\"@timestamp\"") ||
        contains(line, "\"time\"") || contains(line, "\"ts\"") || contains(line, "\"level\"") ||
        contains(line, "\"severity\"") || contains(line, "\"levelname\"") || contains(line, "\"log.level\"");
    // Trace formats' own keys: never a log line.
    const bool traceFormat = contains(line, "\"resourceSpans\"") || contains(line, "\"resourceLogs\"") ||
        contains(line, "\"spans\"") || contains(line, "\"data\"") || contains(line, "\"batches\"");
    return message && timeOrLevel && !traceFormat ? 40 : 0;
}

void JsonLogsImporter::read(ImportContext& context) const
{
    LogLineReader(context).run();
}

} // namespace Spanwise
