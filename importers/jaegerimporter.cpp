#include "jaegerimporter.h"

#include "hexid.h"
#include "importcontext.h"
#include "jaegerprocesstable.h"
#include "jaegerspanreader.h"
#include "jsonpath.h"
#include "jsonrecords.h"
#include "jsonvalue.h"
#include "parallelread.h"
#include "tracesetbuilder.h"

#include <simdjson.h>

#include <algorithm>

namespace Spanwise {
namespace {

using ScanResult = std::expected<std::size_t, ScanError>;

// Walks the document's shapes; every span record is parsed on its own (see JsonRecords).
class DocumentReader
{
public:
    explicit DocumentReader(ImportContext& context)
        : m_records(context)
        , m_processes(context)
        , m_spans(context, m_processes)
    { }

    // Reads the traces (and bare spans) that start in this reader's share.
    void run()
    {
        m_records.forEachTopLevelValue([this](std::size_t pos) -> ScanResult {
            const char first = m_records.text()[pos];
            if (first == '[')
                return readArray(pos);
            if (first == '{')
                return readObject(pos);
            return std::unexpected(ScanError {pos, "expected a JSON object or array"});
        });
    }

    TraceSetBuilder::AlreadyHere alreadyHere(const DocumentReader& later) const
    {
        return m_processes.alreadyHere(later.m_processes);
    }
    void absorb(DocumentReader&& later, const TraceSetBuilder::Absorbed& absorbed)
    {
        m_processes.absorb(std::move(later.m_processes), absorbed);
    }
    void conclude() { }

private:
    // A top-level object: a query API response, a single trace, or a single span. One pass: a
    // trace's members are read as the scanner meets them (see readTraceMembers).
    ScanResult readObject(std::size_t pos)
    {
        // The object's own messages are its share's; its "data" traces are each their own.
        const ImportContext::RecordScope record(m_records.context(), pos);
        const bool owned = m_records.context().owns(pos);
        const JsonPath root;
        bool sawData = false, sawSpanId = false;
        TraceMembers trace;
        JsonRange errors;
        const ScanResult end =
            m_records.scanner().forEachMember(pos, [&](std::string_view key, std::size_t begin) -> ScanResult {
                if (key == "data") {
                    sawData = true;
                    return m_records.walkArray(
                        begin, root.member("data"), [this](std::size_t, std::size_t at, const JsonPath& path) {
                            if (m_records.text()[at] == '{')
                                return readTrace(at, path);
                            const ScanResult elementEnd = m_records.scanner().valueEnd(at);
                            if (elementEnd)
                                m_records.warn({at, *elementEnd}, path, "expected a trace object; skipped");
                            return elementEnd;
                        });
                }
                if (key == "errors") {
                    const ScanResult valueEnd = m_records.scanner().valueEnd(begin);
                    if (valueEnd)
                        errors = {begin, *valueEnd};
                    return valueEnd;
                }
                sawSpanId = sawSpanId || key == "spanID";
                return readTraceMember(key, begin, root, trace);
            });
        if (errors.present() && owned)
            reportApiErrors(errors, root.member("errors"));
        if (sawData)
            return end;
        if (trace.sawSpans) {
            finishTraceShare(pos, root, trace);
        } else if (!owned) {
            return end;
        } else if (sawSpanId && end) {
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
        return m_records.walkArray(
            pos, JsonPath {}, [this](std::size_t, std::size_t at, const JsonPath& path) -> ScanResult {
                if (m_records.text()[at] == '{' && m_records.members(at).has("spans"))
                    return readTrace(at, path);
                const ScanResult end = m_records.scanner().valueEnd(at);
                const ImportContext::RecordScope record(m_records.context(), at);
                if (m_records.context().owns(at))
                    readSpan({at, end.value_or(at)}, path, std::nullopt);
                return end;
            });
    }

    // What a trace object's members hold, gathered in the one pass over it.
    struct TraceMembers {
        std::vector<JsonRange> spans;
        JsonRange processes, warnings, traceId;
        bool sawSpans = false;
    };

    ScanResult readTraceMember(std::string_view key, std::size_t begin, const JsonPath& path, TraceMembers& trace)
    {
        if (key == "spans" && m_records.text()[begin] == '[') {
            trace.sawSpans = true;
            trace.spans.clear();
            return m_records.collectElements(begin, path.member("spans"), trace.spans);
        }
        const ScanResult valueEnd = m_records.scanner().valueEnd(begin);
        const JsonRange range {begin, valueEnd.value_or(begin), valueEnd.has_value()};
        if (key == "processes")
            trace.processes = range;
        else if (key == "warnings")
            trace.warnings = range;
        else if (key == "traceID")
            trace.traceId = range;
        return valueEnd;
    }

    // A trace object: spans are gathered as the scanner passes them, then read once the
    // processes (which usually come after them) are known. A trace the file breaks in yields
    // its spans up to the break.
    ScanResult readTrace(std::size_t pos, const JsonPath& path)
    {
        // Walked by every reader (what comes next depends on it), read by its share's.
        const ImportContext::RecordScope record(m_records.context(), pos);
        TraceMembers trace;
        const ScanResult end = m_records.scanner().forEachMember(
            pos, [&](std::string_view key, std::size_t begin) { return readTraceMember(key, begin, path, trace); });
        if (!trace.sawSpans && end) {
            m_records.warn({pos, pos}, path, "trace object has no \"spans\" array; trace skipped");
            return end;
        }
        finishTraceShare(pos, path, trace);
        return end;
    }

    // Reads the spans of a trace that lie in this reader's share: all of them when the trace
    // begins in it, else those past the border, when a trace begun in an earlier share holds it.
    void finishTraceShare(std::size_t pos, const JsonPath& path, const TraceMembers& trace)
    {
        const ImportContext& context = m_records.context();
        const bool owned = context.owns(pos);
        if (!owned &&
            std::ranges::none_of(trace.spans, [&](const JsonRange& span) { return context.owns(span.begin); }))
            return;
        finishTrace(path, trace, owned);
    }

    void finishTrace(const JsonPath& path, const TraceMembers& trace, bool owned)
    {
        const std::optional<TraceId> id = traceIdOf(trace.traceId);
        m_processes.startTrace(!owned);
        if (trace.processes.complete && trace.processes.present()) {
            if (const auto element = m_records.parse(trace.processes, path.member("processes")))
                m_processes.readTraceProcesses(*element, path.member("processes"), trace.processes.begin);
        }
        if (owned && trace.warnings.complete && trace.warnings.present() && id)
            readTraceWarnings(trace.warnings, *id, path.member("warnings"));
        const JsonPath spansPath = path.member("spans");
        for (std::size_t i = 0; i < trace.spans.size() && !m_records.context().cancelled(); ++i) {
            const JsonRange span = trace.spans[i];
            // Its messages are the span's share's; the trace's own (above) the trace's.
            const ImportContext::RecordScope record(m_records.context(), span.begin);
            if (!m_records.context().owns(span.begin))
                continue;
            readSpan(span, spansPath.element(static_cast<std::int64_t>(i)), id);
            m_records.context().progress(span.end);
        }
        m_processes.finishTrace();
    }

    void readSpan(JsonRange range, const JsonPath& path, std::optional<TraceId> traceId)
    {
        if (!range.complete)
            return; // the record the file breaks in: the break is reported
        if (const auto element = m_records.parse(range, path)) {
            const SpanIndex span = m_spans.read(*element, path, range.begin, traceId);
            if (span.isValid()) {
                ++m_records.context().report().spans;
                m_records.context().builder().setSpanSource(span, range.begin, range.end - range.begin);
            }
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
    readInShares<DocumentReader>(context);
}

} // namespace Spanwise
