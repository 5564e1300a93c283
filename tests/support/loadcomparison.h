#pragma once

#include "traceloader.h"

#include <QString>

namespace Spanwise {

// Where two loads of the same text differ, in a few sentences; empty when they give the same
// model, id for id, the same report counts and, under the message cap, the same messages (as a
// set: a break two readers divide may be given by either, so its place in the list may move).
QString loadDifferences(const LoadResult& one, const LoadResult& other);

} // namespace Spanwise
