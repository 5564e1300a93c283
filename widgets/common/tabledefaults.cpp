#include "tabledefaults.h"

#include <QAbstractItemModel>
#include <QHeaderView>
#include <QTableView>

namespace Spanwise {
void applyTableDefaults(QTableView* table, QAbstractItemModel* model)
{
    table->setSortingEnabled(true);
    table->setSelectionBehavior(QAbstractItemView::SelectRows);
    table->setAlternatingRowColors(true);
    table->setWordWrap(false);
    table->verticalHeader()->hide();
    table->verticalHeader()->setDefaultSectionSize(table->fontMetrics().height() + 6);
    // Worst-first on the first click is the models' Qt::InitialSortOrderRole (TableModel).
    const auto keepCurrentInView = [table] {
        if (table->currentIndex().isValid())
            table->scrollTo(table->currentIndex(), QAbstractItemView::PositionAtCenter);
    };
    QObject::connect(model, &QAbstractItemModel::layoutChanged, table, keepCurrentInView);
    QObject::connect(model, &QAbstractItemModel::rowsInserted, table, keepCurrentInView);
}

} // namespace Spanwise
