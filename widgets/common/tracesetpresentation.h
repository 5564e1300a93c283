#pragma once

#include "anomalies.h"
#include "ids.h"
#include "linkindex.h"
#include "servicecolors.h"

#include <QColor>
#include <QString>

#include <array>
#include <cstdint>
#include <memory>
#include <vector>

namespace Spanwise {

class TraceSet;

// What every view of one loaded TraceSet shares and computes once per load, never per paint:
// display strings for pooled text, service colours, per-span diagnostic marks, the link index.
class TraceSetPresentation
{
public:
    enum Mark : std::uint8_t {
        MarkMissingParent = 1 << 0,
        MarkDuplicateId = 1 << 1,
        MarkCycleBroken = 1 << 2,
        MarkIncomplete = 1 << 3, // missing ids or timestamps in the file
        MarkWarning = 1 << 4,    // the file attached a warning to the span
        MarkAnomaly = 1 << 5,    // far slower than its operation usually is, or in an error burst
        MarkClockMoved = 1 << 6, // moved in time to correct its host's clock skew
    };

    explicit TraceSetPresentation(std::shared_ptr<const TraceSet> set);

    const TraceSet& set() const { return *m_set; }
    std::shared_ptr<const TraceSet> sharedSet() const { return m_set; }
    // Pooled text as a QString, converted on first use and kept.
    const QString& text(StringId id) const;
    const QString& serviceName(ServiceId id) const { return m_serviceNames[id.value]; }
    // Distinct per service of this set (servicecolors.h), for the theme in use.
    QColor serviceColor(ServiceId id) const;
    QColor serviceColor(ServiceId id, bool dark) const { return m_serviceColors[dark ? 1 : 0][id.value]; }
    // By ServiceId, for the theme in use or the one asked for.
    const ServicePalettes& servicePalettes() const { return m_serviceColors; }
    std::uint8_t marks(SpanIndex span) const { return m_marks[span.value]; }
    // One line per mark, for tooltips and the details panel.
    QStringList describeMarks(SpanIndex span) const;

    // Set while the presentation is built, before it is shared (LoadJob, the skew correction).
    void markAnomalies(const std::vector<Anomaly>& anomalies);
    const std::vector<Anomaly>& anomalies() const { return m_anomalies; }
    // `shiftNs` by span index, as TraceSet::withShiftedSpans applied it.
    void markClockCorrection(std::vector<std::int64_t> shiftNs);
    std::int64_t clockShift(SpanIndex span) const { return m_clockShifts.empty() ? 0 : m_clockShifts[span.value]; }
    const LinkIndex& links() const { return m_links; }

private:
    std::shared_ptr<const TraceSet> m_set;
    mutable std::vector<QString> m_texts;
    mutable std::vector<bool> m_textReady;
    std::vector<QString> m_serviceNames;
    ServicePalettes m_serviceColors;
    std::vector<std::uint8_t> m_marks;
    LinkIndex m_links;
    std::vector<Anomaly> m_anomalies;
    std::vector<std::int64_t> m_clockShifts; // empty: nothing moved
};

} // namespace Spanwise
