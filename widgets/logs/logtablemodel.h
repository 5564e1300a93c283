#pragma once

#include <QAbstractTableModel>

#include <memory>
#include <vector>

namespace Spanwise {

class TraceSetPresentation;

// Log records as table rows (time, level, service, message, trace, span): the records a
// LogsView filter passed, by index into TraceSet::logs().
class LogTableModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column { TimeColumn, LevelColumn, ServiceColumn, MessageColumn, TraceColumn, SpanColumn, ColumnCount };

    explicit LogTableModel(QObject* parent = nullptr);

    void setRecords(std::shared_ptr<const TraceSetPresentation> presentation, std::vector<std::uint32_t> records);
    // The record shown in a row (an index into TraceSet::logs()).
    std::uint32_t recordAt(int row) const { return m_records[static_cast<std::size_t>(row)]; }

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role) const override;

private:
    std::shared_ptr<const TraceSetPresentation> m_presentation;
    std::vector<std::uint32_t> m_records;
};

} // namespace Spanwise
