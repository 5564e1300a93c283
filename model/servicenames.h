#pragma once

#include "ids.h"

#include <vector>

namespace Spanwise {

class TraceSet;

// Every service id, sorted by name. (Calls between services: see dependencygraph.h.)
std::vector<ServiceId> servicesByName(const TraceSet& set);

} // namespace Spanwise
