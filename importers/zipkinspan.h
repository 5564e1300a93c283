#pragma once

#include "ids.h"
#include "span.h"

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace Spanwise {

// Texts are pooled at once (none per span); an absent or empty one is an invalid id.
struct ZipkinEndpoint {
    StringId serviceName;
    StringId ipv4;
    StringId ipv6;
    std::int64_t port = 0;
    StringId portText; // the port as a tag value, pooled when read (none when 0)

    bool empty() const { return !serviceName.isValid() && !ipv4.isValid() && !ipv6.isValid() && port == 0; }
    bool operator==(const ZipkinEndpoint&) const = default;
};

using ZipkinTag = std::pair<StringId, StringId>;            // key, value (pooled)
using ZipkinAnnotation = std::pair<std::int64_t, StringId>; // time (ns), value (pooled)

// Elements of one of a collector's arrays.
struct ZipkinRange {
    std::uint64_t begin = 0;
    std::uint64_t count = 0;
};

// One span as Zipkin v2 models it. Zipkin v1 records are converted into these first, so v1 and
// v2 share the merging, pairing and conversion into the model (ZipkinSpanCollector).
struct ZipkinSpan {
    TraceId traceId;
    std::uint64_t id = 0;
    std::optional<std::uint64_t> parentId;
    StringId name; // pooled at once: no string per span
    SpanKind kind = SpanKind::Unspecified;
    std::optional<std::int64_t> timestampNs;
    std::optional<std::int64_t> durationNs;
    ZipkinEndpoint local;
    ZipkinEndpoint remote;
    // Where its tags and annotations lie in its collector's arrays (ZipkinSpanCollector::tagsOf):
    // a vector each cost two allocations per span, and freeing them a quarter of the join.
    ZipkinRange tags;
    ZipkinRange annotations;
    bool shared = false;
    bool debug = false;
    bool validIds = true;
    // Where the record was (messages give its line and column: a path per span would cost a
    // string each). Its bytes show it as read (SpanSource) and tell exact repeats.
    std::uint64_t recordOffset = 0;
    std::uint64_t recordLength = 0;
    // Set by pairing (ZipkinSpanCollector::pair).
    bool dropped = false;          // a part merged into an earlier span, or an exact repeat
    bool sharedServerHalf = false; // the server half of an id that has a client half too
};

} // namespace Spanwise
