#include "otlpjsonimporter.h"

#include "importcontext.h"
#include "jsonrecords.h"
#include "otlpjsonspanreader.h"
#include "parallelread.h"
#include "segmentedread.h"
#include "tracesetbuilder.h"

namespace Spanwise {
namespace {

using ScanResult = std::expected<std::size_t, ScanError>;

class OtlpDocumentReader
{
public:
    explicit OtlpDocumentReader(ImportContext& context)
        : m_records(context)
        , m_spans(context)
    { }

    // Reads the resourceSpans (and resourceLogs) that start in this reader's share.
    void run()
    {
        m_records.forEachTopLevelValue([this](std::size_t pos) -> ScanResult {
            if (m_records.context().owns(pos))
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
                return std::unexpected(ScanError {pos, "expected a JSON object or array"});
            }
            return m_records.scanner().valueEnd(pos);
        });
    }

    TraceSetBuilder::AlreadyHere alreadyHere(const OtlpDocumentReader& later) const
    {
        const ResourceIndex here = m_spans.cachedEmptyResource(), other = later.m_spans.cachedEmptyResource();
        if (here.isValid() && other.isValid())
            return {{{other, here}}, {}};
        return {};
    }

    void absorb(OtlpDocumentReader&& later, const TraceSetBuilder::Absorbed& absorbed)
    {
        m_topLevelValues += later.m_topLevelValues;
        m_otherSignals += later.m_otherSignals;
        if (const ResourceIndex other = later.m_spans.cachedEmptyResource(); other.isValid())
            m_spans.setCachedEmptyResource(absorbed.resources[other.value]);
    }

    // What is said of the whole file, once every share is in.
    void conclude()
    {
        ImportContext& context = m_records.context();
        // A file of logs alone is a log file, and says so.
        const bool logsOnly = context.report().spans == 0 && context.report().logRecords > 0;
        if (m_topLevelValues > 1)
            context.report().format = logsOnly ? "otlp-logs-jsonl" : "otlp-jsonl";
        else if (logsOnly)
            context.report().format = "otlp-logs-json";
        if (m_otherSignals > 0) {
            context.warn(0, {}, std::to_string(m_otherSignals) + " request(s) held metrics or profiles; skipped");
        }
    }

private:
    // A request (TracesData / ExportTraceServiceRequest or a wrapper of one), read in one pass:
    // each level's records are walked as the scanner meets them. Returns where it ends.
    ScanResult readRequest(std::size_t pos, const JsonPath& path)
    {
        bool traces = false, otherSignals = false;
        const ScanResult end =
            m_records.scanner().forEachMember(pos, [&](std::string_view key, std::size_t begin) -> ScanResult {
                if (key == "resourceSpans" || key == "resource_spans" || key == "batches") {
                    traces = true;
                    return m_records.walkArray(
                        begin, path.member(key), [this](std::size_t, std::size_t at, const JsonPath& rsPath) {
                            return readResourceSpans(at, rsPath);
                        });
                }
                // Wrappers: Jaeger api/v3 answers {"result": {...}}, some tools {"trace": {...}}.
                if ((key == "result" || key == "trace") && m_records.text()[begin] == '{') {
                    traces = true;
                    return readRequest(begin, path.member(key));
                }
                if (key == "resourceLogs" || key == "resource_logs") {
                    traces = true; // a signal Spanwise reads
                    return m_records.walkArray(
                        begin, path.member(key), [this](std::size_t, std::size_t at, const JsonPath& rlPath) {
                            return readResourceLogs(at, rlPath);
                        });
                }
                if (key == "resourceMetrics" || key == "resource_metrics" || key == "resourceProfiles")
                    otherSignals = true;
                return m_records.scanner().valueEnd(begin);
            });
        if (!traces && otherSignals && m_records.context().owns(pos))
            ++m_otherSignals;
        else if (!traces && end)
            m_records.warn(
                {pos, pos}, path, "this object has no \"resourceSpans\": it is not OTLP trace data; skipped");
        return end;
    }

    // One scopeSpans entry: its scope, and its span records gathered in the pass over it.
    struct PendingScope {
        JsonRange scope;
        std::vector<JsonRange> spans;
    };

    ScanResult readResourceSpans(std::size_t pos, const JsonPath& path)
    {
        if (m_records.text()[pos] != '{') {
            const ScanResult end = m_records.scanner().valueEnd(pos);
            m_records.warn({pos, end.value_or(pos)}, path, "expected a resourceSpans object; skipped");
            return end;
        }
        // The whole entry is walked (its structure decides what comes next, as in one reader),
        // but read only by its share's reader.
        const ImportContext::RecordScope record(m_records.context(), pos);
        JsonRange resourceRange;
        std::vector<PendingScope> scopes;
        const ScanResult end =
            m_records.scanner().forEachMember(pos, [&](std::string_view key, std::size_t begin) -> ScanResult {
                if (key == "scopeSpans" || key == "scope_spans" || key == "instrumentationLibrarySpans" ||
                    key == "instrumentation_library_spans") {
                    return m_records.walkArray(
                        begin, path.member("scopeSpans"), [&](std::size_t, std::size_t at, const JsonPath& scopePath) {
                            scopes.emplace_back();
                            return readScopeSpans(at, scopePath, scopes.back());
                        });
                }
                const ScanResult valueEnd = m_records.scanner().valueEnd(begin);
                if (key == "resource" && valueEnd)
                    resourceRange = {begin, *valueEnd};
                return valueEnd;
            });
        if (!m_records.context().owns(pos))
            return end;
        // The resource may come after its spans in the file: read it first, then the spans.
        ResourceIndex resource;
        if (resourceRange.present()) {
            if (const auto element = m_records.parse(resourceRange, path.member("resource")))
                resource = m_spans.readResource(*element, path.member("resource"), resourceRange.begin);
        }
        if (!resource.isValid())
            resource = m_spans.emptyResource();
        for (std::size_t s = 0; s < scopes.size(); ++s) {
            const PendingScope& pending = scopes[s];
            const JsonPath scopesPath = path.member("scopeSpans");
            const JsonPath scopePath = scopesPath.element(static_cast<std::int64_t>(s));
            ScopeIndex scope;
            if (pending.scope.present()) {
                if (const auto element = m_records.parse(pending.scope, scopePath.member("scope")))
                    scope = m_spans.readScope(*element, scopePath.member("scope"), pending.scope.begin);
            }
            const JsonPath spansPath = scopePath.member("spans");
            for (std::size_t i = 0; i < pending.spans.size() && !m_records.context().cancelled(); ++i) {
                const JsonRange span = pending.spans[i];
                if (!span.complete)
                    continue; // the record the file breaks in: the break is reported
                const JsonPath spanPath = spansPath.element(static_cast<std::int64_t>(i));
                if (const auto element = m_records.parse(span, spanPath)) {
                    const SpanIndex added = m_spans.readSpan(*element, spanPath, span.begin, resource, scope);
                    if (added.isValid()) {
                        ++m_records.context().report().spans;
                        m_records.context().builder().setSpanSource(added, span.begin, span.end - span.begin);
                    }
                }
            }
        }
        return end;
    }

    // One resourceLogs entry: its resource (the service), and the logRecords of its scopeLogs.
    ScanResult readResourceLogs(std::size_t pos, const JsonPath& path)
    {
        if (m_records.text()[pos] != '{') {
            const ScanResult end = m_records.scanner().valueEnd(pos);
            m_records.warn({pos, end.value_or(pos)}, path, "expected a resourceLogs object; skipped");
            return end;
        }
        const ImportContext::RecordScope record(m_records.context(), pos);
        JsonRange resourceRange;
        std::vector<JsonRange> records;
        std::vector<std::size_t> scopeStarts; // where each scopeLogs entry's records begin in `records`
        const ScanResult end =
            m_records.scanner().forEachMember(pos, [&](std::string_view key, std::size_t begin) -> ScanResult {
                if (key == "scopeLogs" || key == "scope_logs" || key == "instrumentationLibraryLogs") {
                    return m_records.walkArray(begin, path.member("scopeLogs"),
                        [&](std::size_t, std::size_t at, const JsonPath& scopePath) -> ScanResult {
                            scopeStarts.push_back(records.size());
                            if (m_records.text()[at] != '{')
                                return m_records.scanner().valueEnd(at);
                            return m_records.scanner().forEachMember(
                                at, [&](std::string_view member, std::size_t value) -> ScanResult {
                                    if (member == "logRecords" || member == "log_records")
                                        return m_records.collectElements(
                                            value, scopePath.member("logRecords"), records);
                                    return m_records.scanner().valueEnd(value);
                                });
                        });
                }
                const ScanResult valueEnd = m_records.scanner().valueEnd(begin);
                if (key == "resource" && valueEnd)
                    resourceRange = {begin, *valueEnd};
                return valueEnd;
            });
        if (!m_records.context().owns(pos))
            return end;
        StringId service {0};
        if (resourceRange.present())
            if (const auto element = m_records.parse(resourceRange, path.member("resource")))
                service = otlpResourceServiceName(*element, m_records.context().builder());
        const JsonPath scopesPath = path.member("scopeLogs");
        for (std::size_t i = 0, scope = 0; i < records.size() && !m_records.context().cancelled(); ++i) {
            while (scope + 1 < scopeStarts.size() && scopeStarts[scope + 1] <= i)
                ++scope;
            if (!records[i].complete)
                continue; // the record the file breaks in: the break is reported
            const JsonPath scopePath = scopesPath.element(static_cast<std::int64_t>(scope));
            const JsonPath recordsPath = scopePath.member("logRecords");
            const JsonPath recordPath = recordsPath.element(static_cast<std::int64_t>(i - scopeStarts[scope]));
            if (const auto element = m_records.parse(records[i], recordPath))
                if (m_spans.readLogRecord(*element, recordPath, records[i].begin, service))
                    ++m_records.context().report().logRecords;
        }
        return end;
    }

    ScanResult readScopeSpans(std::size_t pos, const JsonPath& path, PendingScope& pending)
    {
        if (m_records.text()[pos] != '{') {
            const ScanResult end = m_records.scanner().valueEnd(pos);
            m_records.warn({pos, end.value_or(pos)}, path, "expected a scopeSpans object; skipped");
            return end;
        }
        return m_records.scanner().forEachMember(pos, [&](std::string_view key, std::size_t begin) -> ScanResult {
            if (key == "spans")
                return m_records.collectElements(begin, path.member("spans"), pending.spans);
            const ScanResult valueEnd = m_records.scanner().valueEnd(begin);
            if ((key == "scope" || key == "instrumentationLibrary" || key == "instrumentation_library") && valueEnd)
                pending.scope = {begin, *valueEnd};
            return valueEnd;
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
    if (contains(head, "\"batches\"") &&
        (contains(head, "\"scopeSpans\"") || contains(head, "\"instrumentationLibrarySpans\"")))
        return 85;
    // A Collector file whose first lines hold logs or metrics: the traces come later.
    if (contains(head, "\"resourceLogs\"") || contains(head, "\"resourceMetrics\"") ||
        contains(head, "\"resource_logs\""))
        return 50;
    return 0;
}

void OtlpJsonImporter::read(ImportContext& context) const
{
    readInShares<OtlpDocumentReader>(context);
}

std::unique_ptr<SegmentedRead> OtlpJsonImporter::readInSegments(ImportContext& file) const
{
    return std::make_unique<SegmentedReader<OtlpDocumentReader>>(file);
}

} // namespace Spanwise
