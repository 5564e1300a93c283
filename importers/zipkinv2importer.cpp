#include "zipkinv2importer.h"

#include "importcontext.h"
#include "jsonvalue.h"
#include "tracesetbuilder.h"
#include "zipkinfilereader.h"
#include "zipkinjson.h"
#include "zipkinsniff.h"

namespace Spanwise {
namespace {

SpanKind kindOf(std::string_view kind)
{
    if (kind == "CLIENT")
        return SpanKind::Client;
    if (kind == "SERVER")
        return SpanKind::Server;
    if (kind == "PRODUCER")
        return SpanKind::Producer;
    if (kind == "CONSUMER")
        return SpanKind::Consumer;
    return SpanKind::Unspecified;
}

ZipkinSpan readSpan(simdjson::dom::object record, const JsonPath& path, std::size_t offset, std::string_view text,
    ImportContext& context, ZipkinSpanCollector& into)
{
    ZipkinSpan span;
    const JsonFields fields(record, zipkinFieldNames());
    readZipkinCommonFields(fields, path, offset, context, span);
    span.recordLength = text.size();
    if (const auto kind = fields[ZipkinField::Kind]) {
        const auto text = jsonString(*kind).value_or(std::string_view {});
        span.kind = kindOf(text);
        if (span.kind == SpanKind::Unspecified && !text.empty())
            context.warn(
                offset, path.member("kind").toString(), "unknown kind \"" + std::string(text) + "\"; left unspecified");
    }
    if (const auto local = fields[ZipkinField::LocalEndpoint])
        span.local = readZipkinEndpoint(*local, context.builder());
    if (const auto remote = fields[ZipkinField::RemoteEndpoint])
        span.remote = readZipkinEndpoint(*remote, context.builder());
    if (const auto shared = fields[ZipkinField::Shared])
        span.shared = jsonBool(*shared).value_or(false);
    simdjson::dom::object tags;
    if (const auto member = fields[ZipkinField::Tags]; member && !member->get_object().get(tags)) {
        for (const auto [key, value] : tags) {
            // Tags are strings in Zipkin v2; some libraries write numbers or booleans anyway.
            if (const auto text = jsonString(value))
                into.addTag(span, {context.builder().intern(key), context.builder().intern(*text)});
            else
                into.addTag(span, {context.builder().intern(key), context.builder().intern(simdjson::minify(value))});
        }
    }
    simdjson::dom::array annotations;
    if (const auto member = fields[ZipkinField::Annotations]; member && !member->get_array().get(annotations)) {
        std::int64_t index = 0;
        const JsonPath annotationsPath = path.member("annotations");
        for (simdjson::dom::element annotation : annotations) {
            std::optional<std::int64_t> nanos;
            std::optional<std::string_view> text;
            simdjson::dom::object object;
            if (!annotation.get_object().get(object)) {
                if (const auto time = jsonMember(object, "timestamp"))
                    nanos = jsonMicrosAsNanos(*time);
                if (const auto value = jsonMember(object, "value"))
                    text = jsonString(*value);
            }
            if (!nanos || !text) {
                context.warn(offset, annotationsPath.element(index).toString(),
                    "annotation needs a timestamp and a string value; skipped");
            } else {
                into.addAnnotation(span, {*nanos, context.builder().intern(*text)});
            }
            ++index;
        }
    }
    return span;
}

void convertV2Record(simdjson::dom::object record, const JsonPath& path, std::size_t offset, std::string_view text,
    ImportContext& context, ZipkinSpanCollector& into)
{
    into.add(readSpan(record, path, offset, text, context, into));
}

} // namespace

int ZipkinV2Importer::sniff(std::string_view head) const
{
    return zipkinVersionOf(head) == 2 ? 70 : 0;
}

void ZipkinV2Importer::read(ImportContext& context) const
{
    readInShares<ZipkinFileReader<convertV2Record>>(context);
}

} // namespace Spanwise
