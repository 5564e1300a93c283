#pragma once

#include "tablemodel.h"

#include "ids.h"
#include "servicecolors.h"

#include <QColor>

#include <array>
#include <memory>
#include <vector>

namespace Spanwise {

class TraceSet;
struct TraceInfo;

// One row per shown trace of a TraceSet: root service and operation, start, duration, span,
// service and error counts, trace id and file. The rows are a list of trace indices in display
// order, filtered and sorted elsewhere (off the GUI thread, see traceorder); text is made only
// for the rows painted, so a load of 100k traces costs a vector of indices here.
class TraceListModel : public TableModel
{
    Q_OBJECT

public:
    // What finds the slow or failing trace comes first, so it shows without scrolling sideways.
    enum Column {
        RootService,
        RootOperation,
        Duration,
        Spans,
        Errors,
        Services,
        Start,
        TraceIdColumn,
        File,
        ColumnCount
    };
    explicit TraceListModel(QObject* parent = nullptr);

    // Shows every trace, in load order.
    void setTraceSet(std::shared_ptr<const TraceSet> traces);
    // Shows these traces of the set, in this order.
    void setOrder(std::vector<TraceIndex> traces);
    const TraceSet* traceSet() const { return m_traces.get(); }
    TraceIndex traceAt(int row) const { return m_order[static_cast<std::size_t>(row)]; }
    // The traces shown, row by row.
    const std::vector<TraceIndex>& shownTraces() const { return m_order; }
    // The row showing the trace, or -1.
    int rowOf(TraceIndex trace) const;
    // Every loaded trace, shown or not.
    int traceCount() const;

private:
    int rows() const override;
    QVariant display(int row, int column) const override;
    QVariant raw(int row, int column) const override;
    QVariant other(int row, int column, int role) const override;

    const QString& filesOf(TraceIndex trace) const;

    std::shared_ptr<const TraceSet> m_traces;
    std::vector<TraceIndex> m_order;
    std::vector<int> m_rowOfTrace; // by TraceIndex; -1 when not shown
    ServicePalettes m_serviceColors;
    // A trace's file names take a pass over its spans: made once, when first shown.
    mutable std::vector<QString> m_files;
    mutable std::vector<bool> m_filesReady;
};

// The names of the files a trace's spans came from, in load order, joined by ", ".
QString traceFileNames(const TraceSet& set, const TraceInfo& trace);

} // namespace Spanwise
