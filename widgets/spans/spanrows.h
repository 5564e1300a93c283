#pragma once

#include "ids.h"
#include "spantablemodel.h"

#include <Qt>

#include <cstdint>
#include <memory>
#include <vector>

namespace Spanwise {

class SpanQuery;
class TraceSetPresentation;
class WorkTicket;

// The spans of one scope with their self times, indexed alike: what the span table filters
// and sorts, computed once per load and scope.
struct SpanRows {
    std::shared_ptr<const TraceSetPresentation> presentation;
    std::vector<SpanIndex> spans;
    std::vector<std::int64_t> selfTimes;
};

// The rows a table shows: positions into a SpanRows, filtered and in display order.
struct ShownSpanRows {
    std::shared_ptr<const SpanRows> all;
    std::vector<SpanIndex> spans;
    std::vector<std::int64_t> selfTimes;
};

// Filters `all` by `query` (none: every row) and orders what passes by `column`, on a worker:
// the table never sorts on the GUI thread. Rows that tie keep their scope order, in either
// direction, so the result is the same on every run. Stops early (returning what it has) when
// the ticket is cancelled.
ShownSpanRows filterAndOrder(std::shared_ptr<const SpanRows> all, const SpanQuery* query, SpanTableModel::Column column,
    Qt::SortOrder order, const WorkTicket& ticket);

} // namespace Spanwise
