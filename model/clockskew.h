#pragma once

#include "ids.h"

#include <cstdint>
#include <string>
#include <vector>

namespace Spanwise {

class TraceSet;

// One host's clock as the calls between hosts reveal it (docs/analysis.md, "Clock skew").
struct HostClock {
    std::string host;
    std::string service;       // the service its spans belong to (the first seen)
    std::int64_t offsetNs = 0; // how far its clock is ahead of the reference; negative: behind
    std::size_t pairs = 0;     // client/server pairs it took part in
    bool reference = false;
    bool flagged = false; // |offset| > 1 ms
};

struct ClockSkewEstimate {
    std::vector<HostClock> hosts; // every host with at least one pair, and the reference; by name
};

// The host a span's process ran on: the resource's host.name, else service.instance.id, else the
// Jaeger process's hostname or ip tag; empty when none says.
std::string hostOf(const TraceSet& set, SpanIndex span);

// Estimates each host's clock offset from client/server span pairs across hosts: the server's
// span should sit in the middle of its client's (equal network time both ways), so each pair
// gives the difference of their midpoints; per host pair the median of those is taken, and
// offsets are propagated from the reference host (the one most traces start on, 0), the host
// pairs with the most calls first.
ClockSkewEstimate estimateClockSkew(const TraceSet& set);

constexpr std::int64_t flaggedSkewNs = 1'000'000;

// How far to move each span (by span index) to correct the flagged hosts' clocks: −offset for
// every span of a flagged host, 0 for the rest. Spans of one host move together, so spans on
// the same host keep their order and distances.
std::vector<std::int64_t> skewCorrections(const TraceSet& set, const ClockSkewEstimate& estimate);

} // namespace Spanwise
