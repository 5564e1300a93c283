#pragma once

#include "ids.h"

#include <span>
#include <string>

namespace opentelemetry::proto::trace::v1 {
class TracesData;
}

namespace Spanwise {

class TraceSet;

// Spans of a trace set as OTLP messages, whatever file they came from: grouped by resource,
// then by instrumentation scope, in the order given. A resource without a `service.name`
// attribute (Jaeger, Zipkin) gets one from its service. Appends to `out`.
void appendTracesData(
    const TraceSet& set, std::span<const SpanIndex> spans, opentelemetry::proto::trace::v1::TracesData& out);

// The same as OTLP JSON (one compact `{"resourceSpans":[…]}` object, hex ids) and as protobuf
// bytes (a TracesData message, which Spanwise and the Collector's file exporter read back).
std::string otlpJsonOfSpans(const TraceSet& set, std::span<const SpanIndex> spans);
std::string otlpProtobufOfSpans(const TraceSet& set, std::span<const SpanIndex> spans);

} // namespace Spanwise
