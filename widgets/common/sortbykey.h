#pragma once

#include <Qt>

#include <algorithm>
#include <vector>

namespace Spanwise {

// Orders `items` by `key(item)` in the table's order, the way the worker-sorted tables (span
// table, trace list) sort: a stable sort, so rows that tie keep their given order in either
// direction and every run gives the same rows.
template <typename Item, typename Key> void sortByKey(std::vector<Item>& items, Qt::SortOrder order, Key key)
{
    const bool descending = order == Qt::DescendingOrder;
    std::stable_sort(items.begin(), items.end(),
        [&](const Item& a, const Item& b) { return descending ? key(b) < key(a) : key(a) < key(b); });
}

} // namespace Spanwise
