#include "timeaxis.h"

#include <cmath>

namespace Spanwise {

double TimeAxis::x(std::int64_t ns) const
{
    return left + static_cast<double>(ns - startNs) * width / static_cast<double>(rangeNs());
}

std::int64_t TimeAxis::timeAt(double px) const
{
    return startNs + static_cast<std::int64_t>(std::llround((px - left) * static_cast<double>(rangeNs()) / width));
}

std::vector<TimeAxis::Tick> TimeAxis::ticks(double minSpacing, std::int64_t originNs, std::int64_t* stepNs) const
{
    std::vector<Tick> result;
    if (width <= 0 || minSpacing <= 0)
        return result;
    const double minStep = static_cast<double>(rangeNs()) * minSpacing / width;
    std::int64_t step = 1;
    for (std::int64_t decade = 1; decade <= INT64_MAX / 10; decade *= 10) {
        if (decade >= minStep) { step = decade; break; }
        if (2 * decade >= minStep) { step = 2 * decade; break; }
        if (5 * decade >= minStep) { step = 5 * decade; break; }
    }
    if (stepNs)
        *stepNs = step;
    // The first multiple of step (from the origin) at or after the range start.
    const std::int64_t offset = startNs - originNs;
    std::int64_t k = offset >= 0 ? (offset + step - 1) / step : -((-offset) / step);
    for (std::int64_t t = originNs + k * step; t <= endNs; t += step)
        result.push_back({t, x(t)});
    return result;
}

} // namespace Spanwise
