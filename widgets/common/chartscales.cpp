#include "chartscales.h"

#include "formatting.h"

#include <QDateTime>

#include <algorithm>
#include <cmath>

namespace Spanwise {

DurationUnit durationUnitFor(std::int64_t maxNs)
{
    if (maxNs >= 10'000'000'000LL)
        return {1e9, QStringLiteral("s")};
    if (maxNs >= 10'000'000)
        return {1e6, QStringLiteral("ms")};
    if (maxNs >= 10'000)
        return {1e3, QStringLiteral("µs")};
    return {1, QStringLiteral("ns")};
}

double niceTickStep(double max, int maxTicks)
{
    maxTicks = std::max(1, maxTicks);
    if (!(max > 0) || !std::isfinite(max))
        return 1;
    double magnitude = std::pow(10.0, std::floor(std::log10(max / maxTicks)));
    for (;;) {
        for (const double factor : {1.0, 2.0, 5.0})
            if (max / (magnitude * factor) <= maxTicks + 1e-9)
                return magnitude * factor;
        magnitude *= 10;
    }
}

int integerTickStep(double max, int maxTicks)
{
    maxTicks = std::max(1, maxTicks);
    if (!(max > 0))
        return 1;
    double magnitude = 1;
    while (magnitude * 10 <= max / maxTicks)
        magnitude *= 10;
    for (;;) {
        for (const int factor : {1, 2, 5})
            if (max / (magnitude * factor) <= maxTicks)
                return static_cast<int>(magnitude * factor);
        magnitude *= 10;
    }
}

QString timeAxisFormat(std::int64_t firstMs, std::int64_t lastMs)
{
    const QDateTime first = displayedTime(firstMs);
    const QDateTime last = displayedTime(lastMs);
    const std::int64_t span = lastMs - firstMs;
    if (first.date() != last.date())
        return QStringLiteral("MM-dd HH:mm");
    if (span < 10'000)
        return QStringLiteral("HH:mm:ss.zzz");
    if (span < 3'600'000)
        return QStringLiteral("HH:mm:ss");
    return QStringLiteral("HH:mm");
}

QString tickLabelFormat(double step)
{
    Q_ASSERT(step > 0);
    int decimals = 0;
    for (double scaled = step; decimals < 6 && std::abs(scaled - std::round(scaled)) > 1e-6 * scaled; scaled *= 10)
        ++decimals;
    return QStringLiteral("%.") + QString::number(decimals) + QLatin1Char('f');
}

} // namespace Spanwise
