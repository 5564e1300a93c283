#pragma once

#include <QString>

class QAbstractItemModel;

namespace Spanwise {

// Writes the rows a view shows (its model: filtered and sorted as on screen) as CSV. Cells take
// `rawRole` data where the model gives it (nanoseconds, counts) so that spreadsheets can
// compute, else the displayed text; headers take `headerRole` when given (e.g. "Duration (ns)").
// Returns an empty string, or what went wrong.
QString exportCsv(const QAbstractItemModel& model, const QString& path, int rawRole, int headerRole);

// One CSV cell of text, the one dialect the window and `spanwise stats --csv` share: quoted
// when it holds a comma, quote or line break, and with a leading apostrophe when it starts
// with = + - @ (or tab, carriage return), which spreadsheets would run as a formula.
QString csvText(QString text);
// One CSV cell of a number: written as it is (negative numbers stay numbers).
QString csvNumber(QString number);

} // namespace Spanwise
