#pragma once

#include "ids.h"
#include "spanscope.h"

#include "themedchartview.h"

#include <memory>

namespace Spanwise {

class TraceSetPresentation;

// Calls into each service per second, over the loaded traces' time range (a call into a service
// is a span whose parent is missing or in another service): the capacity view of inter-service
// load and hot spots. `errorsOnly` plots failing calls instead.
class ServiceRateChart : public ThemedChartView
{
    Q_OBJECT

public:
    explicit ServiceRateChart(bool errorsOnly, QWidget* parent = nullptr);
    // The calls of the spans in `scope` (default: everything loaded).
    void setPresentation(std::shared_ptr<const TraceSetPresentation> presentation, SpanScope scope = {});

    static constexpr int bucketCount = 60;

private:
    void rebuild() override;

    bool m_errorsOnly;
    std::shared_ptr<const TraceSetPresentation> m_presentation;
    SpanScope m_scope;
};

// Where one trace's time went: self time per service, longest first, in the services' colours.
class SelfTimeChart : public ThemedChartView
{
    Q_OBJECT

public:
    explicit SelfTimeChart(QWidget* parent = nullptr);
    void setPresentation(std::shared_ptr<const TraceSetPresentation> presentation);
    void showTrace(TraceIndex trace);
    const std::shared_ptr<const TraceSetPresentation>& presentation() const { return m_presentation; }

private:
    void rebuild() override;

    std::shared_ptr<const TraceSetPresentation> m_presentation;
    TraceIndex m_trace;
};

} // namespace Spanwise
