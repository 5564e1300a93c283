#pragma once

#include <Qt>

namespace Spanwise::Roles {

// The item roles every Spanwise model answers the same way (see TableModel).
enum : int {
    // The raw value to sort and export by: nanoseconds, counts, fractions; text otherwise.
    Sort = Qt::UserRole + 1,
    // Header: the column's name in CSV, the same in the window and `spanwise stats --csv`.
    CsvHeader,
    // Header: true for a column that says nothing in the current data (hidden, not exported).
    ColumnUnused,
    // Item: the span a row stands for (SpanIndex value).
    Span,
    // Item: the trace a row stands for (TraceIndex value).
    Trace,
};

} // namespace Spanwise::Roles
