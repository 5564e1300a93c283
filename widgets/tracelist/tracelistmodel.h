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

// One row per trace of a TraceSet: root service and operation, start, duration, span,
// service and error counts, trace id and file. Display text is formatted once per load.
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

    void setTraceSet(std::shared_ptr<const TraceSet> traces);
    const TraceSet* traceSet() const { return m_traces.get(); }

private:
    int rows() const override;
    QVariant display(int row, int column) const override;
    QVariant raw(int row, int column) const override;
    QVariant other(int row, int column, int role) const override;

    struct Row {
        QString rootService;
        QString rootOperation;
        QString traceId;
        QString file;
        ServiceId rootServiceId;
    };

    QString filesOf(const TraceInfo& trace, const std::vector<QString>& fileNames) const;

    std::shared_ptr<const TraceSet> m_traces;
    std::vector<Row> m_rows;
    ServicePalettes m_serviceColors;
};

} // namespace Spanwise
