#pragma once

#include "attribute.h"
#include "ids.h"
#include "span.h"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace opentelemetry::proto::trace::v1 {
class ResourceSpans;
class Span;
} // namespace opentelemetry::proto::trace::v1
namespace opentelemetry::proto::common::v1 {
class AnyValue;
class KeyValue;
} // namespace opentelemetry::proto::common::v1
namespace google::protobuf {
template <typename T> class RepeatedPtrField;
} // namespace google::protobuf

namespace Spanwise {

class ImportContext;

// An OTLP span id (8 bytes, big-endian) as a number; nullopt for any other length.
std::optional<std::uint64_t> spanIdOf(const std::string& bytes);

// Where a ResourceSpans message lies in the file's text, so each span can be shown again
// (SpanSource: the message, and the span's place in it). Empty when unknown (a message rebuilt
// from a corrupt one, or one inside a zstd frame of the file's own).
struct ProtoMessageBytes {
    std::uint64_t offset = 0;
    std::uint64_t length = 0;
};

// Turns decoded OTLP protobuf messages into the model, the same way OtlpJsonSpanReader reads
// OTLP JSON, so both give the same spans. Problems are reported at `messageOffset`, the byte
// where the ResourceSpans message starts, with `where` naming it (e.g. "frame 3").
class OtlpProtoSpanReader
{
public:
    explicit OtlpProtoSpanReader(ImportContext& context);

    // Returns how many spans were added.
    std::size_t read(const opentelemetry::proto::trace::v1::ResourceSpans& resourceSpans, std::uint64_t messageOffset,
        const std::string& where, ProtoMessageBytes bytes = {});
    // Adds a LogRecord message (its wire bytes) of a service (the name's id, 0 for none); false
    // when the bytes are not one.
    bool readLogRecord(std::string_view bytes, StringId service, std::uint64_t messageOffset);

private:
    using KeyValues = google::protobuf::RepeatedPtrField<opentelemetry::proto::common::v1::KeyValue>;

    Range readAttributes(const KeyValues& list, int depth);
    void readAnyValue(const opentelemetry::proto::common::v1::AnyValue& value, Attribute& out, int depth);
    SpanIndex readSpan(const opentelemetry::proto::trace::v1::Span& message, ResourceIndex resource, ScopeIndex scope,
        const std::string& path);
    void warn(const std::string& path, std::string text);

    ImportContext& m_context;
    std::uint64_t m_offset = 0;
    const StringId m_serviceNameKey;
    std::vector<Event> m_events;
    std::vector<Link> m_links;
};

} // namespace Spanwise
