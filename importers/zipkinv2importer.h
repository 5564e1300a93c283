#pragma once

#include "importer.h"

namespace Spanwise {

// Zipkin v2 JSON: an array of spans, a list of traces (array of arrays), or one span object.
// See docs/formats.md for the mapping, shared spans and merging.
class ZipkinV2Importer final : public Importer
{
public:
    std::string_view formatName() const override { return "zipkin-v2-json"; }
    int sniff(std::string_view head) const override;
    void read(ImportContext& context) const override;
};

} // namespace Spanwise
