#pragma once

#include "importer.h"

namespace Spanwise {

// OTLP protobuf: one TracesData / ExportTraceServiceRequest (concatenated bodies too, by
// protobuf merge rules), or a stream of messages each behind a 4-byte big-endian length, as
// the Collector's file exporter writes them (each message may be zstd-compressed on its own).
// Every ResourceSpans is decoded on its own: a corrupt one is reported with its byte offset
// and the next is tried; a corrupt frame likewise.
class OtlpProtoImporter final : public Importer
{
public:
    std::string_view formatName() const override { return "otlp-proto"; }
    int sniff(std::string_view head) const override;
    void read(ImportContext& context) const override;
};

} // namespace Spanwise
