#pragma once

#include "ids.h"

#include <cstdint>

namespace Spanwise {

enum class SpanKind : std::uint8_t { Unspecified, Internal, Server, Client, Producer, Consumer };
enum class StatusCode : std::uint8_t { Unset, Ok, Error };

// Flags for what a file left out or got wrong about one span, so views can mark it.
enum SpanFlag : std::uint8_t {
    SpanHasParentId = 1 << 0,  // the record named a parent (which may be missing)
    SpanMissingStart = 1 << 1, // no start timestamp in the record
    SpanMissingDuration = 1 << 2,
    SpanMissingId = 1 << 3, // no or empty span id
    SpanMissingTraceId = 1 << 4,
    // The server half of a Zipkin shared span: it has its client half's id, and is its child.
    SpanSharedServerHalf = 1 << 5,
    // With SpanMissingStart: the time was derived (from the span's own annotations or events,
    // else from its children or its parent), as Zipkin does; views mark it as derived.
    SpanTimeDerived = 1 << 6,
};

// One span: a small fixed-size record (see DESIGN.md). Attributes, events and links are
// ranges into TraceSet's flat arrays. What few spans have lives beside them in TraceSet (what
// an exporter dropped), and what follows from a span's place does not live in it (its file).
struct Span {
    TraceId traceId;
    std::uint64_t spanId = 0;
    std::uint64_t parentSpanId = 0; // meaningful only with SpanHasParentId
    std::int64_t startNs = 0;
    std::int64_t durationNs = 0;
    StringId operation;
    ServiceId service;
    ResourceIndex resource;
    ScopeIndex scope;
    StringId statusMessage;
    StringId traceState;
    Range attributes;
    Range events;
    Range links;
    std::uint32_t traceFlags = 0;
    SpanKind kind = SpanKind::Unspecified;
    StatusCode status = StatusCode::Unset;
    std::uint8_t flags = 0;

    // Never overflows: the builder keeps start and end within ±maxTimeNs (spantimes.h).
    std::int64_t endNs() const { return startNs + durationNs; }
    bool hasParentId() const { return flags & SpanHasParentId; }
    // False for a span whose file gave no time and nothing to derive one from: it has no place
    // on the time axis (no bar, outside its trace's time range and duration statistics).
    bool hasTime() const { return !(flags & SpanMissingStart) || (flags & SpanTimeDerived); }
    bool isError() const { return status == StatusCode::Error; }
};
// Every span costs this much and no more; a field added here multiplies by millions.
static_assert(sizeof(Span) <= 104);

// What the exporter left out of one span for its limits (OTLP dropped_*_count).
struct SpanDrops {
    std::uint32_t attributes = 0;
    std::uint32_t events = 0;
    std::uint32_t links = 0;

    bool any() const { return attributes != 0 || events != 0 || links != 0; }
};

struct Event {
    std::int64_t timeNs = 0;
    StringId name;
    Range attributes;
    std::uint32_t droppedAttributes = 0;
};

enum class LinkKind : std::uint8_t { Link, ChildOf, FollowsFrom };

// A link to another span; Jaeger references beyond the parent become links too.
struct Link {
    TraceId traceId;
    std::uint64_t spanId = 0;
    StringId traceState;
    Range attributes;
    std::uint32_t flags = 0;
    std::uint32_t droppedAttributes = 0;
    LinkKind kind = LinkKind::Link;
};

// The entity that produced spans: a service name and its resource attributes.
struct Resource {
    ServiceId service;
    Range attributes;
    std::uint32_t droppedAttributes = 0;
};

// The instrumentation library that produced spans.
struct Scope {
    StringId name;
    StringId version;
    Range attributes;
};

// Where a span's record lies in its file, to show it as it was read (the span details' raw
// JSON): a byte range of the file's text (decompressed, for gzip and zstd files). For OTLP
// protobuf the range is the whole message the span came in, and `protoSpan` its place among
// that message's spans (resource by resource, scope by scope); for JSON it is noProtoSpan.
struct SpanSource {
    static constexpr std::uint32_t noProtoSpan = 0xffffffff;
    std::uint64_t offset = 0;
    std::uint32_t length = 0; // 0: unknown (a span made in code, or a record past 4 GiB)
    std::uint32_t protoSpan = noProtoSpan;

    bool known() const { return length > 0; }
};

// A free-text warning a trace file attached to one span (Jaeger's span "warnings").
struct SpanWarning {
    SpanIndex span;
    StringId text;
};

// A free-text warning attached to a whole trace (Jaeger's trace "warnings").
struct TraceWarning {
    TraceId traceId;
    StringId text;
};

} // namespace Spanwise
