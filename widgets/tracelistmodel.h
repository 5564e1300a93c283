#pragma once

#include <QAbstractTableModel>

#include <memory>
#include <vector>

namespace Spanwise {

class TraceSet;
struct TraceInfo;

// One row per trace of a TraceSet: root service and operation, start, duration, span,
// service and error counts, trace id and file. Display text is formatted once per load.
class TraceListModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column {
        RootService,
        RootOperation,
        Start,
        Duration,
        Spans,
        Services,
        Errors,
        TraceIdColumn,
        File,
        ColumnCount
    };
    // The raw value to sort by: nanoseconds, counts, text.
    static constexpr int SortRole = Qt::UserRole + 1;

    explicit TraceListModel(QObject* parent = nullptr);

    void setTraceSet(std::shared_ptr<const TraceSet> traces);
    const TraceSet* traceSet() const { return m_traces.get(); }

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    struct Row {
        QString rootService;
        QString rootOperation;
        QString traceId;
        QString file;
    };

    QString filesOf(const TraceInfo& trace, const std::vector<QString>& fileNames) const;
    QVariant display(int row, int column) const;
    QVariant sortValue(int row, int column) const;

    std::shared_ptr<const TraceSet> m_traces;
    std::vector<Row> m_rows;
};

} // namespace Spanwise
