#include "otlpjsonimporter.h"

#include "importcontext.h"
#include "jsonrecords.h"
#include "otlpjsonspanreader.h"

namespace Spanwise {
namespace {

using ScanResult = std::expected<std::size_t, ScanError>;

class OtlpDocumentReader
{
public:
    explicit OtlpDocumentReader(ImportContext& context) : m_records(context), m_spans(context) {}

    void run()
    {
        ImportContext& context = m_records.context();
        if (m_records.scanner().skipWhitespace(0) >= m_records.text().size()) {
            context.error(0, {}, "the file is empty");
            return;
        }
        m_records.forEachTopLevelValue([this](std::size_t pos) -> ScanResult {
            ++m_topLevelValues;
            const JsonPath root;
            const char first = m_records.text()[pos];
            if (first == '{') {
                return readRequest(pos, root);
            } else if (first == '[') {
                m_records.forEachRecord({pos, pos}, root, [this](std::size_t, JsonRange element, const JsonPath& path) {
                    if (m_records.text()[element.begin] == '{')
                        (void)readRequest(element.begin, path);
                });
            } else {
                return std::unexpected(ScanError{pos, "expected a JSON object or array"});
            }
            return m_records.scanner().valueEnd(pos);
        });
        if (m_topLevelValues > 1)
            context.report().format = "otlp-jsonl";
        if (m_otherSignals > 0) {
            context.warn(0, {}, std::to_string(m_otherSignals) +
                                    " request(s) held logs or metrics, not traces; skipped");
        }
    }

private:
    // Returns where the request ends (or breaks).
    ScanResult readRequest(std::size_t pos, const JsonPath& path)
    {
        const JsonMembers members = m_records.members(pos);
        const JsonRange resourceSpans = members.findAny({"resourceSpans", "resource_spans", "batches"});
        if (resourceSpans.present()) {
            const std::string_view key = members.has("resourceSpans")    ? "resourceSpans"
                                         : members.has("resource_spans") ? "resource_spans"
                                                                         : "batches";
            m_records.forEachRecord(resourceSpans, path.member(key),
                                    [this](std::size_t, JsonRange range, const JsonPath& rsPath) {
                                        readResourceSpans(range, rsPath);
                                    });
            return members.end();
        }
        // Wrappers: Jaeger api/v3 answers {"result": {...}}, some tools {"trace": {...}}.
        for (const std::string_view wrapper : {"result", "trace"}) {
            if (const JsonRange inner = members.find(wrapper); inner.present() && m_records.text()[inner.begin] == '{') {
                readRequest(inner.begin, path.member(wrapper));
                return members.end();
            }
        }
        if (members.findAny({"resourceLogs", "resource_logs", "resourceMetrics", "resource_metrics", "resourceProfiles"})
                .present()) {
            ++m_otherSignals;
            return members.end();
        }
        m_records.warn({pos, pos}, path, "this object has no \"resourceSpans\": it is not OTLP trace data; skipped");
        return members.end();
    }

    void readResourceSpans(JsonRange range, const JsonPath& path)
    {
        if (m_records.text()[range.begin] != '{') {
            m_records.warn(range, path, "expected a resourceSpans object; skipped");
            return;
        }
        const JsonMembers members = m_records.members(range.begin);
        ResourceIndex resource;
        if (const JsonRange resourceRange = members.find("resource"); resourceRange.present()) {
            if (const auto element = m_records.parse(resourceRange, path.member("resource")))
                resource = m_spans.readResource(*element, path.member("resource"), resourceRange.begin);
        }
        if (!resource.isValid())
            resource = m_spans.emptyResource();
        const JsonRange scopes = members.findAny(
            {"scopeSpans", "scope_spans", "instrumentationLibrarySpans", "instrumentation_library_spans"});
        if (!scopes.present())
            return;
        m_records.forEachRecord(scopes, path.member("scopeSpans"), [&](std::size_t, JsonRange scope, const JsonPath& scopePath) {
            readScopeSpans(scope, scopePath, resource);
        });
    }

    void readScopeSpans(JsonRange range, const JsonPath& path, ResourceIndex resource)
    {
        if (m_records.text()[range.begin] != '{') {
            m_records.warn(range, path, "expected a scopeSpans object; skipped");
            return;
        }
        const JsonMembers members = m_records.members(range.begin);
        ScopeIndex scope;
        const JsonRange scopeRange = members.findAny({"scope", "instrumentationLibrary", "instrumentation_library"});
        if (scopeRange.present()) {
            if (const auto element = m_records.parse(scopeRange, path.member("scope")))
                scope = m_spans.readScope(*element, path.member("scope"), scopeRange.begin);
        }
        const JsonRange spans = members.find("spans");
        if (!spans.present())
            return;
        m_records.forEachRecord(spans, path.member("spans"), [&](std::size_t, JsonRange span, const JsonPath& spanPath) {
            if (const auto element = m_records.parse(span, spanPath)) {
                if (m_spans.readSpan(*element, spanPath, span.begin, resource, scope).isValid())
                    ++m_records.context().report().spans;
            }
        });
    }

    JsonRecords m_records;
    OtlpJsonSpanReader m_spans;
    std::size_t m_topLevelValues = 0;
    std::size_t m_otherSignals = 0;
};

bool contains(std::string_view head, std::string_view key)
{
    return head.find(key) != std::string_view::npos;
}

} // namespace

int OtlpJsonImporter::sniff(std::string_view head) const
{
    const std::size_t first = head.find_first_not_of(" \t\r\n\xEF\xBB\xBF");
    if (first == std::string_view::npos || (head[first] != '{' && head[first] != '['))
        return 0;
    if (contains(head, "\"resourceSpans\"") || contains(head, "\"resource_spans\""))
        return 85;
    if (contains(head, "\"batches\"") && (contains(head, "\"scopeSpans\"") || contains(head, "\"instrumentationLibrarySpans\"")))
        return 85;
    // A Collector file whose first lines hold logs or metrics: the traces come later.
    if (contains(head, "\"resourceLogs\"") || contains(head, "\"resourceMetrics\"") || contains(head, "\"resource_logs\""))
        return 50;
    return 0;
}

void OtlpJsonImporter::read(ImportContext& context) const
{
    OtlpDocumentReader(context).run();
}

} // namespace Spanwise
