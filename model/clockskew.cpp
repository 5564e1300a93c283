#include "clockskew.h"

#include "attributetext.h"
#include "traceset.h"

#include <algorithm>
#include <map>
#include <set>

namespace Spanwise {
namespace {

std::string attributeOf(const TraceSet& set, Range attributes, std::string_view key)
{
    const StringId id = set.strings().find(key);
    if (!id.isValid())
        return {};
    for (const Attribute& a : set.attributes(attributes))
        if (a.key() == id)
            return attributeText(set, a);
    return {};
}

// The host a resource names (docs/analysis.md: host.name, else service.instance.id, else the
// Jaeger process's hostname or ip tag).
std::string resourceHost(const TraceSet& set, Range attributes)
{
    for (const std::string_view key : {"host.name", "service.instance.id", "hostname", "ip"})
        if (std::string host = attributeOf(set, attributes, key); !host.empty())
            return host;
    return {};
}

// Every span of a resource runs on one host: looked up once per resource.
std::vector<std::string> hostsByResource(const TraceSet& set)
{
    std::vector<std::string> hosts;
    hosts.reserve(set.resources().size());
    for (const Resource& resource : set.resources())
        hosts.push_back(resourceHost(set, resource.attributes));
    return hosts;
}

std::int64_t median(std::vector<std::int64_t> values)
{
    std::nth_element(values.begin(), values.begin() + static_cast<std::ptrdiff_t>(values.size() / 2), values.end());
    return values[values.size() / 2];
}

} // namespace

std::string hostOf(const TraceSet& set, SpanIndex span)
{
    const Span& s = set.span(span);
    if (!s.resource.isValid())
        return {};
    return resourceHost(set, set.resource(s.resource).attributes);
}

std::vector<std::int64_t> skewCorrections(const TraceSet& set, const ClockSkewEstimate& estimate)
{
    std::map<std::string, std::int64_t> shiftOfHost;
    for (const HostClock& host : estimate.hosts)
        if (host.flagged)
            shiftOfHost[host.host] = -host.offsetNs;
    std::vector<std::int64_t> shifts(set.spans().size(), 0);
    if (shiftOfHost.empty())
        return shifts;
    const std::vector<std::string> hosts = hostsByResource(set);
    std::vector<std::int64_t> shiftOfResource(hosts.size(), 0);
    for (std::size_t r = 0; r < hosts.size(); ++r)
        if (const auto it = shiftOfHost.find(hosts[r]); it != shiftOfHost.end())
            shiftOfResource[r] = it->second;
    for (std::uint32_t i = 0; i < shifts.size(); ++i)
        if (const ResourceIndex r = set.spans()[i].resource; r.isValid())
            shifts[i] = shiftOfResource[r.value];
    return shifts;
}

ClockSkewEstimate estimateClockSkew(const TraceSet& set)
{
    const std::vector<std::string> hosts = hostsByResource(set);

    std::map<std::pair<std::string, std::string>, std::vector<std::int64_t>> deltas; // (client host, server host)
    std::map<std::string, std::size_t> roots;
    std::map<std::string, std::string> serviceOf;
    for (std::uint32_t i = 0; i < set.spans().size(); ++i) {
        const SpanIndex s {i};
        const Span& span = set.span(s);
        if (!span.resource.isValid() || !span.hasTime())
            continue;
        const std::string& h = hosts[span.resource.value];
        if (h.empty())
            continue;
        serviceOf.try_emplace(h, set.serviceName(span.service));
        const SpanIndex parent = set.forest().parentOf(s);
        if (!span.hasParentId() && !parent.isValid()) {
            ++roots[h];
            continue;
        }
        if (!parent.isValid() || span.kind != SpanKind::Server)
            continue;
        const Span& client = set.span(parent);
        if (client.kind != SpanKind::Client || !client.hasTime() || !client.resource.isValid())
            continue;
        const std::string& clientHost = hosts[client.resource.value];
        if (clientHost.empty() || clientHost == h)
            continue; // the same host shares one clock
        // Twice the midpoint difference, halved at the end: no rounding per pair.
        const std::int64_t twice = (span.startNs - client.startNs) + (span.endNs() - client.endNs());
        deltas[{clientHost, h}].push_back(twice / 2);
    }

    ClockSkewEstimate estimate;
    if (roots.empty() && deltas.empty())
        return estimate;
    const std::string reference = roots.empty()
        ? deltas.begin()->first.first
        : std::max_element(roots.begin(), roots.end(), [](const auto& a, const auto& b) {
              return a.second < b.second;
          })->first;
    // Host pairs, most calls first: the best-measured links carry the offsets.
    std::vector<std::pair<std::pair<std::string, std::string>, std::int64_t>> links;
    std::map<std::string, std::size_t> pairCount;
    std::vector<std::size_t> linkSizes;
    for (auto& [hosts, values] : deltas) {
        pairCount[hosts.first] += values.size();
        pairCount[hosts.second] += values.size();
        linkSizes.push_back(values.size());
        links.emplace_back(hosts, median(values));
    }
    std::vector<std::size_t> order(links.size());
    for (std::size_t i = 0; i < order.size(); ++i)
        order[i] = i;
    std::stable_sort(
        order.begin(), order.end(), [&](std::size_t a, std::size_t b) { return linkSizes[a] > linkSizes[b]; });

    std::map<std::string, std::int64_t> offset {{reference, 0}};
    std::vector<std::string> frontier {reference};
    while (!frontier.empty()) {
        std::vector<std::string> next;
        for (const std::string& known : frontier)
            for (const std::size_t l : order) {
                const auto& [hosts, delta] = links[l];
                if (hosts.first == known && !offset.contains(hosts.second)) {
                    offset[hosts.second] = offset[known] + delta;
                    next.push_back(hosts.second);
                } else if (hosts.second == known && !offset.contains(hosts.first)) {
                    offset[hosts.first] = offset[known] - delta;
                    next.push_back(hosts.first);
                }
            }
        frontier = std::move(next);
    }
    for (const auto& [name, value] : offset) {
        HostClock clock;
        clock.host = name;
        clock.service = serviceOf[name];
        clock.offsetNs = value;
        clock.pairs = pairCount[name];
        clock.reference = name == reference;
        clock.flagged = std::abs(value) > flaggedSkewNs;
        estimate.hosts.push_back(std::move(clock));
    }
    return estimate;
}

} // namespace Spanwise
