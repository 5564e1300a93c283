#include "servicecharts.h"

#include "chartscales.h"
#include "formatting.h"
#include "traceset.h"
#include "tracesetpresentation.h"

#include <QtCharts/QBarCategoryAxis>
#include <QtCharts/QBarSet>
#include <QtCharts/QChart>
#include <QtCharts/QDateTimeAxis>
#include <QtCharts/QHorizontalStackedBarSeries>
#include <QtCharts/QLineSeries>
#include <QtCharts/QValueAxis>

#include <QDateTime>

#include <algorithm>

namespace Spanwise {

ServiceRateChart::ServiceRateChart(bool errorsOnly, QWidget* parent)
    : ThemedChartView(parent)
    , m_errorsOnly(errorsOnly)
{
    chart()->legend()->setAlignment(Qt::AlignRight);
    chart()->setMargins(QMargins(4, 4, 4, 4));
    setMinimumHeight(200);
}

void ServiceRateChart::setRates(std::shared_ptr<const TraceSetPresentation> presentation, ServiceRates rates)
{
    m_presentation = std::move(presentation);
    m_rates = std::move(rates);
    rebuild();
}

void ServiceRateChart::rebuild()
{
    const auto& presentation = m_presentation;
    QChart* c = chart();
    c->removeAllSeries();
    // removeAxis hands the axis back to us: delete it, or every rebuild leaks one.
    for (QAbstractAxis* axis : c->axes()) {
        c->removeAxis(axis);
        delete axis;
    }
    c->setTitle(m_errorsOnly ? tr("Failing calls per second, by service") : tr("Calls per second, by service"));
    if (!presentation || m_rates.counts.empty())
        return;
    const std::int64_t first = m_rates.firstNs;
    const std::int64_t width = m_rates.bucketNs;
    constexpr int bucketCount = ServiceRates::bucketCount;
    const auto& counts = m_rates.counts;
    Q_ASSERT(counts.size() <= presentation->set().serviceNames().size());
    const double perSecond = 1e9 / static_cast<double>(width);
    double peak = 0;
    auto* x = new QDateTimeAxis;
    x->setFormat(timeAxisFormat(first / 1'000'000, (first + width * bucketCount) / 1'000'000));
    x->setTickCount(5);
    auto* y = new QValueAxis;
    y->setTitleText(tr("per second"));
    c->addAxis(x, Qt::AlignBottom);
    c->addAxis(y, Qt::AlignLeft);
    for (std::uint32_t s = 0; s < counts.size(); ++s) {
        if (std::all_of(counts[s].begin(), counts[s].end(), [](int n) { return n == 0; }))
            continue;
        auto* line = new QLineSeries;
        line->setName(presentation->serviceName(ServiceId {s}));
        line->setColor(presentation->serviceColor(ServiceId {s}));
        for (int b = 0; b < bucketCount; ++b) {
            const double rate = counts[s][static_cast<std::size_t>(b)] * perSecond;
            peak = std::max(peak, rate);
            line->append(static_cast<double>((first + b * width + width / 2) / 1'000'000), rate);
        }
        c->addSeries(line);
        line->attachAxis(x);
        line->attachAxis(y);
    }
    x->setRange(QDateTime::fromMSecsSinceEpoch(first / 1'000'000),
        QDateTime::fromMSecsSinceEpoch((first + width * bucketCount) / 1'000'000));
    // Round ticks (0, 2, 4… or 0, 250, 500…), never 1.03e+03.
    const double step = niceTickStep(std::max(peak, 1e-9));
    const double top = std::max(step, std::ceil(peak / step) * step);
    y->setTickType(QValueAxis::TicksDynamic);
    y->setTickAnchor(0);
    y->setTickInterval(step);
    y->setRange(0, top);
    y->setLabelFormat(tickLabelFormat(step));
}

SelfTimeChart::SelfTimeChart(QWidget* parent)
    : ThemedChartView(parent)
{
    chart()->legend()->setVisible(false);
    chart()->setMargins(QMargins(4, 4, 4, 4));
    setMinimumHeight(200);
}

void SelfTimeChart::setSelfTimes(
    std::shared_ptr<const TraceSetPresentation> presentation, std::vector<std::int64_t> perService)
{
    m_presentation = std::move(presentation);
    m_selfTimes = std::move(perService);
    rebuild();
}

void SelfTimeChart::rebuild()
{
    QChart* c = chart();
    c->removeAllSeries();
    // removeAxis hands the axis back to us: delete it, or every rebuild leaks one.
    for (QAbstractAxis* axis : c->axes()) {
        c->removeAxis(axis);
        delete axis;
    }
    if (!m_presentation || m_selfTimes.empty()) {
        c->setTitle(tr("Self time per service (select a trace)"));
        return;
    }
    const std::vector<std::int64_t>& self = m_selfTimes;
    std::vector<std::uint32_t> order;
    for (std::uint32_t s = 0; s < self.size(); ++s)
        if (self[s] > 0)
            order.push_back(s);
    std::sort(order.begin(), order.end(), [&](std::uint32_t a, std::uint32_t b) { return self[a] < self[b]; });
    const DurationUnit unit = durationUnitFor(order.empty() ? 0 : self[order.back()]);
    auto* series = new QHorizontalStackedBarSeries;
    QStringList categories;
    // One bar set per service, so each takes its own colour; the others are zero at its row.
    for (std::size_t i = 0; i < order.size(); ++i) {
        auto* bar = new QBarSet(m_presentation->serviceName(ServiceId {order[i]}));
        bar->setColor(m_presentation->serviceColor(ServiceId {order[i]}));
        for (std::size_t j = 0; j < order.size(); ++j)
            bar->append(i == j ? self[order[i]] / unit.nanoseconds : 0.0);
        series->append(bar);
        categories << m_presentation->serviceName(ServiceId {order[i]}) + QStringLiteral("  ") +
                formatDuration(self[order[i]]);
    }
    series->setBarWidth(0.7);
    c->addSeries(series);
    auto* y = new QBarCategoryAxis;
    y->append(categories);
    auto* x = new QValueAxis;
    x->setTitleText(tr("self time (%1)").arg(unit.name));
    const double longest = order.empty() ? 1 : self[order.back()] / unit.nanoseconds;
    const double step = niceTickStep(longest);
    x->setTickType(QValueAxis::TicksDynamic);
    x->setTickAnchor(0);
    x->setTickInterval(step);
    x->setRange(0, std::max(step, std::ceil(longest / step) * step));
    x->setLabelFormat(tickLabelFormat(step));
    c->addAxis(y, Qt::AlignLeft);
    c->addAxis(x, Qt::AlignBottom);
    series->attachAxis(x);
    series->attachAxis(y);
    c->setTitle(tr("Where the time went in this trace: self time per service"));
}

} // namespace Spanwise
