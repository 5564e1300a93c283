#include "passingfilterproxy.h"

namespace Spanwise {

void PassingFilterProxy::setPassing(std::vector<bool> passing)
{
    m_passing = std::move(passing);
    invalidateFilter();
}

bool PassingFilterProxy::filterAcceptsRow(int sourceRow, const QModelIndex& sourceParent) const
{
    if (sourceRow < static_cast<int>(m_passing.size()) && !m_passing[static_cast<std::size_t>(sourceRow)])
        return false;
    return QSortFilterProxyModel::filterAcceptsRow(sourceRow, sourceParent);
}

} // namespace Spanwise
