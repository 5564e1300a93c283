#pragma once

#include "tracesetbuilder.h"
#include "zipkinspan.h"

#include <algorithm>
#include <cassert>
#include <functional>
#include <span>
#include <string>
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
//
// A file read in shares has one collector per share (parallelread.h). Pairing looks at all of
// them at once; then each writes its own spans into its share's builder, on the share's
// thread, and the collectors are joined with their builders. The model comes out as one
// collector would have made it.
class ZipkinSpanCollector
{
public:
    explicit ZipkinSpanCollector(ImportContext& context);

    // A span read, once its tags and annotations were added (below).
    void add(ZipkinSpan span) { m_shares.front().push_back(std::move(span)); }
    // Kept in this collector's arrays: a span's own, one after another, before it is added.
    void addTag(ZipkinSpan& span, ZipkinTag tag) { append(span.tags, m_tags, tag); }
    void addAnnotation(ZipkinSpan& span, ZipkinAnnotation annotation)
    {
        append(span.annotations, m_annotations, annotation);
    }
    std::span<const ZipkinTag> tagsOf(const ZipkinSpan& span) const
    {
        return std::span(m_tags).subspan(span.tags.begin, span.tags.count);
    }
    std::span<const ZipkinAnnotation> annotationsOf(const ZipkinSpan& span) const
    {
        return std::span(m_annotations).subspan(span.annotations.begin, span.annotations.count);
    }

    // Pairs the spans of one file's collectors (shares in order) as one collector would. Returns
    // false, changing nothing, when parts to merge were read by different shares: their texts
    // are in different pools, so the collectors are joined first and finish() pairs them.
    static bool pair(std::span<ZipkinSpanCollector* const> collectors);
    // Writes the spans pairing kept into this collector's builder. What is said about them
    // waits for finish(), so messages keep the file's order whatever the shares.
    void write();

    // Resources the later collector made that this one has (same local endpoint).
    TraceSetBuilder::AlreadyHere alreadyHere(const ZipkinSpanCollector& later) const;
    // Takes over a later share's collector once its builder was absorbed into this one's
    // (`absorbed`): its spans, or what writing them made.
    void absorb(ZipkinSpanCollector&& later, const TraceSetBuilder::Absorbed& absorbed);
    // Pairs and writes what is not yet, and says what pairing and writing found. Returns how
    // many model spans were written.
    std::size_t finish();

private:
    struct HeldMessage {
        std::uint64_t offset;
        std::string text;
    };
    // The names writing gives attributes, pooled before any span is read so that every share
    // pools them at the same place.
    struct Names {
        StringId serviceName, ipv4, ipv6, port;
        StringId remoteServiceName, remoteIpv4, remoteIpv6, remotePort;
        StringId debug, trueText;
    };

    template <typename T> static void append(ZipkinRange& range, std::vector<T>& into, const T& element)
    {
        if (range.count == 0)
            range.begin = into.size();
        assert(range.begin + range.count == into.size() && "a span's elements are added together");
        into.push_back(element);
        ++range.count;
    }
    // The merged list is written anew after the array's end (merges are rare): `into`'s own
    // elements, then those of `part` that no element of it is `same` as.
    template <typename T, typename Same>
    static void mergeLists(ZipkinRange& into, ZipkinRange part, std::vector<T>& array, Same same)
    {
        const ZipkinRange own = into;
        into = {};
        for (std::uint64_t i = 0; i < own.count; ++i)
            append(into, array, T(array[own.begin + i]));
        for (std::uint64_t i = 0; i < part.count; ++i) {
            const T element = array[part.begin + i];
            const auto have = array.begin() + static_cast<std::ptrdiff_t>(into.begin);
            if (std::none_of(have, have + static_cast<std::ptrdiff_t>(into.count),
                    [&](const T& mine) { return same(mine, element); }))
                append(into, array, element);
        }
    }
    std::string_view recordText(const ZipkinSpan& span) const;
    void merge(ZipkinSpan& into, ZipkinSpan& part);
    ResourceIndex resourceFor(const ZipkinEndpoint& local);
    void write(const ZipkinSpan& span);

    struct EndpointHash {
        std::size_t operator()(const ZipkinEndpoint& endpoint) const;
    };

    ImportContext& m_context;
    Names m_names;
    // The spans of each share in file order: a later share's are kept where its reader put
    // them (moving them into one array cost a tenth of the load).
    std::vector<std::vector<ZipkinSpan>> m_shares;
    std::vector<ZipkinTag> m_tags;               // every span's, of every share
    std::vector<ZipkinAnnotation> m_annotations; // likewise
    // Reused by each span written, so writing allocates nothing per span.
    std::vector<Attribute> m_attributes;
    std::vector<Event> m_events;
    bool m_paired = false;
    bool m_written = false;
    std::size_t m_writtenSpans = 0;
    std::vector<HeldMessage> m_pairingMessages;                                  // said first
    std::vector<HeldMessage> m_writingMessages;                                  // in file order
    std::unordered_map<ZipkinEndpoint, ResourceIndex, EndpointHash> m_resources; // by local endpoint
};

} // namespace Spanwise
