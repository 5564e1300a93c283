#pragma once

#include "zipkinspan.h"

#include <unordered_map>
#include <vector>

namespace Spanwise {

class ImportContext;

// Collects a file's Zipkin spans, then writes them into the model:
// - parts of one span sent separately (same trace, id, side and service) are merged;
//   exact repeats load once, with one warning;
// - in a shared span (a client and a server half with one id) the server half is flagged so
//   the trace index makes it the client half's child;
// - endpoints become resources (local) and attributes (remote), tags typed strings,
//   annotations events; the `error` tag or otel.status_code=ERROR make an error span.
class ZipkinSpanCollector
{
public:
    explicit ZipkinSpanCollector(ImportContext& context)
        : m_context(context)
        , m_shares(1)
    { }

    void add(ZipkinSpan span) { m_shares.front().push_back(std::move(span)); }
    // Appends the spans another collector gathered from a later share of the same file
    // (parallelread.h), their texts renamed to this builder's ids (`strings`, by the other's).
    void absorb(ZipkinSpanCollector&& later, const std::vector<StringId>& strings);
    // Returns how many model spans were written.
    std::size_t finish();

private:
    // By span: whether another span has the same (trace, id).
    std::vector<bool> sharedIds() const;
    void merge(ZipkinSpan& into, ZipkinSpan& part);
    ResourceIndex resourceFor(const ZipkinEndpoint& local);
    void write(const ZipkinSpan& span, bool sharedServerHalf);

    ImportContext& m_context;
    // The spans of each share in file order: a later share's are kept where its reader put
    // them (moving them into one array cost a tenth of the load).
    std::vector<std::vector<ZipkinSpan>> m_shares;
    // Every span, shares in order; made by finish().
    std::vector<ZipkinSpan*> m_spans;
    struct EndpointHash {
        std::size_t operator()(const ZipkinEndpoint& endpoint) const;
    };
    std::unordered_map<ZipkinEndpoint, ResourceIndex, EndpointHash> m_resources; // by local endpoint
};

} // namespace Spanwise
