#include "zipkinjson.h"

#include "hexid.h"
#include "importcontext.h"
#include "jsonrecords.h"
#include "jsonvalue.h"
#include "tracesetbuilder.h"

#include <tuple>

namespace Spanwise {
namespace {

using ScanResult = std::expected<std::size_t, ScanError>;

class DocumentReader
{
public:
    DocumentReader(ImportContext& context, const ZipkinRecordReader& readRecord)
        : m_records(context)
        , m_readRecord(readRecord)
    { }

    void run()
    {
        m_records.forEachTopLevelValue([this](std::size_t pos) -> ScanResult {
            const char first = m_records.text()[pos];
            if (first == '[')
                return readArray(pos, JsonPath {});
            if (first != '{')
                return std::unexpected(ScanError {pos, "expected a JSON object or array"});
            const ScanResult end = m_records.scanner().valueEnd(pos);
            if (end)
                readOwnRecord({pos, *end}, JsonPath {}); // a single span object
            return end;
        });
    }

private:
    // One pass over the bytes: each record's extent is found as it is read.
    ScanResult readArray(std::size_t pos, const JsonPath& path)
    {
        return m_records.walkArray(pos, path, [this](std::size_t, std::size_t begin, const JsonPath& elementPath) {
            if (m_records.text()[begin] == '[')
                return readArray(begin, elementPath); // a list of traces
            const ScanResult end = m_records.scanner().valueEnd(begin);
            if (end)
                readOwnRecord({begin, *end}, elementPath);
            return end;
        });
    }

    // A record of this reader's share; another share's is its reader's.
    void readOwnRecord(JsonRange range, const JsonPath& path)
    {
        const ImportContext::RecordScope record(m_records.context(), range.begin);
        if (m_records.context().owns(range.begin))
            readRecord(range, path);
    }

    void readRecord(JsonRange range, const JsonPath& path)
    {
        if (range.end <= range.begin)
            return; // the record the file breaks in: reported by the scanner
        const auto element = m_records.parse(range, path);
        if (!element)
            return;
        simdjson::dom::object object;
        if (element->get_object().get(object)) {
            m_records.warn(range, path,
                "expected a span object, found " + std::string(jsonTypeName(*element)) + "; record skipped");
            return;
        }
        m_readRecord(object, path, range.begin, m_records.text().substr(range.begin, range.end - range.begin));
    }

    JsonRecords m_records;
    const ZipkinRecordReader& m_readRecord;
};

std::optional<std::uint64_t> readId(std::optional<simdjson::dom::element> value, std::string_view key,
    const JsonPath& path, std::size_t offset, ImportContext& context, bool required)
{
    if (!value) {
        if (required)
            context.warn(
                offset, path.member(key).toString(), "span has no " + std::string(key) + "; span kept, flagged");
        return std::nullopt;
    }
    const auto id = jsonString(*value).and_then(parseHexSpanId);
    if (!id)
        context.warn(offset, path.member(key).toString(), std::string(key) + " is not a hex id of up to 16 digits");
    return id;
}

} // namespace

void readZipkinDocument(ImportContext& context, const ZipkinRecordReader& readRecord)
{
    DocumentReader(context, readRecord).run();
}

const JsonFieldNames& zipkinFieldNames()
{
    static const JsonFieldNames names {"traceId", "id", "parentId", "name", "timestamp", "duration", "debug", "kind",
        "localEndpoint", "remoteEndpoint", "shared", "tags", "annotations", "binaryAnnotations"};
    return names;
}

void readZipkinCommonFields(
    const JsonFields& record, const JsonPath& path, std::size_t offset, ImportContext& context, ZipkinSpan& span)
{
    span.recordOffset = offset;
    const auto traceText = record[ZipkinField::TraceId];
    const auto traceId = traceText ? jsonString(*traceText).and_then(parseHexTraceId) : std::nullopt;
    if (traceId) {
        span.traceId = *traceId;
    } else {
        span.validIds = false;
        context.warn(offset, path.member("traceId").toString(),
            traceText ? "traceId is not a hex id of up to 32 digits; span kept, flagged"
                      : "span has no traceId; span kept, flagged");
    }
    if (const auto id = readId(record[ZipkinField::Id], "id", path, offset, context, true))
        span.id = *id;
    else
        span.validIds = false;
    if (const auto parent = record[ZipkinField::ParentId])
        span.parentId = readId(parent, "parentId", path, offset, context, false);
    if (const auto name = record[ZipkinField::Name]) {
        if (const auto text = jsonString(*name))
            span.name = context.builder().intern(*text);
        else
            context.warn(offset, path.member("name").toString(),
                "name should be a string, found " + std::string(jsonTypeName(*name)) + "; shown without a name");
    }
    for (const auto& [field, key, target] : {std::tuple {ZipkinField::Timestamp, "timestamp", &span.timestampNs},
             std::tuple {ZipkinField::Duration, "duration", &span.durationNs}}) {
        const auto value = record[field];
        if (!value)
            continue;
        *target = jsonMicrosAsNanos(*value);
        if (!*target)
            context.warn(offset, path.member(key).toString(),
                std::string(key) + " should be a number of microseconds, found " + std::string(jsonTypeName(*value)));
    }
    // Zipkin writes 0 for "not recorded".
    if (span.timestampNs == 0)
        span.timestampNs.reset();
    if (span.durationNs == 0 && !span.timestampNs)
        span.durationNs.reset();
    if (const auto debug = record[ZipkinField::Debug])
        span.debug = jsonBool(*debug).value_or(false);
}

ZipkinEndpoint readZipkinEndpoint(simdjson::dom::element endpoint, TraceSetBuilder& builder)
{
    ZipkinEndpoint result;
    simdjson::dom::object object;
    if (endpoint.get_object().get(object))
        return result;
    const auto text = [&](std::string_view key) {
        const auto value = jsonMember(object, key);
        const std::string_view text = value ? jsonString(*value).value_or(std::string_view {}) : std::string_view {};
        return text.empty() ? StringId {} : builder.intern(text);
    };
    result.serviceName = text("serviceName");
    result.ipv4 = text("ipv4");
    result.ipv6 = text("ipv6");
    if (const auto port = jsonMember(object, "port"))
        result.port = jsonInteger(*port).value_or(0);
    // Pooled now: spans are written on several threads, and a text pooled then would take
    // another id than the one reader gives it.
    if (result.port != 0)
        result.portText = builder.intern(std::to_string(result.port));
    return result;
}

} // namespace Spanwise
