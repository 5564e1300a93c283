#include "propagation.h"

#include "dependencygraph.h"
#include "traceset.h"

#include <algorithm>
#include <unordered_map>

namespace Spanwise {
namespace {

bool isReceiving(SpanKind kind)
{
    return kind == SpanKind::Server || kind == SpanKind::Consumer;
}

bool isSending(SpanKind kind)
{
    return kind == SpanKind::Client || kind == SpanKind::Producer;
}

} // namespace

PropagationFindings findPropagationProblems(const TraceSet& set)
{
    PropagationFindings findings;
    const TraceForest& forest = set.forest();
    const auto spans = set.spans();

    // Client and producer spans by id, to find the half of a split trace.
    std::unordered_multimap<std::uint64_t, SpanIndex> sendersById;
    for (std::uint32_t i = 0; i < spans.size(); ++i)
        if (isSending(spans[i].kind) && spans[i].spanId != 0)
            sendersById.emplace(spans[i].spanId, SpanIndex {i});

    // Per service: does it receive calls, and does any received call have a remote parent?
    std::vector<bool> receives(set.serviceNames().size(), false), extracts(set.serviceNames().size(), false);

    for (std::uint32_t i = 0; i < spans.size(); ++i) {
        const SpanIndex s {i};
        const Span& span = spans[i];
        const SpanIndex parent = forest.parentOf(s);
        if (span.hasParentId() && !parent.isValid()) {
            findings.orphanSpans.push_back(s);
            if (isReceiving(span.kind)) {
                const auto [first, last] = sendersById.equal_range(span.parentSpanId);
                for (auto it = first; it != last; ++it)
                    if (forest.traceOf(it->second) != forest.traceOf(s)) {
                        findings.splitTraces.emplace_back(s, it->second);
                        break;
                    }
            }
        }
        if (isReceiving(span.kind)) {
            receives[span.service.value] = true;
            // A remote parent: a parent id (loaded or not), or a parent in another service.
            if (span.hasParentId() && (!parent.isValid() || set.span(parent).service != span.service))
                extracts[span.service.value] = true;
        }
        for (const Link& link : set.links(span.links))
            if (link.kind == LinkKind::Link && !forest.findTrace(link.traceId).isValid()) {
                findings.linksOutside.push_back(s);
                break;
            }
    }
    for (std::uint32_t t = 0; t < set.traces().size(); ++t) {
        const auto order = forest.spansOf(set.traces()[t]);
        const auto roots =
            std::count_if(order.begin(), order.end(), [&](SpanIndex s) { return !set.span(s).hasParentId(); });
        if (roots > 1)
            findings.multiRootTraces.push_back(TraceIndex {t});
    }
    // Services some caller names as its peer, in a call that has no child in that service.
    std::unordered_map<std::string_view, std::uint32_t> serviceByName;
    for (std::uint32_t s = 0; s < set.serviceNames().size(); ++s)
        serviceByName.emplace(set.serviceName(ServiceId {s}), s);
    std::vector<bool> named(set.serviceNames().size(), false);
    for (std::uint32_t i = 0; i < spans.size(); ++i) {
        if (!isSending(spans[i].kind))
            continue;
        const std::string peer = virtualPeerName(set, SpanIndex {i});
        const auto service = serviceByName.find(peer);
        if (service == serviceByName.end() || service->second == spans[i].service.value)
            continue;
        const auto children = forest.childrenOf(SpanIndex {i});
        if (std::none_of(children.begin(), children.end(),
                [&](SpanIndex c) { return set.span(c).service.value == service->second; }))
            named[service->second] = true;
    }
    for (std::uint32_t s = 0; s < receives.size(); ++s)
        if (receives[s] && !extracts[s] && named[s])
            findings.notExtractingServices.emplace_back(set.serviceName(ServiceId {s}));
    std::sort(findings.notExtractingServices.begin(), findings.notExtractingServices.end());
    return findings;
}

} // namespace Spanwise
