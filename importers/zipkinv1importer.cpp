#include "zipkinv1importer.h"

#include "importcontext.h"
#include "jsonvalue.h"
#include "tracesetbuilder.h"
#include "zipkinfilereader.h"
#include "zipkinjson.h"
#include "zipkinsniff.h"

#include <array>
#include <optional>

namespace Spanwise {
namespace {

struct V1Annotation {
    std::int64_t timeNs = 0;
    std::string value;
    ZipkinEndpoint endpoint;
};

struct V1BinaryAnnotation {
    std::string key;
    std::string value;
    ZipkinEndpoint endpoint;
};

// Converts one v1 record into one or more v2-style spans.
class V1Converter
{
public:
    V1Converter(simdjson::dom::object record, const JsonPath& path, std::size_t offset, std::string_view text,
        ImportContext& context)
        : m_path(path)
        , m_offset(offset)
        , m_context(context)
    {
        const JsonFields fields(record, zipkinFieldNames());
        readZipkinCommonFields(fields, path, offset, context, m_base);
        m_base.recordLength = text.size();
        readAnnotations(fields[ZipkinField::Annotations]);
        readBinaryAnnotations(fields[ZipkinField::BinaryAnnotations]);
    }

    // Adds the record's spans to `into`, with their tags and annotations.
    void convert(ZipkinSpanCollector& into)
    {
        const V1Annotation* cs = find("cs");
        const V1Annotation* cr = find("cr");
        const V1Annotation* sr = find("sr");
        const V1Annotation* ss = find("ss");
        const V1Annotation* ms = find("ms");
        const V1Annotation* mr = find("mr");

        std::vector<ZipkinSpan> spans;
        if (cs || cr)
            spans.push_back(side(SpanKind::Client, cs, cr));
        if (sr || ss)
            spans.push_back(side(SpanKind::Server, sr, ss));
        if (ms && !cs && !sr)
            spans.push_back(side(SpanKind::Producer, ms, nullptr));
        if (mr && !cs && !sr)
            spans.push_back(side(SpanKind::Consumer, mr, nullptr));
        if (spans.empty()) {
            ZipkinSpan local = m_base;
            local.local = localEndpoint();
            spans.push_back(local);
        }
        // The record's own timestamp and duration belong to its root-most side.
        if (m_base.timestampNs)
            spans.front().timestampNs = m_base.timestampNs;
        if (m_base.durationNs)
            spans.front().durationNs = m_base.durationNs;

        for (const V1BinaryAnnotation& binary : m_binaryAnnotations)
            if (isAddress(binary))
                applyAddress(spans, binary);
        // A span's tags and annotations go into the collector together, span after span.
        for (ZipkinSpan& span : spans) {
            for (const V1Annotation& annotation : m_annotations)
                if (!isCore(annotation.value) && &owner(spans, annotation.endpoint) == &span)
                    into.addAnnotation(span, {annotation.timeNs, m_context.builder().intern(annotation.value)});
            for (const V1BinaryAnnotation& binary : m_binaryAnnotations)
                if (!isAddress(binary) && &owner(spans, binary.endpoint) == &span)
                    into.addTag(
                        span, {m_context.builder().intern(binary.key), m_context.builder().intern(binary.value)});
            into.add(span); // a copy: owner() still looks at every span's service
        }
    }

private:
    static bool isAddress(const V1BinaryAnnotation& binary)
    {
        return binary.key == "ca" || binary.key == "sa" || binary.key == "ma";
    }

    static bool isCore(std::string_view value)
    {
        static constexpr std::array<std::string_view, 6> core = {"cs", "sr", "ss", "cr", "ms", "mr"};
        return std::find(core.begin(), core.end(), value) != core.end();
    }

    const V1Annotation* find(std::string_view value) const
    {
        for (const V1Annotation& annotation : m_annotations)
            if (annotation.value == value)
                return &annotation;
        return nullptr;
    }

    ZipkinSpan side(SpanKind kind, const V1Annotation* begin, const V1Annotation* end) const
    {
        ZipkinSpan span = m_base;
        span.timestampNs.reset();
        span.durationNs.reset();
        span.kind = kind;
        const V1Annotation* anchor = begin ? begin : end;
        span.local = anchor->endpoint;
        if (begin)
            span.timestampNs = begin->timeNs;
        if (begin && end)
            span.durationNs = end->timeNs - begin->timeNs;
        return span;
    }

    // A record with no core annotation is a local span: its endpoint comes from "lc", else
    // from the first annotation that has one.
    ZipkinEndpoint localEndpoint() const
    {
        for (const V1BinaryAnnotation& binary : m_binaryAnnotations)
            if (binary.key == "lc" && !binary.endpoint.empty())
                return binary.endpoint;
        for (const V1Annotation& annotation : m_annotations)
            if (!annotation.endpoint.empty())
                return annotation.endpoint;
        for (const V1BinaryAnnotation& binary : m_binaryAnnotations)
            if (!binary.endpoint.empty())
                return binary.endpoint;
        return {};
    }

    // Annotations and tags go to the span of their endpoint's service, else the first span.
    static ZipkinSpan& owner(std::vector<ZipkinSpan>& spans, const ZipkinEndpoint& endpoint)
    {
        if (endpoint.serviceName.isValid()) {
            for (ZipkinSpan& span : spans)
                if (span.local.serviceName == endpoint.serviceName)
                    return span;
        }
        return spans.front();
    }

    // ca: the client's address, seen by the server; sa: the server's, seen by the client;
    // ma: the broker's, seen by a producer or consumer.
    static void applyAddress(std::vector<ZipkinSpan>& spans, const V1BinaryAnnotation& binary)
    {
        const SpanKind wanted = binary.key == "ca" ? SpanKind::Server
            : binary.key == "sa"                   ? SpanKind::Client
                                                   : SpanKind::Producer;
        for (ZipkinSpan& span : spans) {
            const bool messaging =
                binary.key == "ma" && (span.kind == SpanKind::Producer || span.kind == SpanKind::Consumer);
            if (span.kind == wanted || messaging) {
                span.remote = binary.endpoint;
                return;
            }
        }
        // "sa" on a span with no client side (only a server address known): still the remote.
        if (binary.key == "sa" && spans.size() == 1 && spans.front().kind == SpanKind::Unspecified) {
            spans.front().kind = SpanKind::Client;
            spans.front().remote = binary.endpoint;
        }
    }

    void readAnnotations(std::optional<simdjson::dom::element> member)
    {
        simdjson::dom::array list;
        if (!member || member->get_array().get(list))
            return;
        std::int64_t index = 0;
        const JsonPath listPath = m_path.member("annotations");
        for (simdjson::dom::element entry : list) {
            const JsonPath entryPath = listPath.element(index++);
            simdjson::dom::object object;
            std::optional<std::int64_t> time;
            std::optional<std::string_view> value;
            if (!entry.get_object().get(object)) {
                if (const auto t = jsonMember(object, "timestamp"))
                    time = jsonMicrosAsNanos(*t);
                if (const auto v = jsonMember(object, "value"))
                    value = jsonString(*v);
            }
            if (!time || !value) {
                m_context.warn(
                    m_offset, entryPath.toString(), "annotation needs a timestamp and a string value; skipped");
                continue;
            }
            V1Annotation annotation {*time, std::string(*value), {}};
            if (const auto endpoint = jsonMember(object, "endpoint"))
                annotation.endpoint = readZipkinEndpoint(*endpoint, m_context.builder());
            m_annotations.push_back(std::move(annotation));
        }
    }

    void readBinaryAnnotations(std::optional<simdjson::dom::element> member)
    {
        simdjson::dom::array list;
        if (!member || member->get_array().get(list))
            return;
        std::int64_t index = 0;
        const JsonPath listPath = m_path.member("binaryAnnotations");
        for (simdjson::dom::element entry : list) {
            const JsonPath entryPath = listPath.element(index++);
            simdjson::dom::object object;
            const auto key = entry.get_object().get(object) ? std::nullopt : jsonMember(object, "key");
            const auto keyText = key ? jsonString(*key) : std::nullopt;
            const auto value = keyText ? jsonMember(object, "value") : std::nullopt;
            if (!keyText || !value) {
                m_context.warn(m_offset, entryPath.toString(), "binary annotation needs a key and a value; skipped");
                continue;
            }
            V1BinaryAnnotation binary;
            binary.key = *keyText;
            // Typed values (BOOL, I16..I64, DOUBLE) become their text, as in Zipkin v2 tags.
            if (const auto text = jsonString(*value))
                binary.value = *text;
            else
                binary.value = simdjson::minify(*value);
            if (const auto endpoint = jsonMember(object, "endpoint"))
                binary.endpoint = readZipkinEndpoint(*endpoint, m_context.builder());
            m_binaryAnnotations.push_back(std::move(binary));
        }
    }

    const JsonPath& m_path;
    std::size_t m_offset;
    ImportContext& m_context;
    ZipkinSpan m_base;
    std::vector<V1Annotation> m_annotations;
    std::vector<V1BinaryAnnotation> m_binaryAnnotations;
};

void convertV1Record(simdjson::dom::object record, const JsonPath& path, std::size_t offset, std::string_view text,
    ImportContext& context, ZipkinSpanCollector& into)
{
    V1Converter(record, path, offset, text, context).convert(into);
}

} // namespace

int ZipkinV1Importer::sniff(std::string_view head) const
{
    return zipkinVersionOf(head) == 1 ? 70 : 0;
}

void ZipkinV1Importer::read(ImportContext& context) const
{
    readInShares<ZipkinFileReader<convertV1Record>>(context);
}

} // namespace Spanwise
