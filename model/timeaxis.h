#pragma once

#include <cstdint>
#include <vector>

namespace Spanwise {

// Maps a time range onto a pixel span and back. Pure arithmetic, so hit tests and the ruler
// agree with the bars to the pixel, and all of it is testable without a widget.
struct TimeAxis {
    std::int64_t startNs = 0;
    std::int64_t endNs = 1;
    double left = 0;  // pixel where startNs is drawn
    double width = 1; // pixels from startNs to endNs

    double x(std::int64_t ns) const;
    std::int64_t timeAt(double x) const;
    std::int64_t rangeNs() const { return endNs > startNs ? endNs - startNs : 1; }

    // Tick times at round intervals (1, 2 or 5 × 10^k ns), about `minSpacing` pixels apart,
    // relative to `originNs` (the trace start), inside the range.
    struct Tick {
        std::int64_t timeNs;
        double x;
    };
    std::vector<Tick> ticks(double minSpacing, std::int64_t originNs, std::int64_t* stepNs = nullptr) const;
};

} // namespace Spanwise
