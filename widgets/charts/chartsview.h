#pragma once

#include "filterbar.h"
#include "ids.h"

#include <QWidget>

#include <memory>

class QComboBox;

namespace Spanwise {

class BackgroundWork;
class RefreshWhenShown;
class SelfTimeChart;
class ServiceRateChart;
class TraceSession;

// The capacity view: calls and failing calls per second into each service across everything
// loaded, and where the session's trace's time went (self time per service). Each chart can be
// saved as PNG or SVG. Counted on a worker, and only while the tab is shown.
class ChartsView : public QWidget
{
    Q_OBJECT

public:
    explicit ChartsView(TraceSession* session, QWidget* parent = nullptr);

    // Which traces the call rates count: the selected one, those the trace list's filter passes,
    // or all (the default).
    FilterScope scope() const;
    void setScope(FilterScope scope);
    ServiceRateChart* calls() const { return m_calls; }
    ServiceRateChart* failures() const { return m_failures; }
    SelfTimeChart* selfTime() const { return m_selfTime; }
    // Counting on the worker, or waiting for the tab to be shown.
    bool isComputing() const;

signals:
    // The charts show the newest counts.
    void chartsReady();

private:
    // Takes the session's load, trace and scope.
    void refresh();

    TraceSession* m_session;
    QComboBox* m_scope;
    ServiceRateChart* m_calls;
    ServiceRateChart* m_failures;
    SelfTimeChart* m_selfTime;
    BackgroundWork* m_work;
    RefreshWhenShown* m_update;
};

} // namespace Spanwise
