#pragma once

#include "ids.h"
#include "theme.h"
#include "timeaxis.h"

#include <QColor>
#include <QFont>
#include <QRect>

#include <cstdint>
#include <vector>

class QPainter;

namespace Spanwise {

class TraceSetPresentation;
class WaterfallRows;

// Sizes of the waterfall, derived from the font so that it scales with the user's settings.
struct WaterfallMetrics {
    int rowHeight = 22;
    int rulerHeight = 26;
    int indent = 14;
    int labelWidth = 380;

    static WaterfallMetrics forFont(const QFont& font, int labelWidth);
};

// A stretch of the critical path on one row.
struct CriticalMark {
    std::uint32_t position = 0;
    std::int64_t startNs = 0;
    std::int64_t endNs = 0;
};

// What to highlight while painting rows.
struct WaterfallHighlights {
    std::int64_t selectedPosition = -1;
    std::int64_t hoveredPosition = -1;
    const std::vector<bool>* matches = nullptr; // by position
    std::int64_t currentMatch = -1;
    const std::vector<CriticalMark>* critical = nullptr; // sorted by position
};

// Paints the waterfall (ruler, label column, bars) onto any QPainter: the screen, an SVG or a
// PNG, so exports look exactly like the view. Paints only the rows it is given, in the colours it
// is given (the theme's on screen, the light ones in exports).
class WaterfallPainter
{
public:
    WaterfallPainter(const TraceSetPresentation& presentation, const WaterfallRows& rows,
        const WaterfallMetrics& metrics, const QFont& font, const ViewColors& colors);

    // The ruler across the bar area of `rect`, labelled relative to traceStartNs.
    void paintRuler(QPainter& painter, const QRect& rect, const TimeAxis& axis, std::int64_t traceStartNs) const;
    // Visible rows [firstRow, lastRow], the first drawn at rect.top() + firstRowY, with the
    // ruler's grid lines under the bars.
    void paintRows(QPainter& painter, const QRect& rect, int firstRow, int lastRow, int firstRowY, const TimeAxis& axis,
        std::int64_t traceStartNs, const WaterfallHighlights& highlights) const;

private:
    std::vector<TimeAxis::Tick> ticks(const TimeAxis& axis, std::int64_t traceStartNs) const;
    void paintLabel(QPainter& painter, const QRect& row, std::uint32_t position) const;
    void paintBar(QPainter& painter, const QRect& row, std::uint32_t position, const TimeAxis& axis,
        const std::vector<CriticalMark>* critical) const;
    // The span's log records as small diamonds along the bar's foot, at their times.
    void paintLogMarks(
        QPainter& painter, const TimeAxis& axis, SpanIndex span, int y, int areaLeft, int areaRight) const;

    const TraceSetPresentation& m_presentation;
    const ViewColors& m_colors;
    const WaterfallRows& m_rows;
    WaterfallMetrics m_metrics;
    QFont m_font;
    QFont m_boldFont;
    QFont m_smallFont;
};

} // namespace Spanwise
