#include "jaegerimporter.h"

#include "hexid.h"
#include "importcontext.h"
#include "jaegerprocesstable.h"
#include "jaegerspanreader.h"
#include "jsonpath.h"
#include "jsonscanner.h"
#include "jsonvalue.h"
#include "tracesetbuilder.h"

#include <simdjson.h>

namespace Spanwise {
namespace {

using ScanResult = std::expected<std::size_t, ScanError>;

struct MemberRange {
    std::size_t begin = 0;
    std::size_t end = 0;
    bool present() const { return end > begin; }
};

// Walks the document's shape with the scanner and hands each span record to the DOM parser
// on its own, so a bad record costs only itself.
class DocumentReader
{
public:
    explicit DocumentReader(ImportContext& context)
        : m_context(context)
        , m_scanner(context.bytes())
        , m_processes(context)
        , m_spans(context, m_processes)
    { }

    void run()
    {
        const std::string_view text = m_context.bytes();
        std::size_t pos = m_scanner.skipWhitespace(0);
        if (pos >= text.size()) {
            m_context.error(0, {}, "the file is empty");
            return;
        }
        const JsonPath root;
        while (pos < text.size() && !m_context.cancelled()) {
            const char first = text[pos];
            ScanResult end = first == '{' ? readObject(pos, root)
                : first == '['            ? readArray(pos, root)
                                          : std::unexpected(ScanError {pos, "expected a JSON object or array"});
            if (!end) {
                // A cut inside a trace's spans was reported there already.
                if (end.error().offset != m_reportedBreak)
                    m_context.warn(end.error().offset, {}, end.error().message + "; the rest of the file is skipped");
                return;
            }
            pos = m_scanner.skipWhitespace(*end);
        }
    }

private:
    // A top-level object: a query API response, a single trace, or a single span.
    ScanResult readObject(std::size_t pos, const JsonPath& path)
    {
        MemberRange spans, spanId, errors;
        bool sawData = false;
        const ScanResult end = m_scanner.forEachMember(pos, [&](std::string_view key, std::size_t begin) -> ScanResult {
            if (key == "data") {
                sawData = true;
                return readTraceArray(begin, path.member("data"));
            }
            const ScanResult valueEnd = m_scanner.valueEnd(begin);
            if (valueEnd) {
                if (key == "spans")
                    spans = {begin, *valueEnd};
                else if (key == "spanID")
                    spanId = {begin, *valueEnd};
                else if (key == "errors")
                    errors = {begin, *valueEnd};
            }
            return valueEnd;
        });
        if (errors.present())
            reportApiErrors(errors, path.member("errors"));
        if (!end) {
            // A cut inside a single trace object still yields the spans before the cut.
            if (!sawData)
                readTruncatedTrace(pos, path);
            return end;
        }
        if (sawData)
            return end;
        if (spans.present())
            readTrace(pos, path);
        else if (spanId.present())
            readSpanRecord(pos, *end, path, std::nullopt);
        else
            m_context.warn(pos, path.toString(),
                "this object has no \"data\", \"spans\" or \"spanID\": "
                "it is not Jaeger trace data; skipped");
        return end;
    }

    // A top-level array: spans (anonymizer output, JSON Lines of spans) or traces.
    ScanResult readArray(std::size_t pos, const JsonPath& path)
    {
        return m_scanner.forEachElement(pos, [&](std::size_t index, std::size_t begin, std::size_t end) {
            const JsonPath elementPath = path.element(static_cast<std::int64_t>(index));
            if (hasMember(begin, "spans"))
                readTrace(begin, elementPath);
            else
                readSpanRecord(begin, end, elementPath, std::nullopt);
            return !m_context.cancelled();
        });
    }

    ScanResult readTraceArray(std::size_t pos, const JsonPath& path)
    {
        const std::string_view text = m_context.bytes();
        if (text.compare(pos, 4, "null") == 0)
            return pos + 4;
        const ScanResult end = m_scanner.forEachElement(pos, [&](std::size_t index, std::size_t begin, std::size_t) {
            const JsonPath tracePath = path.element(static_cast<std::int64_t>(index));
            if (text[begin] != '{')
                m_context.warn(begin, tracePath.toString(), "expected a trace object; skipped");
            else
                readTrace(begin, tracePath);
            return !m_context.cancelled();
        });
        // A file cut inside a trace still yields that trace's spans before the cut.
        if (!end && end.error().brokenElementBegin != std::string_view::npos &&
            text[end.error().brokenElementBegin] == '{') {
            readTruncatedTrace(end.error().brokenElementBegin,
                path.element(static_cast<std::int64_t>(end.error().brokenElementIndex)));
        }
        return end;
    }

    bool hasMember(std::size_t pos, std::string_view wanted)
    {
        bool found = false;
        if (m_context.bytes()[pos] != '{')
            return false;
        (void)m_scanner.forEachMember(pos, [&](std::string_view key, std::size_t begin) {
            found = found || key == wanted;
            return m_scanner.valueEnd(begin);
        });
        return found;
    }

    // A trace object: processes first (they usually come after the spans in the file), then
    // every span record on its own.
    void readTrace(std::size_t pos, const JsonPath& path)
    {
        MemberRange spans, processes, warnings, traceId;
        (void)m_scanner.forEachMember(pos, [&](std::string_view key, std::size_t begin) {
            const ScanResult valueEnd = m_scanner.valueEnd(begin);
            const MemberRange range {begin, valueEnd.value_or(begin)};
            if (key == "spans")
                spans = range;
            else if (key == "processes")
                processes = range;
            else if (key == "warnings")
                warnings = range;
            else if (key == "traceID")
                traceId = range;
            return valueEnd;
        });
        const std::optional<TraceId> id = traceIdOf(traceId);
        m_processes.startTrace();
        if (processes.present()) {
            if (const auto element = parse(processes, path.member("processes")))
                m_processes.readTraceProcesses(*element, path.member("processes"), processes.begin);
        }
        if (warnings.present() && id)
            readTraceWarnings(warnings, *id, path.member("warnings"));
        if (!spans.present()) {
            m_context.warn(pos, path.toString(), "trace object has no \"spans\" array; trace skipped");
            return;
        }
        readSpanArray(spans.begin, path.member("spans"), id);
    }

    // A single trace object cut short: read the spans up to the cut.
    void readTruncatedTrace(std::size_t pos, const JsonPath& path)
    {
        std::optional<std::size_t> spansBegin;
        MemberRange traceId;
        (void)m_scanner.forEachMember(pos, [&](std::string_view key, std::size_t begin) {
            if (key == "spans")
                spansBegin = begin;
            const ScanResult valueEnd = m_scanner.valueEnd(begin);
            if (key == "traceID" && valueEnd)
                traceId = {begin, *valueEnd};
            return valueEnd;
        });
        m_processes.startTrace();
        if (spansBegin)
            (void)readSpanArray(*spansBegin, path.member("spans"), traceIdOf(traceId));
    }

    ScanResult readSpanArray(std::size_t pos, const JsonPath& path, std::optional<TraceId> traceId)
    {
        const ScanResult end =
            m_scanner.forEachElement(pos, [&](std::size_t index, std::size_t begin, std::size_t spanEnd) {
                readSpanRecord(begin, spanEnd, path.element(static_cast<std::int64_t>(index)), traceId);
                return !m_context.cancelled();
            });
        if (!end) {
            m_context.warn(
                end.error().offset, path.toString(), end.error().message + "; later spans of this trace are skipped");
            m_reportedBreak = end.error().offset;
        }
        return end;
    }

    void readSpanRecord(std::size_t begin, std::size_t end, const JsonPath& path, std::optional<TraceId> traceId)
    {
        if (const auto element = parse({begin, end}, path)) {
            if (m_spans.read(*element, path, begin, traceId).isValid())
                ++m_context.report().spans;
        }
        m_context.progress(end);
    }

    std::optional<simdjson::dom::element> parse(MemberRange range, const JsonPath& path)
    {
        simdjson::dom::element element;
        // The file buffer is padded, so the parser may read past the record's end.
        const auto error =
            m_parser.parse(m_context.bytes().data() + range.begin, range.end - range.begin, false).get(element);
        if (error) {
            m_context.warn(range.begin, path.toString(),
                std::string("malformed JSON: ") + simdjson::error_message(error) + "; record skipped");
            return std::nullopt;
        }
        return element;
    }

    std::optional<TraceId> traceIdOf(MemberRange range) const
    {
        if (!range.present() || range.end - range.begin < 2)
            return std::nullopt;
        return parseHexTraceId(m_context.bytes().substr(range.begin + 1, range.end - range.begin - 2));
    }

    void readTraceWarnings(MemberRange range, TraceId trace, const JsonPath& path)
    {
        const auto element = parse(range, path);
        simdjson::dom::array list;
        if (!element || element->get_array().get(list))
            return;
        for (simdjson::dom::element warning : list)
            if (const auto text = jsonString(warning))
                m_context.builder().addTraceWarning(trace, *text);
    }

    void reportApiErrors(MemberRange range, const JsonPath& path)
    {
        const auto element = parse(range, path);
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
            m_context.warn(range.begin, path.toString(), text);
        }
    }

    ImportContext& m_context;
    JsonScanner m_scanner;
    simdjson::dom::parser m_parser;
    JaegerProcessTable m_processes;
    JaegerSpanReader m_spans;
    std::size_t m_reportedBreak = std::string_view::npos;
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
