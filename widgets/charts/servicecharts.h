#pragma once

#include "ids.h"

#include <QtCharts/QChartView>

#include <memory>

namespace Spanwise {

class TraceSetPresentation;

// Calls into each service per second, over the loaded traces' time range (a call into a service
// is a span whose parent is missing or in another service): the capacity view of inter-service
// load and hot spots. `errorsOnly` plots failing calls instead.
class ServiceRateChart : public QChartView
{
    Q_OBJECT

public:
    explicit ServiceRateChart(bool errorsOnly, QWidget* parent = nullptr);
    void setPresentation(std::shared_ptr<const TraceSetPresentation> presentation);

    static constexpr int bucketCount = 60;

private:
    bool m_errorsOnly;
};

// Where one trace's time went: self time per service, longest first, in the services' colours.
class SelfTimeChart : public QChartView
{
    Q_OBJECT

public:
    explicit SelfTimeChart(QWidget* parent = nullptr);
    void setPresentation(std::shared_ptr<const TraceSetPresentation> presentation);
    void showTrace(TraceIndex trace);

private:
    std::shared_ptr<const TraceSetPresentation> m_presentation;
};

} // namespace Spanwise
