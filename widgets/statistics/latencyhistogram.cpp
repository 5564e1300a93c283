#include "latencyhistogram.h"

#include "formatting.h"

#include <QtCharts/QAreaSeries>
#include <QtCharts/QChart>
#include <QtCharts/QLineSeries>
#include <QtCharts/QLogValueAxis>
#include <QtCharts/QValueAxis>

#include <algorithm>
#include <cmath>

namespace Spanwise {

// The chart goes to the base constructor: a chart set later would leave the view's default
// one to the caller to delete.
LatencyHistogram::LatencyHistogram(QWidget* parent)
    : QChartView(new QChart, parent)
{
    chart()->setMargins(QMargins(4, 4, 4, 4));
    chart()->legend()->setAlignment(Qt::AlignBottom);
    setRenderHint(QPainter::Antialiasing);
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
    // Bins in milliseconds; logarithmic bins need positive values.
    const auto [lowest, highest] = std::minmax_element(m_durations.begin(), m_durations.end());
    const double lo = std::max(1e-3, *lowest / 1e6);
    const double hi = std::max(lo * 1.001, *highest / 1e6);
    const auto edge = [&](int i) {
        const double t = static_cast<double>(i) / binCount;
        return m_logScale ? lo * std::pow(hi / lo, t) : lo + (hi - lo) * t;
    };
    std::vector<int> counts(binCount, 0);
    for (const std::int64_t d : m_durations) {
        const double ms = std::max(lo, d / 1e6);
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
    area->setColor(QColor(0x4e, 0x79, 0xa7, 170));
    area->setBorderColor(QColor(0x2f, 0x55, 0x80));
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
    x->setTitleText(tr("duration (ms)"));
    x->setRange(edge(0), edge(binCount));
    auto* y = new QValueAxis;
    y->setLabelFormat(QStringLiteral("%d"));
    y->setTitleText(tr("spans"));
    const int peak = *std::max_element(counts.begin(), counts.end());
    y->setRange(0, peak * 1.1 + 1);
    c->addAxis(x, Qt::AlignBottom);
    c->addAxis(y, Qt::AlignLeft);
    area->attachAxis(x);
    area->attachAxis(y);

    const struct {
        const char* name;
        std::int64_t value;
        QColor colour;
    } marks[] = {{"p50", m_p50, QColor(0x59, 0xa1, 0x4f)}, {"p95", m_p95, QColor(0xf2, 0x8e, 0x2b)},
        {"p99", m_p99, QColor(0xd3, 0x2f, 0x2f)}};
    for (const auto& mark : marks) {
        auto* line = new QLineSeries;
        const double ms = std::clamp(mark.value / 1e6, edge(0), edge(binCount));
        line->append(ms, 0);
        line->append(ms, peak * 1.1 + 1);
        line->setName(QStringLiteral("%1 %2").arg(QString::fromLatin1(mark.name), formatDuration(mark.value)));
        QPen pen(mark.colour, 2, Qt::DashLine);
        line->setPen(pen);
        c->addSeries(line);
        line->attachAxis(x);
        line->attachAxis(y);
    }
}

} // namespace Spanwise
