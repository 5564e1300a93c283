#include "tracescatterchart.h"

#include "chartscales.h"
#include "formatting.h"
#include "theme.h"
#include "traceset.h"

#include <QtCharts/QChart>
#include <QtCharts/QDateTimeAxis>
#include <QtCharts/QLogValueAxis>
#include <QtCharts/QScatterSeries>
#include <QtCharts/QValueAxis>

#include <QDateTime>

#include <algorithm>
#include <cmath>

namespace Spanwise {

TraceScatterChart::TraceScatterChart(QWidget* parent)
    : ThemedChartView(parent)
    , m_ok(new QScatterSeries)
    , m_errors(new QScatterSeries)
    , m_selected(new QScatterSeries)
{
    QChart* chart = this->chart();
    chart->legend()->setVisible(false);
    chart->setMargins(QMargins(4, 2, 4, 2));
    chart->setBackgroundRoundness(0);
    m_ok->setName(tr("traces"));
    m_ok->setMarkerSize(7);
    m_errors->setName(tr("traces with errors"));
    m_errors->setMarkerSize(8);
    m_selected->setMarkerSize(13);
    colourSeries();
    for (QScatterSeries* series : {m_ok, m_errors, m_selected})
        chart->addSeries(series);
    auto* x = new QDateTimeAxis;
    x->setFormat(QStringLiteral("HH:mm"));
    x->setTickCount(3);
    auto* y = new QLogValueAxis;
    y->setBase(10);
    chart->addAxis(x, Qt::AlignBottom);
    chart->addAxis(y, Qt::AlignLeft);
    for (QScatterSeries* series : {m_ok, m_errors, m_selected}) {
        series->attachAxis(x);
        series->attachAxis(y);
    }
    setMinimumHeight(140);
    setToolTip(tr("Trace duration (log scale) over start time: click a point to open that trace"));
    connect(m_ok, &QScatterSeries::clicked, this, &TraceScatterChart::pointClicked);
    connect(m_errors, &QScatterSeries::clicked, this, &TraceScatterChart::pointClicked);
}

void TraceScatterChart::colourSeries()
{
    const ViewColors& colors = viewColors();
    m_ok->setColor(colors.accent);
    m_ok->setBorderColor(Qt::transparent);
    m_errors->setColor(colors.error);
    m_errors->setBorderColor(Qt::transparent);
    m_selected->setColor(Qt::transparent);
    m_selected->setBorderColor(colors.text);
}

void TraceScatterChart::rebuild()
{
    colourSeries();
    setTraces(m_set, std::vector<TraceIndex>(m_traces));
    highlight(m_highlighted);
}

void TraceScatterChart::setTraces(std::shared_ptr<const TraceSet> set, const std::vector<TraceIndex>& traces)
{
    m_set = std::move(set);
    m_traces = traces;
    m_points.clear();
    // Durations in the unit that fits the slowest trace shown.
    std::int64_t longest = 0;
    for (const TraceIndex t : traces)
        if (m_set && m_set->trace(t).hasTime)
            longest = std::max(longest, m_set->trace(t).durationNs());
    const DurationUnit unit = durationUnitFor(longest);
    QList<QPointF> ok, errors;
    const std::size_t step = std::max<std::size_t>(1, (traces.size() + maxPoints - 1) / maxPoints);
    double minX = 0, maxX = 0, minY = 0, maxY = 0;
    for (std::size_t i = 0; m_set && i < traces.size(); i += step) {
        const TraceInfo& info = m_set->trace(traces[i]);
        if (!info.hasTime)
            continue; // no place on a time axis
        // Log axis: a zero-length trace sits at a thousandth of the unit.
        const QPointF point(
            static_cast<double>(info.startNs / 1'000'000), std::max(0.001, info.durationNs() / unit.nanoseconds));
        (info.errorCount > 0 ? errors : ok).append(point);
        m_points.emplace_back(point, traces[i]);
        minX = m_points.size() == 1 ? point.x() : std::min(minX, point.x());
        maxX = std::max(maxX, point.x());
        minY = m_points.size() == 1 ? point.y() : std::min(minY, point.y());
        maxY = std::max(maxY, point.y());
    }
    m_ok->replace(ok);
    m_errors->replace(errors);
    m_selected->clear();
    const auto axes = chart()->axes();
    if (!m_points.empty()) {
        const double padX = std::max(1000.0, (maxX - minX) * 0.03);
        static_cast<QDateTimeAxis*>(axes[0])->setFormat(
            timeAxisFormat(static_cast<std::int64_t>(minX - padX), static_cast<std::int64_t>(maxX + padX)));
        static_cast<QLogValueAxis*>(axes[1])->setLabelFormat(QStringLiteral("%g ") + unit.name);
        axes[0]->setRange(QDateTime::fromMSecsSinceEpoch(static_cast<qint64>(minX - padX)),
            QDateTime::fromMSecsSinceEpoch(static_cast<qint64>(maxX + padX)));
        axes[1]->setRange(
            std::pow(10.0, std::floor(std::log10(minY))), std::pow(10.0, std::ceil(std::log10(maxY * 1.01))));
    }
    chart()->setTitle(step > 1 ? tr("every %1th of %2 traces").arg(step).arg(traces.size()) : QString());
}

void TraceScatterChart::highlight(TraceIndex trace)
{
    m_highlighted = trace;
    m_selected->clear();
    for (const auto& [point, index] : m_points)
        if (index == trace)
            m_selected->append(point);
}

void TraceScatterChart::pointClicked(const QPointF& point)
{
    // The nearest plotted point (clicks report the series value of the point hit).
    const auto nearest = std::min_element(m_points.begin(), m_points.end(), [&](const auto& a, const auto& b) {
        return std::hypot(a.first.x() - point.x(), (a.first.y() - point.y()) * 1000) <
            std::hypot(b.first.x() - point.x(), (b.first.y() - point.y()) * 1000);
    });
    if (nearest != m_points.end())
        emit traceClicked(nearest->second);
}

} // namespace Spanwise
