#pragma once

#include "ids.h"
#include "waterfallcontroller.h"

#include <QFont>
#include <QString>

#include <cstddef>
#include <limits>
#include <optional>

class QPainter;

namespace Spanwise {

class TraceSetPresentation;
class WaterfallRows;

struct WaterfallExportOptions {
    int width = 1400;
    int labelWidth = 380;
    // The time range to draw; the whole trace when unset.
    std::optional<WaterfallController::TimeRange> range;
    // The rows to draw (collapse and search filter as on screen); every span when null.
    const WaterfallRows* rows = nullptr;
    // At most this many rows, from the top (the rest is left out and counted).
    std::size_t maxRows = std::numeric_limits<std::size_t>::max();
    QFont font;
};

// A PNG is at most this tall: past it the first rows that fit are written and the rest counted
// (a 1,400 px wide image of this height is 90 MB in memory).
constexpr int maxPngHeight = 16'384;

struct WaterfallExportResult {
    QString error; // one sentence, or empty
    std::size_t rowsWritten = 0;
    std::size_t rowsLeftOut = 0; // of the rows asked for: past maxRows or the PNG's height
};

// Draws the waterfall of one trace, ruler and the first rows (up to maxRows), as the view
// does. Returns the size of the picture.
QSize waterfallImageSize(
    const TraceSetPresentation& presentation, TraceIndex trace, const WaterfallExportOptions& options);
void renderWaterfall(QPainter& painter, const TraceSetPresentation& presentation, TraceIndex trace,
    const WaterfallExportOptions& options);

// Writes an SVG (text stays text; long traces are written a block of rows at a time, so memory
// stays bounded whatever the trace's size) or a PNG (at most maxPngHeight tall), chosen by the
// file's extension.
WaterfallExportResult exportWaterfall(const TraceSetPresentation& presentation, TraceIndex trace, const QString& path,
    const WaterfallExportOptions& options);

// Narrowing a big trace to what a reader can take in (spanwise waterfall --depth, --from/--to):
// hides the rows deeper than `levels` (the roots are level 1) by collapsing the level above;
// shows only the spans that overlap [fromNs, toNs) with their ancestors, down to `levels`.
void limitDepth(WaterfallRows& rows, std::uint32_t levels);
void limitToWindow(WaterfallRows& rows, const TraceSetPresentation& presentation, std::int64_t fromNs,
    std::int64_t toNs, std::uint32_t levels = std::numeric_limits<std::uint32_t>::max());

} // namespace Spanwise
