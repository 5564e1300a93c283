#pragma once

#include "ids.h"

#include <cstdint>
#include <span>
#include <vector>

namespace Spanwise {

class TraceSet;

// Who links to whom: for any (trace id, span id), the spans whose links point at it
// ("backlinks"), found by binary search. Built once per load.
class LinkIndex
{
public:
    explicit LinkIndex(const TraceSet& set);

    // The spans with a link to this span, in span order.
    std::vector<SpanIndex> linksTo(TraceId trace, std::uint64_t spanId) const;
    // The loaded span a link target names (the first with that id), or an invalid index.
    static SpanIndex resolve(const TraceSet& set, TraceId trace, std::uint64_t spanId);

private:
    struct Entry {
        TraceId trace;
        std::uint64_t spanId;
        SpanIndex from;
    };
    std::vector<Entry> m_entries; // sorted by (trace, spanId, from)
};

} // namespace Spanwise
