#pragma once

#include "ids.h"
#include "tracelistmodel.h"

#include <Qt>

#include <vector>

namespace Spanwise {

class TraceSet;
class WorkTicket;

// The traces the list shows, in the order it shows them: those `passing` lets through (every
// trace when it is empty), ordered by a column as the cells read — names by their text,
// durations and counts by value. Runs on a worker, so the list never sorts on the GUI thread;
// ties keep load order in either direction, so the result is the same on every run.
std::vector<TraceIndex> orderTraces(const TraceSet& set, const std::vector<bool>& passing,
    TraceListModel::Column column, Qt::SortOrder order, const WorkTicket& ticket);

} // namespace Spanwise
