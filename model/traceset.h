#pragma once

#include "attribute.h"
#include "logrecord.h"
#include "span.h"
#include "stringpool.h"
#include "traceforest.h"

#include <cassert>
#include <memory>
#include <span>
#include <string>
#include <vector>

namespace Spanwise {

class TraceSetBuilder;

// Everything loaded from one or more files: spans, their attributes, events and links in flat
// arrays, a string pool, and the per-trace index (TraceForest).
// Contract: immutable once built (TraceSetBuilder::finish); share it as shared_ptr<const TraceSet>.
// Every index and id stays valid for the object's lifetime.
class TraceSet
{
public:
    std::string_view text(StringId id) const { return m_strings.view(id); }
    const StringPool& strings() const { return m_strings; }

    std::span<const Span> spans() const { return m_spans; }
    // Indexes are preconditions, asserted: an out-of-range one is a bug in the caller.
    const Span& span(SpanIndex i) const
    {
        assert(i.value < m_spans.size());
        return m_spans[i.value];
    }
    std::span<const Attribute> attributes(Range r) const { return slice(m_attributes, r); }
    std::span<const Event> events(Range r) const { return slice(m_events, r); }
    std::span<const Link> links(Range r) const { return slice(m_links, r); }

    std::span<const StringId> serviceNames() const { return m_serviceNames; }
    std::string_view serviceName(ServiceId id) const
    {
        assert(id.value < m_serviceNames.size());
        return text(m_serviceNames[id.value]);
    }
    std::span<const Resource> resources() const { return m_resources; }
    const Resource& resource(ResourceIndex i) const
    {
        assert(i.value < m_resources.size());
        return m_resources[i.value];
    }
    std::span<const Scope> scopes() const { return m_scopes; }
    // Jaeger and Zipkin spans have no scope: check isValid() first.
    const Scope& scope(ScopeIndex i) const
    {
        assert(i.value < m_scopes.size());
        return m_scopes[i.value];
    }

    std::span<const std::string> files() const { return m_files; }
    // The file a span was read from; invalid for spans made in code. Files hold runs of spans
    // one after another, so a span's file follows from its index.
    FileIndex fileOf(SpanIndex span) const;
    // What the exporter dropped from the span (zeros for most spans).
    SpanDrops dropsOf(SpanIndex span) const;
    // Where the span's record is in its file; unknown (length 0) for spans made in code.
    SpanSource spanSource(SpanIndex i) const
    {
        return i.value < m_spanSources.size() ? m_spanSources[i.value] : SpanSource {};
    }
    std::span<const SpanWarning> spanWarnings() const { return m_spanWarnings; }
    std::span<const TraceWarning> traceWarnings() const { return m_traceWarnings; }

    const TraceForest& forest() const { return m_forest; }

    // A copy with some spans moved in time, their events with them, and the index rebuilt (the
    // clock-skew correction). `shiftNs` is by span index; 0 leaves a span where it is.
    std::shared_ptr<const TraceSet> withShiftedSpans(const std::vector<std::int64_t>& shiftNs) const;
    std::span<const TraceInfo> traces() const { return m_forest.traces(); }
    const TraceInfo& trace(TraceIndex i) const
    {
        assert(i.value < m_forest.traces().size());
        return m_forest.traces()[i.value];
    }

    // Log records loaded beside the traces, in load order, each attached to its span or trace
    // when they are loaded (LogRecord::span, ::trace).
    std::span<const LogRecord> logs() const { return m_logs; }
    // The logs attached to a span, in time order (indices into logs()).
    std::span<const std::uint32_t> logsOf(SpanIndex span) const;
    // How many logs are attached to a loaded trace (with or without their span).
    std::size_t attachedLogCount() const { return m_attachedLogs; }

    std::size_t errorSpanCount() const;
    // Bytes the model's records take (arrays, index, strings), for the memory benchmark. Counts
    // the elements held, not the room reserved: the builder reserves for the most spans a file
    // could hold, and pages of that room nobody wrote are never resident.
    std::size_t approximateBytes() const;

private:
    friend class TraceSetBuilder;
    // Resolves every log's trace and span against the forest, and orders logsOf().
    void attachLogs();

    template <typename T> static std::span<const T> slice(const std::vector<T>& v, Range r)
    {
        assert(std::size_t(r.begin) + r.count <= v.size());
        return std::span<const T>(v).subspan(r.begin, r.count);
    }

    StringPool m_strings;
    std::vector<Span> m_spans;
    std::vector<SpanSource> m_spanSources; // by span; shorter when the last spans have none
    std::vector<Attribute> m_attributes;
    std::vector<Event> m_events;
    std::vector<Link> m_links;
    std::vector<StringId> m_serviceNames; // indexed by ServiceId, unique
    std::vector<Resource> m_resources;
    std::vector<Scope> m_scopes;
    std::vector<std::string> m_files;
    std::vector<std::uint32_t> m_fileFirstSpans;                  // by file: the index of its first span
    std::vector<std::pair<std::uint32_t, SpanDrops>> m_spanDrops; // by span index, only spans with drops
    std::vector<SpanWarning> m_spanWarnings;
    std::vector<TraceWarning> m_traceWarnings;
    TraceForest m_forest;
    std::vector<LogRecord> m_logs;
    std::vector<std::uint32_t> m_logsBySpan; // attached to a span: by span, then time
    std::size_t m_attachedLogs = 0;
};

} // namespace Spanwise
