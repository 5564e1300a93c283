#pragma once

#include "importreport.h"

#include <QDialog>

#include <vector>

namespace Spanwise {

// Lists what loading skipped or could not read, one line per message, file and place first.
class ProblemsDialog : public QDialog
{
    Q_OBJECT

public:
    ProblemsDialog(const std::vector<ImportReport>& reports, QWidget* parent = nullptr);
};

} // namespace Spanwise
