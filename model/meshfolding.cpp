#include "meshfolding.h"

#include "attributetext.h"
#include "traceset.h"

#include <string>

namespace Spanwise {
namespace {

bool isMeshProxy(const TraceSet& set, SpanIndex span)
{
    if (firstAttributeText(set, span, {"component"}) == "proxy" ||
        !firstAttributeText(set, span, {"upstream_cluster"}).empty())
        return true;
    for (const Attribute& a : set.attributes(set.span(span).attributes))
        if (set.text(a.key()).starts_with("istio."))
            return true;
    return false;
}

bool isInbound(SpanKind kind)
{
    return kind == SpanKind::Server || kind == SpanKind::Consumer;
}

// The loaded service an upstream_cluster tag names, if it names one exactly.
ServiceId serviceNamedByCluster(const TraceSet& set, SpanIndex span)
{
    const std::string cluster = firstAttributeText(set, span, {"upstream_cluster"});
    if (cluster.empty())
        return {};
    for (std::uint32_t s = 0; s < set.serviceNames().size(); ++s)
        if (set.serviceName(ServiceId {s}) == cluster)
            return ServiceId {s};
    return {};
}

} // namespace

std::string firstAttributeText(const TraceSet& set, SpanIndex span, std::initializer_list<std::string_view> keys)
{
    for (const std::string_view key : keys) {
        const StringId id = set.strings().find(key);
        if (!id.isValid())
            continue;
        for (const Attribute& a : set.attributes(set.span(span).attributes))
            if (a.key() == id) {
                std::string text = attributeText(set, a);
                if (!text.empty())
                    return text;
            }
    }
    return {};
}

ServiceAssignment assignServices(const TraceSet& set, const std::vector<SpanIndex>& scope, bool foldMeshProxies)
{
    ServiceAssignment result;
    result.serviceOf.resize(set.spans().size());
    result.proxy.resize(set.spans().size(), false);
    for (const SpanIndex s : scope)
        result.serviceOf[s.value] = set.span(s).service;
    if (!foldMeshProxies)
        return result;
    for (const SpanIndex s : scope)
        result.proxy[s.value] = isMeshProxy(set, s);
    const TraceForest& forest = set.forest();
    for (const SpanIndex s : scope) {
        if (!result.proxy[s.value])
            continue;
        ServiceId fronted;
        if (isInbound(set.span(s).kind)) {
            for (const SpanIndex child : forest.childrenOf(s))
                if (!result.proxy[child.value]) {
                    fronted = set.span(child).service;
                    break;
                }
            if (!fronted.isValid())
                fronted = serviceNamedByCluster(set, s);
        } else {
            for (SpanIndex up = forest.parentOf(s); up.isValid() && !fronted.isValid(); up = forest.parentOf(up))
                if (!result.proxy[up.value])
                    fronted = set.span(up).service;
        }
        if (fronted.isValid())
            result.serviceOf[s.value] = fronted;
    }
    return result;
}

} // namespace Spanwise
