#include "jaegerimporter.h"

#include "hexid.h"
#include "importcontext.h"
#include "jaegerprocesstable.h"
#include "jaegerspanreader.h"
#include "jsonpath.h"
#include "jsonrecords.h"
#include "jsonvalue.h"
#include "tracesetbuilder.h"

#include <simdjson.h>

namespace Spanwise {
namespace {

using ScanResult = std::expected<std::size_t, ScanError>;

// Walks the document's shapes; every span record is parsed on its own (see JsonRecords).
class DocumentReader
{
public:
    explicit DocumentReader(ImportContext& context)
        : m_records(context), m_processes(context), m_spans(context, m_processes)
    {
    }

    void run()
    {
        if (m_records.scanner().skipWhitespace(0) >= m_records.text().size()) {
            m_records.context().error(0, {}, "the file is empty");
            return;
        }
        m_records.forEachTopLevelValue([this](std::size_t pos) -> ScanResult {
            const char first = m_records.text()[pos];
            if (first == '[')
                return readArray(pos);
            if (first == '{')
                return readObject(pos);
            return std::unexpected(ScanError{pos, "expected a JSON object or array"});
        });
    }

private:
    // A top-level object: a query API response, a single trace, or a single span.
    ScanResult readObject(std::size_t pos)
    {
        const JsonPath root;
        const JsonMembers members = m_records.members(pos);
        const auto end = members.end();
        if (const JsonRange errors = members.find("errors"); errors.present())
            reportApiErrors(errors, root.member("errors"));
        if (const JsonRange data = members.find("data"); data.present()) {
            m_records.forEachRecord(data, root.member("data"), [this](std::size_t, JsonRange trace, const JsonPath& path) {
                if (m_records.text()[trace.begin] != '{')
                    m_records.warn(trace, path, "expected a trace object; skipped");
                else
                    readTrace(trace.begin, path);
            });
        } else if (members.has("spans")) {
            readTrace(pos, root);
        } else if (members.has("spanID") && end) {
            readSpan({pos, *end}, root, std::nullopt);
        } else if (end) {
            m_records.warn({pos, *end}, root,
                           "this object has no \"data\", \"spans\" or \"spanID\": it is not Jaeger trace data; skipped");
        }
        return end;
    }

    // A top-level array: spans (anonymizer output, JSON Lines of spans) or traces.
    ScanResult readArray(std::size_t pos)
    {
        const auto end = m_records.scanner().valueEnd(pos);
        m_records.forEachRecord({pos, pos}, JsonPath{}, [this](std::size_t, JsonRange element, const JsonPath& path) {
            if (m_records.text()[element.begin] == '{' && m_records.members(element.begin).has("spans"))
                readTrace(element.begin, path);
            else
                readSpan(element, path, std::nullopt);
        });
        return end;
    }

    // A trace object: processes first (they usually come after the spans in the file), then
    // every span record on its own. A trace the file breaks in yields its spans up to the break.
    void readTrace(std::size_t pos, const JsonPath& path)
    {
        const JsonMembers members = m_records.members(pos);
        const std::optional<TraceId> id = traceIdOf(members.find("traceID"));
        m_processes.startTrace();
        if (const JsonRange processes = members.find("processes"); processes.complete && processes.present()) {
            if (const auto element = m_records.parse(processes, path.member("processes")))
                m_processes.readTraceProcesses(*element, path.member("processes"), processes.begin);
        }
        if (const JsonRange warnings = members.find("warnings"); warnings.complete && warnings.present() && id)
            readTraceWarnings(warnings, *id, path.member("warnings"));
        const JsonRange spans = members.find("spans");
        if (!spans.present()) {
            m_records.warn({pos, pos}, path, "trace object has no \"spans\" array; trace skipped");
            return;
        }
        m_records.forEachRecord(spans, path.member("spans"), [&](std::size_t, JsonRange span, const JsonPath& spanPath) {
            readSpan(span, spanPath, id);
        });
    }

    void readSpan(JsonRange range, const JsonPath& path, std::optional<TraceId> traceId)
    {
        if (const auto element = m_records.parse(range, path)) {
            if (m_spans.read(*element, path, range.begin, traceId).isValid())
                ++m_records.context().report().spans;
        }
    }

    std::optional<TraceId> traceIdOf(JsonRange range) const
    {
        if (!range.complete || range.end - range.begin < 2)
            return std::nullopt;
        return parseHexTraceId(m_records.text().substr(range.begin + 1, range.end - range.begin - 2));
    }

    void readTraceWarnings(JsonRange range, TraceId trace, const JsonPath& path)
    {
        const auto element = m_records.parse(range, path);
        simdjson::dom::array list;
        if (!element || element->get_array().get(list))
            return;
        for (simdjson::dom::element warning : list)
            if (const auto text = jsonString(warning))
                m_records.context().builder().addTraceWarning(trace, *text);
    }

    void reportApiErrors(JsonRange range, const JsonPath& path)
    {
        const auto element = m_records.parse(range, path);
        simdjson::dom::array list;
        if (!element || element->get_array().get(list))
            return;
        for (simdjson::dom::element error : list) {
            std::string text = "the exporting Jaeger reported an error";
            simdjson::dom::object object;
            if (!error.get_object().get(object)) {
                if (const auto message = jsonMember(object, "msg"))
                    text += ": " + std::string(jsonString(*message).value_or(""));
            }
            m_records.warn(range, path, text);
        }
    }

    JsonRecords m_records;
    JaegerProcessTable m_processes;
    JaegerSpanReader m_spans;
};

// Skips white space and a byte order mark.
std::string_view trimmedHead(std::string_view head)
{
    if (head.starts_with("\xEF\xBB\xBF"))
        head.remove_prefix(3);
    while (
        !head.empty() && (head.front() == ' ' || head.front() == '\n' || head.front() == '\r' || head.front() == '\t'))
        head.remove_prefix(1);
    return head;
}

} // namespace

int JaegerImporter::sniff(std::string_view head) const
{
    head = trimmedHead(head);
    if (head.empty() || (head.front() != '{' && head.front() != '['))
        return 0;
    // Jaeger alone spells these keys with a capital "ID"; OTLP and Zipkin write "traceId".
    const bool traceId = head.find("\"traceID\"") != std::string_view::npos;
    const bool spanId = head.find("\"spanID\"") != std::string_view::npos;
    const bool operation = head.find("\"operationName\"") != std::string_view::npos;
    if (traceId && (spanId || operation))
        return 80;
    if (spanId && operation)
        return 70;
    if (traceId && head.find("\"spans\"") != std::string_view::npos)
        return 60;
    // A trace object with no spans: still Jaeger, so the importer can say what is missing.
    if (traceId)
        return 40;
    return 0;
}

void JaegerImporter::read(ImportContext& context) const
{
    DocumentReader(context).run();
}

} // namespace Spanwise
