#pragma once

#include "importer.h"

namespace Spanwise {

// Jaeger JSON in every shape Jaeger writes: the query API response {"data":[trace...]}, a
// single trace object, a bare array of spans, and JSON Lines (or concatenations) of those.
// See docs/formats.md for what maps to what.
class JaegerImporter final : public Importer
{
public:
    std::string_view formatName() const override { return "jaeger-json"; }
    int sniff(std::string_view head) const override;
    void read(ImportContext& context) const override;
};

} // namespace Spanwise
