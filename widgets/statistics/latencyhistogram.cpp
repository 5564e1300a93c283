#include "latencyhistogram.h"

#include "chartscales.h"
#include "formatting.h"
#include "theme.h"

#include <QtCharts/QAreaSeries>
#include <QtCharts/QChart>
#include <QtCharts/QLineSeries>
#include <QtCharts/QLogValueAxis>
#include <QtCharts/QValueAxis>

#include <algorithm>
#include <cmath>

namespace Spanwise {

LatencyHistogram::LatencyHistogram(QWidget* parent)
    : ThemedChartView(parent)
{
    chart()->setMargins(QMargins(4, 4, 4, 4));
    chart()->legend()->setAlignment(Qt::AlignBottom);
    setMinimumHeight(200);
}

void LatencyHistogram::setDurations(
    const QString& title, std::vector<std::int64_t> durations, std::int64_t p50, std::int64_t p95, std::int64_t p99)
{
    m_title = title;
    m_durations = std::move(durations);
    m_p50 = p50;
    m_p95 = p95;
    m_p99 = p99;
    rebuild();
}

void LatencyHistogram::setLogScale(bool logScale)
{
    m_logScale = logScale;
    rebuild();
}

void LatencyHistogram::rebuild()
{
    QChart* c = chart();
    c->removeAllSeries();
    // removeAxis hands the axis back to us: delete it, or every rebuild leaks one.
    for (QAbstractAxis* axis : c->axes()) {
        c->removeAxis(axis);
        delete axis;
    }
    c->setTitle(m_title);
    if (m_durations.empty())
        return;
    // Bins in the unit that fits the slowest span; logarithmic bins need positive values, and at
    // most five decades keep every decade label free of exponents.
    const auto [lowest, highest] = std::minmax_element(m_durations.begin(), m_durations.end());
    const DurationUnit unit = durationUnitFor(*highest);
    m_unit = unit.name;
    const double top = std::max(1.0, *highest / unit.nanoseconds);
    const double lo = std::max({1e-3, top * 1e-4, *lowest / unit.nanoseconds});
    const double hi = std::max(lo * 1.001, top);
    const auto edge = [&](int i) {
        const double t = static_cast<double>(i) / binCount;
        return m_logScale ? lo * std::pow(hi / lo, t) : lo + (hi - lo) * t;
    };
    std::vector<int> counts(binCount, 0);
    for (const std::int64_t d : m_durations) {
        const double ms = std::max(lo, d / unit.nanoseconds);
        const double t = m_logScale ? std::log(ms / lo) / std::log(hi / lo) : (ms - lo) / (hi - lo);
        counts[static_cast<std::size_t>(std::clamp(static_cast<int>(t * binCount), 0, binCount - 1))]++;
    }
    // A step outline filled down to zero.
    auto* upper = new QLineSeries;
    auto* lower = new QLineSeries;
    for (int i = 0; i < binCount; ++i) {
        upper->append(edge(i), counts[static_cast<std::size_t>(i)]);
        upper->append(edge(i + 1), counts[static_cast<std::size_t>(i)]);
        lower->append(edge(i), 0);
        lower->append(edge(i + 1), 0);
    }
    auto* area = new QAreaSeries(upper, lower);
    // The area series does not own its outlines: tie them to it.
    upper->setParent(area);
    lower->setParent(area);
    area->setName(tr("spans"));
    const ViewColors& colors = viewColors();
    QColor fill = colors.accent;
    fill.setAlpha(150);
    area->setColor(fill);
    area->setBorderColor(colors.accent);
    c->addSeries(area);

    QAbstractAxis* x = nullptr;
    if (m_logScale) {
        auto* axis = new QLogValueAxis;
        axis->setBase(10);
        axis->setLabelFormat(QStringLiteral("%g"));
        x = axis;
    } else {
        auto* axis = new QValueAxis;
        axis->setLabelFormat(QStringLiteral("%g"));
        x = axis;
    }
    x->setTitleText(tr("duration (%1)").arg(unit.name));
    x->setRange(edge(0), edge(binCount));
    // Counts tick on whole numbers: 0, 2, 4… never 4.25.
    auto* y = new QValueAxis;
    y->setLabelFormat(QStringLiteral("%d"));
    y->setTitleText(tr("spans"));
    const int peak = *std::max_element(counts.begin(), counts.end());
    const int step = integerTickStep(peak);
    y->setTickType(QValueAxis::TicksDynamic);
    y->setTickAnchor(0);
    y->setTickInterval(step);
    y->setRange(0, (peak / step + 1) * step);
    c->addAxis(x, Qt::AlignBottom);
    c->addAxis(y, Qt::AlignLeft);
    area->attachAxis(x);
    area->attachAxis(y);

    const struct {
        const char* name;
        std::int64_t value;
        QColor colour;
    } marks[] = {{"p50", m_p50, QColor(0x59, 0xa1, 0x4f)}, {"p95", m_p95, QColor(0xf2, 0x8e, 0x2b)},
        {"p99", m_p99, colors.error}};
    for (const auto& mark : marks) {
        auto* line = new QLineSeries;
        const double at = std::clamp(mark.value / unit.nanoseconds, edge(0), edge(binCount));
        line->append(at, 0);
        line->append(at, (peak / step + 1) * step);
        line->setName(QStringLiteral("%1 %2").arg(QString::fromLatin1(mark.name), formatDuration(mark.value)));
        QPen pen(mark.colour, 2, Qt::DashLine);
        line->setPen(pen);
        c->addSeries(line);
        line->attachAxis(x);
        line->attachAxis(y);
    }
}

} // namespace Spanwise
