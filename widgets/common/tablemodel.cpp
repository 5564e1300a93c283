#include "tablemodel.h"

#include "roles.h"

namespace Spanwise {

TableModel::TableModel(std::span<const TableColumn> columns, QObject* parent)
    : QAbstractTableModel(parent)
    , m_columns(columns)
{ }

int TableModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : rows();
}

int TableModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(m_columns.size());
}

QVariant TableModel::data(const QModelIndex& index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid))
        return {};
    const int row = index.row();
    const int column = index.column();
    switch (role) {
    case Qt::DisplayRole:
        return display(row, column);
    case Roles::Sort:
        if (QVariant value = raw(row, column); value.isValid())
            return value;
        return display(row, column);
    case Qt::TextAlignmentRole:
        return QVariant::fromValue(
            (m_columns[static_cast<std::size_t>(column)].numeric ? Qt::AlignRight : Qt::AlignLeft) | Qt::AlignVCenter);
    default:
        return other(row, column, role);
    }
}

QVariant TableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || section < 0 || section >= columnCount())
        return {};
    const TableColumn& column = m_columns[static_cast<std::size_t>(section)];
    switch (role) {
    case Qt::DisplayRole:
        return title(section);
    case Qt::ToolTipRole:
        return tr(column.tooltip);
    case Roles::CsvHeader:
        return csvName(section);
    case Roles::ColumnUnused:
        return isColumnUnused(section);
    case Qt::TextAlignmentRole:
        return QVariant::fromValue((column.numeric ? Qt::AlignRight : Qt::AlignLeft) | Qt::AlignVCenter);
    case Qt::InitialSortOrderRole:
        // The first click on a duration, count or rate shows the worst first.
        return column.numeric ? Qt::DescendingOrder : Qt::AscendingOrder;
    default:
        return {};
    }
}

QVariant TableModel::raw(int, int) const
{
    return {};
}

QVariant TableModel::other(int, int, int) const
{
    return {};
}

QString TableModel::title(int column) const
{
    return tr(m_columns[static_cast<std::size_t>(column)].title);
}

QString TableModel::csvName(int column) const
{
    return QString::fromLatin1(m_columns[static_cast<std::size_t>(column)].csvName);
}

bool TableModel::isColumnUnused(int) const
{
    return false;
}

} // namespace Spanwise
