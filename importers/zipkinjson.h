#pragma once

#include "jsonfields.h"
#include "jsonpath.h"
#include "zipkinspan.h"

#include <simdjson.h>

#include <functional>
#include <optional>
#include <string_view>

namespace Spanwise {

class ImportContext;
class TraceSetBuilder;

// What Zipkin v1 and v2 JSON share: the document shapes (an array of spans, a list of traces
// as an array of arrays, a single span object, or several of those one after another), each
// span record handed over parsed on its own; and the readers of ids, endpoints and times.
// `text` is the record's bytes as they stand in the file.
using ZipkinRecordReader =
    std::function<void(simdjson::dom::object record, const JsonPath& path, std::size_t offset, std::string_view text)>;
// Reads the records that start in the context's share (parallelread.h), walking over the rest.
void readZipkinDocument(ImportContext& context, const ZipkinRecordReader& readRecord);

// The members of a span record either version has, found in one pass (jsonfields.h).
namespace ZipkinField {
enum : std::size_t {
    TraceId,
    Id,
    ParentId,
    Name,
    Timestamp,
    Duration,
    Debug,
    Kind,
    LocalEndpoint,
    RemoteEndpoint,
    Shared,
    Tags,
    Annotations,
    BinaryAnnotations,
};
} // namespace ZipkinField
const JsonFieldNames& zipkinFieldNames();

// Reads the fields both versions spell alike: traceId, id, parentId, name, timestamp, duration,
// debug. Problems are reported; an invalid id leaves validIds false.
void readZipkinCommonFields(
    const JsonFields& record, const JsonPath& path, std::size_t offset, ImportContext& context, ZipkinSpan& span);
ZipkinEndpoint readZipkinEndpoint(simdjson::dom::element endpoint, TraceSetBuilder& builder);

} // namespace Spanwise
