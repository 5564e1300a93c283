#pragma once

#include "generatedtrace.h"

#include <ostream>
#include <vector>

namespace Spanwise::TraceGen {

// The same generated traces in the other formats Spanwise reads, so benchmarks compare formats
// on identical spans. Services become resources (OTLP) or local endpoints (Zipkin); tags become
// attributes; logs become events (OTLP) or annotations (Zipkin).
void writeZipkinJson(const std::vector<GeneratedTrace>& traces, std::ostream& out);
// One TracesData; with `jsonLines`, one ExportTraceServiceRequest per trace and line.
void writeOtlpJson(const std::vector<GeneratedTrace>& traces, std::ostream& out, bool jsonLines);
// Length-prefixed (4-byte big-endian) ExportTraceServiceRequest messages, one per trace, as the
// Collector's file exporter writes them; or one plain TracesData.
void writeOtlpProtobuf(const std::vector<GeneratedTrace>& traces, std::ostream& out, bool lengthPrefixed);

} // namespace Spanwise::TraceGen
