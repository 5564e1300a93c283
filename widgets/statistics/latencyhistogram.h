#pragma once

#include "themedchartview.h"

#include <cstdint>
#include <vector>

namespace Spanwise {

// The distribution of one group's durations as a histogram (linear or logarithmic bins), with
// p50, p95 and p99 marked as vertical lines.
class LatencyHistogram : public ThemedChartView
{
    Q_OBJECT

public:
    explicit LatencyHistogram(QWidget* parent = nullptr);

    // Durations in nanoseconds, in any order.
    void setDurations(const QString& title, std::vector<std::int64_t> durations, std::int64_t p50, std::int64_t p95,
        std::int64_t p99);
    void setLogScale(bool logScale);
    bool logScale() const { return m_logScale; }

    static constexpr int binCount = 40;

    // The unit of the duration axis, as the last build chose it (ns, µs, ms or s).
    const QString& unitName() const { return m_unit; }

private:
    void rebuild() override;

    QString m_title;
    std::vector<std::int64_t> m_durations;
    std::int64_t m_p50 = 0, m_p95 = 0, m_p99 = 0;
    bool m_logScale = true;
    QString m_unit;
};

} // namespace Spanwise
