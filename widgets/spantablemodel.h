#pragma once

#include "ids.h"

#include <QAbstractTableModel>

#include <memory>
#include <vector>

namespace Spanwise {

class TraceSetPresentation;

// One row per span (of one trace, or all loaded): service, operation, kind, start, duration,
// self time, status, error message, trace id. A plain model over span indices: a million rows
// cost a vector of indices and a vector of self times, and text is made only for rows shown.
class SpanTableModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column { Service, Operation, Kind, Start, Duration, SelfTime, Status, Message, TraceIdColumn, ColumnCount };
    static constexpr int SortRole = Qt::UserRole + 1;
    static constexpr int CsvHeaderRole = Qt::UserRole + 2;
    static constexpr int SpanRole = Qt::UserRole + 3;

    explicit SpanTableModel(QObject* parent = nullptr);

    // `selfTimes` is indexed like `spans`.
    void setSpans(std::shared_ptr<const TraceSetPresentation> presentation, std::vector<SpanIndex> spans,
        std::vector<std::int64_t> selfTimes);
    SpanIndex spanAt(int row) const { return m_spans[static_cast<std::size_t>(row)]; }
    const std::vector<SpanIndex>& spans() const { return m_spans; }

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    std::shared_ptr<const TraceSetPresentation> m_presentation;
    std::vector<SpanIndex> m_spans;
    std::vector<std::int64_t> m_selfTimes;
};

} // namespace Spanwise
