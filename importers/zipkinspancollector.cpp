#include "zipkinspancollector.h"

#include "flatidmap.h"
#include "importcontext.h"
#include "tracesetbuilder.h"

#include <algorithm>
#include <cassert>
#include <tuple>

namespace Spanwise {
namespace {

// Client-side and server-side halves of one id are different spans; everything else with the
// same id and service is a part of the same span.
int sideOf(SpanKind kind)
{
    return (kind == SpanKind::Server || kind == SpanKind::Consumer) ? 1 : 0;
}

struct TraceSpanId {
    TraceId trace;
    std::uint64_t id = 0;
    bool operator==(const TraceSpanId&) const = default;
};

struct TraceSpanIdHash {
    std::uint64_t operator()(const TraceSpanId& key) const
    {
        return mixedBits(key.trace.lo ^ mixedBits(key.trace.hi ^ mixedBits(key.id)));
    }
};

// By span: whether another span has the same (trace, id).
std::vector<bool> sharedIds(const std::vector<ZipkinSpan*>& spans)
{
    FlatIdMap<TraceSpanId, TraceSpanIdHash> firstWithId;
    firstWithId.reset(spans.size());
    std::vector<bool> shared(spans.size(), false);
    constexpr std::size_t ahead = 16;
    for (std::uint32_t i = 0; i < spans.size(); ++i) {
        if (i + ahead < spans.size())
            firstWithId.prefetch({spans[i + ahead]->traceId, spans[i + ahead]->id});
        if (const std::uint32_t* earlier = firstWithId.insert({spans[i]->traceId, spans[i]->id}, i))
            shared[i] = shared[*earlier] = true;
    }
    return shared;
}

} // namespace

std::size_t ZipkinSpanCollector::EndpointHash::operator()(const ZipkinEndpoint& e) const
{
    return mixedBits(e.serviceName.value ^ (std::uint64_t(e.ipv4.value) << 32) ^ mixedBits(e.ipv6.value) ^
        mixedBits(static_cast<std::uint64_t>(e.port)));
}

ZipkinSpanCollector::ZipkinSpanCollector(ImportContext& context)
    : m_context(context)
    , m_shares(1)
{
    TraceSetBuilder& builder = context.builder();
    m_names = {builder.intern("service.name"), builder.intern("ipv4"), builder.intern("ipv6"), builder.intern("port"),
        builder.intern("remoteEndpoint.serviceName"), builder.intern("remoteEndpoint.ipv4"),
        builder.intern("remoteEndpoint.ipv6"), builder.intern("remoteEndpoint.port"), builder.intern("zipkin.debug"),
        builder.intern("true")};
    builder.intern(TraceSetBuilder::unknownService); // what service("") pools for a span without one
}

std::string_view ZipkinSpanCollector::recordText(const ZipkinSpan& span) const
{
    return m_context.bytes().substr(span.recordOffset, span.recordLength);
}

bool ZipkinSpanCollector::pair(std::span<ZipkinSpanCollector* const> collectors)
{
    assert(!collectors.empty());
    // Every span, shares in order, and the collector that read it.
    std::vector<ZipkinSpan*> spans;
    std::vector<std::uint32_t> owners;
    for (std::uint32_t c = 0; c < collectors.size(); ++c)
        for (std::vector<ZipkinSpan>& share : collectors[c]->m_shares)
            for (ZipkinSpan& span : share) {
                spans.push_back(&span);
                owners.push_back(c);
            }
    // Most ids occur once: only spans sharing (trace, id) with another need grouping.
    const std::vector<bool> shared = sharedIds(spans);

    // Group those by (trace, id, service, side), keeping file order within a group. Services
    // compare by text: each collector pools its own. Keys are made once, not per comparison.
    struct Keyed {
        TraceId trace;
        std::uint64_t id;
        std::string_view service;
        int side;
        std::uint32_t span;
        auto group() const { return std::tie(trace, id, service, side); }
        bool operator<(const Keyed& other) const
        {
            return std::tie(trace, id, service, side, span) <
                std::tie(other.trace, other.id, other.service, other.side, other.span);
        }
    };
    std::vector<Keyed> order;
    for (std::uint32_t i = 0; i < spans.size(); ++i) {
        if (!shared[i])
            continue;
        const ZipkinSpan& s = *spans[i];
        const StringId service = s.local.serviceName;
        order.push_back({s.traceId, s.id,
            service.isValid() ? collectors[owners[i]]->m_context.builder().text(service) : std::string_view {},
            sideOf(s.kind), i});
    }
    std::sort(order.begin(), order.end());

    // What to do, decided before anything changes: a merge across shares stops it all.
    struct Merge {
        std::uint32_t into, part;
    };
    std::vector<Merge> merges;
    std::vector<std::uint32_t> repeats;
    for (std::size_t i = 0; i < order.size();) {
        std::size_t j = i + 1;
        const std::uint32_t into = order[i].span;
        const ZipkinSpan& first = *spans[into];
        const std::string_view firstText = collectors[owners[into]]->recordText(first);
        for (; j < order.size() && spans[order[j].span]->validIds && first.validIds &&
             order[j].group() == order[i].group();
             ++j) {
            const std::uint32_t part = order[j].span;
            if (collectors[owners[part]]->recordText(*spans[part]) == firstText) {
                repeats.push_back(part);
            } else {
                if (owners[part] != owners[into])
                    return false;
                merges.push_back({into, part});
            }
        }
        i = j;
    }

    for (const std::uint32_t repeat : repeats)
        spans[repeat]->dropped = true;
    for (const auto& [into, part] : merges) {
        collectors[owners[into]]->merge(*spans[into], *spans[part]);
        spans[part]->dropped = true;
    }
    // Said once, at the earliest in the file.
    std::vector<HeldMessage>& messages = collectors.front()->m_pairingMessages;
    if (!repeats.empty()) {
        const std::uint32_t first = *std::min_element(repeats.begin(), repeats.end());
        messages.push_back({spans[first]->recordOffset,
            std::to_string(repeats.size()) + " span record(s) repeat an earlier one exactly; each loaded once"});
    }
    // Merging keeps the earliest start and longest duration: say so, since other timings go.
    if (!merges.empty()) {
        const auto first = std::min_element(
            merges.begin(), merges.end(), [](const Merge& a, const Merge& b) { return a.part < b.part; });
        messages.push_back({spans[first->part]->recordOffset,
            std::to_string(merges.size()) +
                " span record(s) were parts of an earlier span (same trace, id, side and service) "
                "and were merged into it"});
    }

    // A shared span: the server half of an id that also has a client half. The spans of one
    // (trace, id) are next to each other in `order`.
    for (std::size_t i = 0; i < order.size();) {
        std::size_t j = i;
        int sides = 0;
        for (; j < order.size() && order[j].trace == order[i].trace && order[j].id == order[i].id; ++j)
            if (!spans[order[j].span]->dropped)
                sides |= 1 << order[j].side;
        if (sides == 3)
            for (std::size_t k = i; k < j; ++k)
                spans[order[k].span]->sharedServerHalf = order[k].side == 1;
        i = j;
    }
    for (ZipkinSpanCollector* collector : collectors)
        collector->m_paired = true;
    return true;
}

void ZipkinSpanCollector::write()
{
    assert(m_paired && !m_written);
    // In file order, so the model keeps the order the file had.
    for (const std::vector<ZipkinSpan>& share : m_shares)
        for (const ZipkinSpan& span : share)
            if (!span.dropped) {
                write(span);
                ++m_writtenSpans;
            }
    m_written = true;
    // On the share's own thread.
    m_shares.clear();
    m_tags = {};
    m_annotations = {};
}

TraceSetBuilder::AlreadyHere ZipkinSpanCollector::alreadyHere(const ZipkinSpanCollector& later) const
{
    TraceSetBuilder::AlreadyHere result;
    const TraceSetBuilder& builder = m_context.builder();
    // A later text as this builder's id; false when this builder has no such text.
    const auto translate = [&](StringId& id) {
        if (!id.isValid())
            return true; // no text: none to find
        id = builder.findText(later.m_context.builder().text(id));
        return id.isValid();
    };
    for (const auto& [endpoint, resource] : later.m_resources) {
        ZipkinEndpoint here = endpoint;
        const bool texts =
            translate(here.serviceName) && translate(here.ipv4) && translate(here.ipv6) && translate(here.portText);
        if (!texts)
            continue;
        if (const auto found = m_resources.find(here); found != m_resources.end())
            result.resources.push_back({resource, found->second});
    }
    return result;
}

void ZipkinSpanCollector::absorb(ZipkinSpanCollector&& later, const TraceSetBuilder::Absorbed& absorbed)
{
    assert(m_written == later.m_written && "shares are joined all written or none");
    const auto rename = [&](StringId& id) {
        if (id.isValid())
            id = absorbed.strings[id.value];
    };
    const auto renameEndpoint = [&](ZipkinEndpoint& endpoint) {
        rename(endpoint.serviceName);
        rename(endpoint.ipv4);
        rename(endpoint.ipv6);
        rename(endpoint.portText);
    };
    if (later.m_written) {
        m_writtenSpans += later.m_writtenSpans;
        for (HeldMessage& message : later.m_writingMessages)
            m_writingMessages.push_back(std::move(message));
        for (const auto& [endpoint, resource] : later.m_resources) {
            ZipkinEndpoint here = endpoint;
            renameEndpoint(here);
            m_resources.emplace(here, absorbed.resources[resource.value]);
        }
        return;
    }
    // The later arrays follow this one's: their spans' ranges move by as much.
    const std::uint64_t tagsBefore = m_tags.size(), annotationsBefore = m_annotations.size();
    for (std::vector<ZipkinSpan>& share : later.m_shares)
        for (ZipkinSpan& span : share) {
            rename(span.name);
            renameEndpoint(span.local);
            renameEndpoint(span.remote);
            span.tags.begin += tagsBefore;
            span.annotations.begin += annotationsBefore;
        }
    for (auto& [key, value] : later.m_tags) {
        rename(key);
        rename(value);
        m_tags.emplace_back(key, value);
    }
    for (auto& [time, value] : later.m_annotations) {
        rename(value);
        m_annotations.emplace_back(time, value);
    }
    for (std::vector<ZipkinSpan>& share : later.m_shares)
        m_shares.push_back(std::move(share));
    later.m_shares.clear();
    later.m_tags = {};
    later.m_annotations = {};
}

std::size_t ZipkinSpanCollector::finish()
{
    if (!m_paired) {
        ZipkinSpanCollector* self = this;
        [[maybe_unused]] const bool paired = pair(std::span(&self, 1));
        assert(paired && "one collector's texts are all in one pool");
    }
    if (!m_written)
        write();
    for (HeldMessage& message : m_pairingMessages)
        m_context.warn(message.offset, {}, std::move(message.text));
    for (HeldMessage& message : m_writingMessages)
        m_context.warn(message.offset, {}, std::move(message.text));
    m_pairingMessages.clear();
    m_writingMessages.clear();
    return m_writtenSpans;
}

void ZipkinSpanCollector::merge(ZipkinSpan& into, ZipkinSpan& part)
{
    // A record may have no name at all (zipkin-js after losing its async context): check first.
    const bool unnamed = !into.name.isValid() || m_context.builder().text(into.name).empty() ||
        m_context.builder().text(into.name) == "unknown";
    if (unnamed && part.name.isValid())
        into.name = part.name;
    if (!into.parentId)
        into.parentId = part.parentId;
    if (into.kind == SpanKind::Unspecified)
        into.kind = part.kind;
    // The earliest start and the longest duration seen: parts report partial timings.
    if (part.timestampNs && (!into.timestampNs || *part.timestampNs < *into.timestampNs))
        into.timestampNs = part.timestampNs;
    if (part.durationNs && (!into.durationNs || *part.durationNs > *into.durationNs))
        into.durationNs = part.durationNs;
    if (into.local.empty())
        into.local = part.local;
    if (into.remote.empty())
        into.remote = part.remote;
    mergeLists(into.tags, part.tags, m_tags, [](const ZipkinTag& a, const ZipkinTag& b) { return a.first == b.first; });
    mergeLists(into.annotations, part.annotations, m_annotations, std::equal_to<ZipkinAnnotation>());
    const auto merged = m_annotations.begin() + static_cast<std::ptrdiff_t>(into.annotations.begin);
    std::sort(merged, merged + static_cast<std::ptrdiff_t>(into.annotations.count));
    into.shared = into.shared || part.shared;
    into.debug = into.debug || part.debug;
}

} // namespace Spanwise
