#include "zipkinspancollector.h"

#include "spantimes.h"

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

bool sameId(const ZipkinSpan& a, const ZipkinSpan& b)
{
    return a.traceId == b.traceId && a.id == b.id;
}

} // namespace

std::size_t ZipkinSpanCollector::EndpointHash::operator()(const ZipkinEndpoint& e) const
{
    return mixedBits(e.serviceName.value ^ (std::uint64_t(e.ipv4.value) << 32) ^ mixedBits(e.ipv6.value) ^
        mixedBits(static_cast<std::uint64_t>(e.port)));
}

void ZipkinSpanCollector::absorb(ZipkinSpanCollector&& later, const std::vector<StringId>& strings)
{
    assert(later.m_resources.empty() && "collectors are joined before finish()");
    const auto rename = [&](StringId& id) {
        if (id.isValid())
            id = strings[id.value];
    };
    for (std::vector<ZipkinSpan>& share : later.m_shares)
        for (ZipkinSpan& span : share) {
            rename(span.name);
            for (ZipkinEndpoint* endpoint : {&span.local, &span.remote}) {
                rename(endpoint->serviceName);
                rename(endpoint->ipv4);
                rename(endpoint->ipv6);
            }
            for (auto& [key, value] : span.tags) {
                rename(key);
                rename(value);
            }
            for (auto& annotation : span.annotations)
                rename(annotation.second);
        }
    for (std::vector<ZipkinSpan>& share : later.m_shares)
        m_shares.push_back(std::move(share));
    later.m_shares.clear();
}

std::vector<bool> ZipkinSpanCollector::sharedIds() const
{
    FlatIdMap<TraceSpanId, TraceSpanIdHash> firstWithId;
    firstWithId.reset(m_spans.size());
    std::vector<bool> shared(m_spans.size(), false);
    for (std::uint32_t i = 0; i < m_spans.size(); ++i)
        if (const std::uint32_t* earlier = firstWithId.insert({m_spans[i]->traceId, m_spans[i]->id}, i))
            shared[i] = shared[*earlier] = true;
    return shared;
}

std::size_t ZipkinSpanCollector::finish()
{
    for (std::vector<ZipkinSpan>& share : m_shares)
        for (ZipkinSpan& span : share)
            m_spans.push_back(&span);
    // Most ids occur once: only spans sharing (trace, id) with another need grouping.
    const std::vector<bool> shared = sharedIds();

    // Group those by (trace, id, service, side), keeping file order within a group.
    std::vector<std::uint32_t> order;
    for (std::uint32_t i = 0; i < m_spans.size(); ++i)
        if (shared[i])
            order.push_back(i);
    const auto key = [this](std::uint32_t i) {
        const ZipkinSpan& s = *m_spans[i];
        return std::tuple(s.traceId, s.id, s.local.serviceName, sideOf(s.kind));
    };
    std::stable_sort(order.begin(), order.end(), [&](std::uint32_t a, std::uint32_t b) { return key(a) < key(b); });

    std::vector<bool> dropped(m_spans.size(), false);
    std::size_t exactRepeats = 0, mergedParts = 0;
    std::uint32_t firstRepeat = UINT32_MAX, firstMerged = UINT32_MAX; // the earliest in the file
    for (std::size_t i = 0; i < order.size();) {
        std::size_t j = i + 1;
        ZipkinSpan& first = *m_spans[order[i]];
        while (j < order.size() && m_spans[order[j]]->validIds && first.validIds && key(order[j]) == key(order[i])) {
            ZipkinSpan& part = *m_spans[order[j]];
            if (part.contentHash == first.contentHash) {
                ++exactRepeats;
                firstRepeat = std::min(firstRepeat, order[j]);
            } else {
                merge(first, part);
                ++mergedParts;
                firstMerged = std::min(firstMerged, order[j]);
            }
            dropped[order[j]] = true;
            ++j;
        }
        i = j;
    }
    if (exactRepeats > 0) {
        const ZipkinSpan& repeat = *m_spans[firstRepeat];
        m_context.warn(repeat.recordOffset, {},
            std::to_string(exactRepeats) + " span record(s) repeat an earlier one exactly; each loaded once");
    }

    // Merging keeps the earliest start and longest duration: say so, since other timings go.
    if (mergedParts > 0) {
        const ZipkinSpan& part = *m_spans[firstMerged];
        m_context.warn(part.recordOffset, {},
            std::to_string(mergedParts) +
                " span record(s) were parts of an earlier span (same trace, id, side and service) "
                "and were merged into it");
    }

    // A shared span: the server half of an id that also has a client half. The spans of one
    // (trace, id) are next to each other in `order`.
    std::vector<bool> serverHalf(m_spans.size(), false);
    for (std::size_t i = 0; i < order.size();) {
        std::size_t j = i;
        int sides = 0;
        for (; j < order.size() && sameId(*m_spans[order[j]], *m_spans[order[i]]); ++j)
            if (!dropped[order[j]])
                sides |= 1 << sideOf(m_spans[order[j]]->kind);
        if (sides == 3)
            for (std::size_t k = i; k < j; ++k)
                serverHalf[order[k]] = sideOf(m_spans[order[k]]->kind) == 1;
        i = j;
    }
    // In file order, so the model keeps the order the file had.
    std::size_t written = 0;
    for (std::size_t i = 0; i < m_spans.size(); ++i) {
        if (dropped[i])
            continue;
        write(*m_spans[i], serverHalf[i]);
        ++written;
    }
    return written;
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
    for (auto& tag : part.tags) {
        const auto same = [&](const auto& t) { return t.first == tag.first; };
        if (std::none_of(into.tags.begin(), into.tags.end(), same))
            into.tags.push_back(std::move(tag));
    }
    for (auto& annotation : part.annotations)
        if (std::find(into.annotations.begin(), into.annotations.end(), annotation) == into.annotations.end())
            into.annotations.push_back(std::move(annotation));
    std::sort(into.annotations.begin(), into.annotations.end());
    into.shared = into.shared || part.shared;
    into.debug = into.debug || part.debug;
}

ResourceIndex ZipkinSpanCollector::resourceFor(const ZipkinEndpoint& local)
{
    if (const auto known = m_resources.find(local); known != m_resources.end())
        return known->second;
    TraceSetBuilder& builder = m_context.builder();
    std::vector<Attribute> attributes;
    const auto addText = [&](std::string_view name, StringId value) {
        if (!value.isValid())
            return;
        Attribute a;
        a.setKey(builder.intern(name));
        a.setType(AttributeType::String);
        a.text = value;
        attributes.push_back(a);
    };
    addText("service.name", local.serviceName);
    addText("ipv4", local.ipv4);
    addText("ipv6", local.ipv6);
    if (local.port != 0) {
        Attribute a;
        a.setKey(builder.intern("port"));
        a.setType(AttributeType::Int);
        a.integer = local.port;
        attributes.push_back(a);
    }
    const std::string_view service = local.serviceName.isValid() ? builder.text(local.serviceName) : "";
    const ResourceIndex index = builder.addResource(builder.service(service), builder.addAttributes(attributes));
    m_resources.emplace(local, index);
    return index;
}

void ZipkinSpanCollector::write(const ZipkinSpan& zipkin, bool sharedServerHalf)
{
    TraceSetBuilder& builder = m_context.builder();
    Span span;
    span.traceId = zipkin.traceId;
    span.spanId = zipkin.id;
    if (!zipkin.validIds)
        span.flags |= SpanMissingId;
    if (zipkin.parentId && *zipkin.parentId != 0) {
        span.parentSpanId = *zipkin.parentId;
        span.flags |= SpanHasParentId;
    }
    if (sharedServerHalf)
        span.flags |= SpanSharedServerHalf;
    span.operation = zipkin.name; // unset: the builder makes it the empty name
    span.kind = zipkin.kind;
    span.resource = resourceFor(zipkin.local);
    span.service = builder.resourceService(span.resource);
    // As Zipkin does: without a timestamp, the annotations' extent is the span's time (marked
    // derived); with neither, the trace index derives it from children or parent, or leaves it
    // without a place on the time axis.
    std::int64_t start = 0, duration = 0;
    if (zipkin.timestampNs) {
        start = *zipkin.timestampNs;
    } else {
        span.flags |= SpanMissingStart;
        if (!zipkin.annotations.empty()) {
            start = zipkin.annotations.front().first;
            span.flags |= SpanTimeDerived;
        }
    }
    if (zipkin.durationNs) {
        duration = *zipkin.durationNs;
    } else {
        span.flags |= SpanMissingDuration;
        if (zipkin.annotations.size() > 1)
            duration = saturatingSub(zipkin.annotations.back().first, start); // hostile times overflow
    }
    if (const TimeRepairs repairs = setStartAndDuration(span, start, duration); repairs.any())
        m_context.warn(zipkin.recordOffset, {}, repairs.describe());

    std::vector<Attribute> attributes;
    const auto addPooled = [&](StringId key, StringId value) {
        Attribute a;
        a.setKey(key);
        a.setType(AttributeType::String);
        a.text = value;
        attributes.push_back(a);
    };
    const auto addText = [&](std::string_view key, std::string_view value) {
        addPooled(builder.intern(key), builder.intern(value));
    };
    for (const auto& [keyId, valueId] : zipkin.tags) {
        addPooled(keyId, valueId);
        const std::string_view key = builder.text(keyId);
        const std::string_view value = builder.text(valueId);
        if (key == "error") {
            span.status = StatusCode::Error;
            if (!value.empty() && value != "true")
                span.statusMessage = valueId;
        } else if (key == "otel.status_code") {
            if (value == "ERROR")
                span.status = StatusCode::Error;
            else if (value == "OK" && span.status != StatusCode::Error)
                span.status = StatusCode::Ok;
        } else if (key == "otel.status_description" && !span.statusMessage.isValid()) {
            span.statusMessage = valueId;
        }
    }
    if (zipkin.remote.serviceName.isValid())
        addPooled(builder.intern("remoteEndpoint.serviceName"), zipkin.remote.serviceName);
    if (zipkin.remote.ipv4.isValid())
        addPooled(builder.intern("remoteEndpoint.ipv4"), zipkin.remote.ipv4);
    if (zipkin.remote.ipv6.isValid())
        addPooled(builder.intern("remoteEndpoint.ipv6"), zipkin.remote.ipv6);
    if (zipkin.remote.port != 0)
        addText("remoteEndpoint.port", std::to_string(zipkin.remote.port));
    if (zipkin.debug)
        addText("zipkin.debug", "true");
    span.attributes = builder.addAttributes(attributes);

    std::vector<Event> events;
    for (const auto& [time, value] : zipkin.annotations)
        events.push_back({clampTime(time), value, {}, 0});
    span.events = builder.addEvents(events);
    builder.setSpanSource(builder.addSpan(span), zipkin.recordOffset, zipkin.recordLength);
}

} // namespace Spanwise
