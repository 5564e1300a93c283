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
    // The range's length; any two int64 times are allowed (a span at 0 and one in 2023, a start
    // near INT64_MIN), so this is a double, which cannot overflow.
    double rangeNs() const;

    // Tick times at round intervals (1, 2 or 5 × 10^k ns), about `minSpacing` pixels apart,
    // relative to `originNs` (the trace start), inside the range. Never more than
    // width / minSpacing + 2 of them (and at most maxTicks), whatever the range.
    struct Tick {
        std::int64_t timeNs;
        double x;
    };
    std::vector<Tick> ticks(double minSpacing, std::int64_t originNs, std::int64_t* stepNs = nullptr) const;
    static constexpr std::size_t maxTicks = 10'000;
};

} // namespace Spanwise
