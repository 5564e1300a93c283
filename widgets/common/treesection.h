#pragma once

#include <QString>

class QTreeWidget;
class QTreeWidgetItem;

namespace Spanwise {

// A top-level row that heads a group of rows: bold, spanning every column, expanded.
QTreeWidgetItem* addTreeSection(QTreeWidget* tree, const QString& title);

} // namespace Spanwise
