#include "serviceedges.h"

#include "traceset.h"

#include <algorithm>
#include <map>

namespace Spanwise {

std::vector<ServiceEdge> computeServiceEdges(const TraceSet& set)
{
    std::map<std::pair<std::uint32_t, std::uint32_t>, ServiceEdge> byPair;
    const auto spans = set.spans();
    for (std::uint32_t i = 0; i < spans.size(); ++i) {
        const SpanIndex parent = set.forest().parentOf(SpanIndex {i});
        if (!parent.isValid())
            continue;
        const ServiceId from = set.span(parent).service;
        const ServiceId to = spans[i].service;
        if (from == to)
            continue;
        ServiceEdge& edge = byPair[{from.value, to.value}];
        edge.from = from;
        edge.to = to;
        ++edge.calls;
        edge.errors += spans[i].isError() ? 1 : 0;
    }
    std::vector<ServiceEdge> edges;
    edges.reserve(byPair.size());
    for (const auto& [pair, edge] : byPair)
        edges.push_back(edge);
    std::sort(edges.begin(), edges.end(), [&set](const ServiceEdge& a, const ServiceEdge& b) {
        const auto fa = set.serviceName(a.from), fb = set.serviceName(b.from);
        return fa != fb ? fa < fb : set.serviceName(a.to) < set.serviceName(b.to);
    });
    return edges;
}

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
