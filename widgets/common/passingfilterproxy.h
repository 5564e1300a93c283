#pragma once

#include <QSortFilterProxyModel>

#include <vector>

namespace Spanwise {

// A sort proxy whose filter is a precomputed pass/fail per source row: the criteria are
// evaluated once per change over the whole data (fast, on plain ids), not per row by Qt.
class PassingFilterProxy : public QSortFilterProxyModel
{
    Q_OBJECT

public:
    using QSortFilterProxyModel::QSortFilterProxyModel;

    // Empty: every row passes.
    void setPassing(std::vector<bool> passing);

protected:
    bool filterAcceptsRow(int sourceRow, const QModelIndex& sourceParent) const override;

private:
    std::vector<bool> m_passing;
};

} // namespace Spanwise
