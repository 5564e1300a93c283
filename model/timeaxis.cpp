#include "timeaxis.h"

#include <algorithm>
#include <cassert>
#include <cmath>
#include <limits>

namespace Spanwise {
namespace {

// Differences of two int64 times need 65 bits; the compilers we support have 128-bit integers.
__extension__ using Wide = __int128;

constexpr std::int64_t saturate(Wide value)
{
    return static_cast<std::int64_t>(
        std::clamp<Wide>(value, std::numeric_limits<std::int64_t>::min(), std::numeric_limits<std::int64_t>::max()));
}

// The round steps 1, 2, 5 × 10^k that fit in an int64, smallest first.
std::int64_t roundStepAtLeast(double minStep)
{
    for (std::int64_t decade = 1;; decade *= 10) {
        for (const std::int64_t factor : {1, 2, 5})
            if (static_cast<double>(factor * decade) >= minStep)
                return factor * decade;
        if (decade > std::numeric_limits<std::int64_t>::max() / 50)
            return 5 * decade; // 5 × 10^18: no int64 range holds four of these
    }
}

} // namespace

double TimeAxis::rangeNs() const
{
    const Wide range = Wide(endNs) - Wide(startNs);
    return range > 0 ? static_cast<double>(range) : 1.0;
}

double TimeAxis::x(std::int64_t ns) const
{
    return left + static_cast<double>(Wide(ns) - Wide(startNs)) * width / rangeNs();
}

std::int64_t TimeAxis::timeAt(double px) const
{
    const double offset = (px - left) * rangeNs() / width;
    // Beyond ±2^63 ns no time exists; clamp before converting (a double past it is UB to cast).
    const double limit = 9.2e18;
    if (!std::isfinite(offset))
        return offset > 0 ? endNs : startNs;
    return saturate(Wide(startNs) + Wide(std::llround(std::clamp(offset, -limit, limit))));
}

std::vector<TimeAxis::Tick> TimeAxis::ticks(double minSpacing, std::int64_t originNs, std::int64_t* stepNs) const
{
    std::vector<Tick> result;
    if (!(width > 0) || !(minSpacing > 0) || !std::isfinite(width))
        return result;
    const std::int64_t step = roundStepAtLeast(rangeNs() * minSpacing / width);
    if (stepNs)
        *stepNs = step;
    // The first multiple of step (from the origin) at or after the range start.
    const Wide offset = Wide(startNs) - Wide(originNs);
    const Wide k = offset >= 0 ? (offset + step - 1) / step : -((-offset) / step);
    const std::size_t bound = static_cast<std::size_t>(std::min(width / minSpacing + 2, double(maxTicks)));
    for (Wide t = Wide(originNs) + k * step; t <= endNs && result.size() < bound; t += step)
        if (t >= startNs)
            result.push_back({static_cast<std::int64_t>(t), x(static_cast<std::int64_t>(t))});
    assert(result.size() <= maxTicks);
    return result;
}

} // namespace Spanwise
