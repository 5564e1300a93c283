#pragma once

#include "importer.h"

namespace Spanwise {

// JSON Lines application logs, one object a line, as logging libraries write them with trace
// context injected (docs/formats.md, "Logs"): the trace and span ids in the common spellings
// (trace_id/span_id, traceId/spanId, trace.id/span.id flat or nested, dd.trace_id/dd.span_id in
// decimal, a W3C traceparent), the time, level and message in theirs; every other member is kept
// as an attribute. Lines that are not JSON objects are skipped and reported.
class JsonLogsImporter final : public Importer
{
public:
    std::string_view formatName() const override { return "json-logs"; }
    int sniff(std::string_view head) const override;
    void read(ImportContext& context) const override;
};

} // namespace Spanwise
