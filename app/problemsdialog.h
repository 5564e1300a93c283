#pragma once

#include "importreport.h"

#include <QDialog>

#include <vector>

class QTreeWidget;

namespace Spanwise {

// What loading skipped or could not read: identical messages grouped with a count (errors
// first, in red; warnings in amber), each group listing every place — file, line and column,
// JSON path. Double-clicking a place opens the file and puts "file:line:column" on the
// clipboard, for an editor's "go to".
class ProblemsDialog : public QDialog
{
    Q_OBJECT

public:
    ProblemsDialog(const std::vector<ImportReport>& reports, QWidget* parent = nullptr);
    QTreeWidget* tree() const { return m_tree; }

    // The place as editors take it: "path:line:column", or "path" for a binary file.
    static QString location(const ImportReport& report, const ImportMessage& message);

signals:
    // A place was double-clicked (the dialog has opened the file and copied the location).
    void locationActivated(const QString& location);

private:
    QTreeWidget* m_tree;
};

} // namespace Spanwise
