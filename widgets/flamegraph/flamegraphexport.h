#pragma once

#include "flamegraph.h"

#include <QString>

namespace Spanwise {

class TraceSetPresentation;

struct FlameExportOptions {
    int width = 1400;
    int rowHeight = 18;
    // PNG only: at most this many rows (deeper frames are left out and counted).
    std::uint32_t maxPngRows = 900;
};

struct FlameExportResult {
    QString error;                 // one sentence, or empty
    std::uint32_t rowsLeftOut = 0; // PNG rows past maxPngRows
    std::size_t framesWritten = 0;
};

// Writes a flame graph as SVG (each frame a <g> with a <title> holding service, operation and
// duration, as flamegraph.pl's SVGs do, so labels cut short in narrow frames stay searchable;
// unlike flamegraph.pl, no frame is left out for being narrow: about 300 bytes a frame) or PNG,
// by the file's extension.
// Always light colours, like every export.
FlameExportResult exportFlameGraph(const FlameGraph& graph, const TraceSetPresentation& presentation,
    const QString& path, const FlameExportOptions& options = {});

} // namespace Spanwise
