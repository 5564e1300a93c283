#pragma once

#include <QString>

class QAbstractItemModel;
class QTextStream;

namespace Spanwise {

// The one CSV writer of Spanwise, for the window's exports and `spanwise stats --csv` alike:
// the rows of `model` as given (a view's proxy: filtered and sorted as on screen). Headers are
// the columns' Roles::CsvHeader names (stable, for scripts); columns flagged Roles::ColumnUnused
// are left out; numbers (Roles::Sort: nanoseconds, counts, fractions) are written raw so that
// spreadsheets can compute, text as shown.
void writeCsv(const QAbstractItemModel& model, QTextStream& out);
// writeCsv to a file, through a temporary one. Returns an empty string, or what went wrong.
QString exportCsv(const QAbstractItemModel& model, const QString& path);

// One CSV cell of text, the one dialect the window and `spanwise stats --csv` share: quoted
// when it holds a comma, quote or line break, and with a leading apostrophe when it starts
// with = + - @ (or tab, carriage return), which spreadsheets would run as a formula.
QString csvText(QString text);
// One CSV cell of a number: written as it is (negative numbers stay numbers).
QString csvNumber(QString number);

} // namespace Spanwise
