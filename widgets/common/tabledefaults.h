#pragma once

class QAbstractItemModel;
class QTableView;

namespace Spanwise {

// What every Spanwise table does alike: whole rows selected, alternating colours, compact rows,
// no row numbers; and a sort or a new filter of `model` (the one the table shows) keeps the
// current row in view. (The first click on a numeric column sorts it worst-first: TableModel
// answers Qt::InitialSortOrderRole.)
void applyTableDefaults(QTableView* table, QAbstractItemModel* model);

} // namespace Spanwise
