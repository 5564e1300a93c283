#pragma once

#include "operationstats.h"

#include "rulemonitor.h"
#include "tablemodel.h"

#include <memory>

namespace Spanwise {

class TraceSetPresentation;

// One row per group of a StatsResult: names, count, errors, error %, min, p50, p90, p95, p99,
// max, mean, total, total self time and share of time. Durations display formatted and sort
// (and export) as nanoseconds.
class OperationStatsModel : public TableModel
{
    Q_OBJECT

public:
    enum Column {
        Name,
        Operation,
        Count,
        EstimatedCount,
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
    explicit OperationStatsModel(QObject* parent = nullptr);

    void setResult(std::shared_ptr<const TraceSetPresentation> presentation, std::shared_ptr<const StatsResult> result);
    const StatsResult* result() const { return m_result.get(); }
    const OperationStats* row(int row) const;
    // Rows a failing rule is about are tinted, the rule in their tooltip.
    void setViolations(std::vector<RuleViolation> violations);
    QStringList violationsOf(int row) const;

private:
    int rows() const override;
    QVariant display(int row, int column) const override;
    QVariant raw(int row, int column) const override;
    QVariant other(int row, int column, int role) const override;
    QString title(int column) const override;
    QString csvName(int column) const override;
    bool isColumnUnused(int column) const override;
    QString nameOf(const OperationStats& row) const;

    std::shared_ptr<const TraceSetPresentation> m_presentation;
    std::shared_ptr<const StatsResult> m_result;
    std::vector<RuleViolation> m_violations;
};

} // namespace Spanwise
