#pragma once

#include <QtCharts/QChartView>

#include <cstdint>
#include <vector>

namespace Spanwise {

// The distribution of one group's durations as a histogram (linear or logarithmic bins), with
// p50, p95 and p99 marked as vertical lines.
class LatencyHistogram : public QChartView
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

private:
    void rebuild();

    QString m_title;
    std::vector<std::int64_t> m_durations;
    std::int64_t m_p50 = 0, m_p95 = 0, m_p99 = 0;
    bool m_logScale = true;
};

} // namespace Spanwise
