#pragma once

#include "flamegraph.h"

#include <QRectF>
#include <QString>

#include <vector>

class QPainter;

namespace Spanwise {

class TraceSetPresentation;

// What part of a flame graph to draw, and how.
struct FlamePicture {
    QRectF area;                  // where the frames go; row 0 at its top
    std::int64_t fromNs = 0;      // the visible part of the axis
    std::int64_t toNs = 0;        // (the whole graph, or a zoomed frame's range)
    std::uint32_t firstDepth = 0; // the depth drawn at the top (rows above a zoomed frame scroll off)
    int rowHeight = 18;
    bool dark = false;
    const std::vector<bool>* highlighted = nullptr; // search matches, by frame (null: no search)
    std::uint32_t hovered = FlameFrame::none;
};

// Where a frame is drawn (an empty rectangle when it is off the picture).
QRectF flameFrameRect(const FlameFrame& frame, const FlamePicture& picture);
// The label of a frame: "service: operation".
QString flameFrameLabel(const TraceSetPresentation& presentation, const FlameFrame& frame);
// One line for a tooltip or an SVG <title>: the label, the duration (with the count and total
// when merged), the self time, and the mark's meaning when clipped.
QString flameFrameSummary(const TraceSetPresentation& presentation, const FlameGraph& graph, const FlameFrame& frame);
// The frame under a point, or FlameFrame::none.
std::uint32_t flameFrameAt(const FlameGraph& graph, const FlamePicture& picture, QPointF point);

// Draws the frames: the service's colour, the label where it fits, search matches outlined and
// the rest faded while a search is on, clipped frames marked at their right edge.
void paintFlameGraph(
    QPainter& painter, const FlameGraph& graph, const TraceSetPresentation& presentation, const FlamePicture& picture);

} // namespace Spanwise
