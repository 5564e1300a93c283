#pragma once

#include "chartdata.h"
#include "ids.h"

#include "themedchartview.h"

#include <memory>

namespace Spanwise {

class TraceSetPresentation;

// Calls into each service per second, over the loaded traces' time range (a call into a service
// is a span whose parent is missing or in another service): the capacity view of inter-service
// load and hot spots. `errorsOnly` plots failing calls instead. It draws rates computed
// elsewhere (computeServiceRates, on a worker).
class ServiceRateChart : public ThemedChartView
{
    Q_OBJECT

public:
    explicit ServiceRateChart(bool errorsOnly, QWidget* parent = nullptr);
    // The rates to draw; names and colours come from the presentation.
    void setRates(std::shared_ptr<const TraceSetPresentation> presentation, ServiceRates rates);

private:
    void rebuild() override;

    bool m_errorsOnly;
    std::shared_ptr<const TraceSetPresentation> m_presentation;
    ServiceRates m_rates;
};

// Where one trace's time went: self time per service, longest first, in the services' colours.
class SelfTimeChart : public ThemedChartView
{
    Q_OBJECT

public:
    explicit SelfTimeChart(QWidget* parent = nullptr);
    // The self time per service of one trace (selfTimePerService); none: no trace selected.
    void setSelfTimes(std::shared_ptr<const TraceSetPresentation> presentation, std::vector<std::int64_t> perService);

private:
    void rebuild() override;

    std::shared_ptr<const TraceSetPresentation> m_presentation;
    std::vector<std::int64_t> m_selfTimes;
};

} // namespace Spanwise
