#pragma once

#include "clockskew.h"
#include "ids.h"
#include "propagation.h"

#include <QWidget>

#include <memory>

class QCheckBox;
class QLabel;
class QTreeWidget;
class QTreeWidgetItem;

namespace Spanwise {

struct SamplingFacts;

class BackgroundWork;
class RefreshWhenShown;
class TraceSession;
class TraceSetPresentation;

// What is wrong with the loaded traces, each finding one double-click from its span: clock
// skew per host with the switch that corrects it (every view then shows the corrected times;
// off shows the raw ones again), broken context propagation, and anomalies, where a
// double-click opens the likely cause. Computed in the background on every load.
class DiagnosticsView : public QWidget
{
    Q_OBJECT

public:
    explicit DiagnosticsView(TraceSession* session, QWidget* parent = nullptr);

    QTreeWidget* findings() const { return m_tree; }
    QCheckBox* correctionSwitch() const { return m_correct; }
    bool isComputing() const;
    const ClockSkewEstimate& skew() const { return m_skew; }

signals:
    void diagnosed();
    void correctionApplied(bool on);

private:
    struct Computed;
    // Diagnoses the session's load, unless the clock-skew switch only swapped its times.
    void diagnose();
    void show(const Computed& computed);
    QTreeWidgetItem* showSampling(const SamplingFacts& facts);
    void setCorrection(bool on);
    QTreeWidgetItem* section(const QString& title, std::size_t count);
    QTreeWidgetItem* spanItem(QTreeWidgetItem* parent, SpanIndex span, const QString& what);

    TraceSession* m_session;
    QCheckBox* m_correct;
    QLabel* m_summary;
    QTreeWidget* m_tree;
    BackgroundWork* m_work;
    RefreshWhenShown* m_diagnoseWhenShown;
    std::shared_ptr<const TraceSetPresentation> m_raw;       // as loaded
    std::shared_ptr<const TraceSetPresentation> m_corrected; // built when first switched on
    ClockSkewEstimate m_skew;
};

} // namespace Spanwise
