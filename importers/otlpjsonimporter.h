#pragma once

#include "importer.h"

namespace Spanwise {

// OTLP JSON: TracesData / ExportTraceServiceRequest and the variants seen in the wild (Tempo's
// "batches", Jaeger api/v3 {"result": ...}, {"trace": ...}, legacy instrumentationLibrarySpans,
// snake_case keys). Several requests one after another, one per line as the Collector's file
// exporter writes them, are read too and reported as "otlp-jsonl"; lines holding logs or
// metrics are skipped with one note.
class OtlpJsonImporter final : public Importer
{
public:
    std::string_view formatName() const override { return "otlp-json"; }
    int sniff(std::string_view head) const override;
    void read(ImportContext& context) const override;
    std::unique_ptr<SegmentedRead> readInSegments(ImportContext& file) const override;
};

} // namespace Spanwise
