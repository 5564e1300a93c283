#pragma once

#include "importer.h"

namespace Spanwise {

// Zipkin v1 JSON: spans described by core annotations (cs/sr/ss/cr/ms/mr) and binary
// annotations, turned into v2-style spans as Zipkin's own V1SpanConverter does: one record
// holding both client and server sides splits into a client and a server span; kind,
// endpoints, timestamps and durations are derived from the annotations when missing.
class ZipkinV1Importer final : public Importer
{
public:
    std::string_view formatName() const override { return "zipkin-v1-json"; }
    int sniff(std::string_view head) const override;
    void read(ImportContext& context) const override;
};

} // namespace Spanwise
