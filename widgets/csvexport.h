#pragma once

#include <QString>

class QAbstractItemModel;

namespace Spanwise {

// Writes the rows a view shows (its model: filtered and sorted as on screen) as CSV. Cells take
// `rawRole` data where the model gives it (nanoseconds, counts) so that spreadsheets can
// compute, else the displayed text; headers take `headerRole` when given (e.g. "Duration (ns)").
// Returns an empty string, or what went wrong.
QString exportCsv(const QAbstractItemModel& model, const QString& path, int rawRole, int headerRole);

} // namespace Spanwise
