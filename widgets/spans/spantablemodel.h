#pragma once

#include "ids.h"
#include "span.h"
#include "tablemodel.h"

#include <memory>
#include <string_view>
#include <vector>

namespace Spanwise {

class TraceSetPresentation;

// One row per span (of one trace, or all loaded): service, operation, kind, start, duration,
// self time, status, error message, trace id. A plain model over span indices: a million rows
// cost a vector of indices and a vector of self times, and text is made only for rows shown.
class SpanTableModel : public TableModel
{
    Q_OBJECT

public:
    enum Column { Service, Operation, Kind, Start, Duration, SelfTime, Status, Message, TraceIdColumn, ColumnCount };

    explicit SpanTableModel(QObject* parent = nullptr);

    // `selfTimes` is indexed like `spans`; `trace` is the one trace they are of, if so.
    void setSpans(std::shared_ptr<const TraceSetPresentation> presentation, std::vector<SpanIndex> spans,
        std::vector<std::int64_t> selfTimes, TraceIndex trace = {});
    // The Kind cell's text ("" when unspecified); the worker sorts by it too.
    static std::string_view kindName(SpanKind kind);
    SpanIndex spanAt(int row) const { return m_spans[static_cast<std::size_t>(row)]; }
    const std::vector<SpanIndex>& spans() const { return m_spans; }
    const std::shared_ptr<const TraceSetPresentation>& presentation() const { return m_presentation; }
    TraceIndex trace() const { return m_trace; }

private:
    int rows() const override;
    QVariant display(int row, int column) const override;
    QVariant raw(int row, int column) const override;
    QVariant other(int row, int column, int role) const override;

    std::shared_ptr<const TraceSetPresentation> m_presentation;
    std::vector<SpanIndex> m_spans;
    std::vector<std::int64_t> m_selfTimes;
    TraceIndex m_trace;
};

} // namespace Spanwise
