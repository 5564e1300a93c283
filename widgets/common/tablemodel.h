#pragma once

#include <QAbstractTableModel>

#include <span>

namespace Spanwise {

// One column of a TableModel, described once: what the header shows and says, the CSV name,
// and whether it holds numbers (right-aligned, exported raw).
struct TableColumn {
    const char* title;   // translated in the model's context
    const char* tooltip; // translated in the model's context
    const char* csvName; // stable: scripts read it
    bool numeric = false;
};

// The base of every table model: the Qt plumbing (index checks, header roles, alignment, the
// Sort fallback to the displayed text) is written once here and final; a model gives its rows,
// its cells' text, and where it has them raw values and decorations.
class TableModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    int rowCount(const QModelIndex& parent = {}) const final;
    int columnCount(const QModelIndex& parent = {}) const final;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const final;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const final;

protected:
    TableModel(std::span<const TableColumn> columns, QObject* parent);

    virtual int rows() const = 0;
    virtual QVariant display(int row, int column) const = 0;
    // Roles::Sort and CSV: the raw value; none means the displayed text.
    virtual QVariant raw(int row, int column) const;
    // Any other role (decoration, colour, tooltip, Roles::Span…).
    virtual QVariant other(int row, int column, int role) const;
    // The header text, when it depends on the data (e.g. the attribute grouped by).
    virtual QString title(int column) const;
    virtual QString csvName(int column) const;
    virtual bool isColumnUnused(int column) const;

private:
    std::span<const TableColumn> m_columns;
};

} // namespace Spanwise
