#pragma once

#include "ids.h"
#include "waterfallcontroller.h"

#include <QFont>
#include <QString>

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
    QFont font;
};

// Draws the waterfall of one trace, ruler and every given row, as the view does. Returns the
// size of the picture.
QSize waterfallImageSize(
    const TraceSetPresentation& presentation, TraceIndex trace, const WaterfallExportOptions& options);
void renderWaterfall(QPainter& painter, const TraceSetPresentation& presentation, TraceIndex trace,
    const WaterfallExportOptions& options);

// Writes an SVG (text stays text) or a PNG, chosen by the file's extension.
// Returns an empty string, or one sentence saying what went wrong.
QString exportWaterfall(const TraceSetPresentation& presentation, TraceIndex trace, const QString& path,
    const WaterfallExportOptions& options);

} // namespace Spanwise
