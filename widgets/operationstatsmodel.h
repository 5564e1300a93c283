#pragma once

#include "operationstats.h"

#include <QAbstractTableModel>

#include <memory>

namespace Spanwise {

class TraceSetPresentation;

// One row per group of a StatsResult: names, count, errors, error %, min, p50, p90, p95, p99,
// max, mean, total, total self time and share of time. Durations display formatted and sort
// (and export) as nanoseconds.
class OperationStatsModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column {
        Name,
        Operation,
        Count,
        Errors,
        ErrorRate,
        Min,
        P50,
        P90,
        P95,
        P99,
        Max,
        Mean,
        Total,
        SelfTotal,
        Share,
        ColumnCount
    };
    static constexpr int SortRole = Qt::UserRole + 1;
    static constexpr int CsvHeaderRole = Qt::UserRole + 2;

    explicit OperationStatsModel(QObject* parent = nullptr);

    void setResult(std::shared_ptr<const TraceSetPresentation> presentation, std::shared_ptr<const StatsResult> result);
    const StatsResult* result() const { return m_result.get(); }
    const OperationStats* row(int row) const;

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    QString nameOf(const OperationStats& row) const;

    std::shared_ptr<const TraceSetPresentation> m_presentation;
    std::shared_ptr<const StatsResult> m_result;
};

} // namespace Spanwise
