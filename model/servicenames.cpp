#include "servicenames.h"

#include "traceset.h"

#include <algorithm>

namespace Spanwise {

std::vector<ServiceId> servicesByName(const TraceSet& set)
{
    std::vector<ServiceId> ids;
    for (std::uint32_t i = 0; i < set.serviceNames().size(); ++i)
        ids.push_back(ServiceId {i});
    std::sort(
        ids.begin(), ids.end(), [&set](ServiceId a, ServiceId b) { return set.serviceName(a) < set.serviceName(b); });
    return ids;
}

} // namespace Spanwise
