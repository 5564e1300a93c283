#pragma once

#include "ids.h"

#include <initializer_list>
#include <string>
#include <string_view>
#include <vector>

namespace Spanwise {

class TraceSet;

// Which service each span of the dependency map counts as (docs/dependency-map.md, "Service-mesh
// folding"). Without folding, its own. With folding, a sidecar proxy span (component=proxy, an
// upstream_cluster tag, istio.* attributes) counts as the service it fronts:
// - an inbound sidecar (server or consumer kind) fronts its first non-proxy child's service; one
//   with no such child (the request never reached the application, e.g. an Envoy 503) fronts the
//   loaded service its upstream_cluster names, else stays a node of its own;
// - any other sidecar (outbound) fronts its nearest non-proxy ancestor's service; a root one
//   stays its own.
// So a failure only a sidecar saw is the fronted service's, never dropped.
struct ServiceAssignment {
    std::vector<ServiceId> serviceOf; // by span index; meaningful for spans in scope
    std::vector<bool> proxy;          // by span index: a folded sidecar span

    bool isProxy(SpanIndex span) const { return proxy[span.value]; }
};

ServiceAssignment assignServices(const TraceSet& set, const std::vector<SpanIndex>& scope, bool foldMeshProxies);

// The value of the first of `keys` the span has (as text), else empty.
std::string firstAttributeText(const TraceSet& set, SpanIndex span, std::initializer_list<std::string_view> keys);

} // namespace Spanwise
