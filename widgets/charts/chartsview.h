#pragma once

#include "ids.h"

#include <QWidget>

#include <memory>

namespace Spanwise {

class SelfTimeChart;
class ServiceRateChart;
class TraceSession;

// The capacity view: calls and failing calls per second into each service across everything
// loaded, and where the session's trace's time went (self time per service). Each chart can be
// saved as PNG or SVG.
class ChartsView : public QWidget
{
    Q_OBJECT

public:
    explicit ChartsView(TraceSession* session, QWidget* parent = nullptr);
    ServiceRateChart* calls() const { return m_calls; }
    ServiceRateChart* failures() const { return m_failures; }
    SelfTimeChart* selfTime() const { return m_selfTime; }

private:
    ServiceRateChart* m_calls;
    ServiceRateChart* m_failures;
    SelfTimeChart* m_selfTime;
};

} // namespace Spanwise
