#pragma once

#include "ids.h"

#include <span>
#include <string>
#include <vector>

namespace Spanwise {

class TraceSet;

// A span's record as its file holds it: the JSON text it was read from, or for OTLP protobuf
// the OTLP JSON mapping of the same message (`converted`). `error` says, in one sentence, why
// it cannot be shown (no record known, the file gone or changed since it was loaded).
struct SpanRecord {
    std::string json;
    bool converted = false;
    std::string error;
};

// Reads records back from the files by their byte ranges (SpanSource), so no copy of a file
// is kept while it is open. A gzip or zstd file is inflated again, only as far as the last
// record asked for, once per file however many spans are asked for (the whole trace at once).
// Blocking file I/O: call it off the GUI thread.
std::vector<SpanRecord> readSpanRecords(const TraceSet& set, std::span<const SpanIndex> spans);

} // namespace Spanwise
