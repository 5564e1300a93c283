#pragma once

#include "attributemap.h"
#include "traceset.h"

#include <memory>
#include <span>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace Spanwise {

// Collects what importers read, then indexes it into an immutable TraceSet.
// Importers gather a span's attributes (and nested values) in scratch vectors and hand them
// over whole, so every range is contiguous and no span allocates on its own.
class TraceSetBuilder
{
public:
    TraceSetBuilder();

    // The service a span without a service name belongs to.
    static constexpr std::string_view unknownService = "unknown_service";

    // Spans added from now on belong to this file.
    FileIndex addFile(std::string path);
    // Room for about this many more spans (and their attributes), taken before reading a file
    // of known size: growing the arrays while reading would copy them and, for a moment, hold
    // both copies beside the file's bytes. Room never written costs address space, not memory.
    void expectSpans(std::size_t count);
    // The same for a file of this many bytes: no trace format spends fewer than about 200
    // bytes on a span (OTLP protobuf ~250), so this is the most spans it can hold.
    void expectSpansInBytes(std::uint64_t bytes) { expectSpans(static_cast<std::size_t>(bytes / 200)); }
    StringId intern(std::string_view text) { return m_set->m_strings.intern(text); }
    std::string_view text(StringId id) const { return m_set->m_strings.view(id); }
    // The id of text if this builder has it, else an invalid id; never adds.
    StringId findText(std::string_view text) const { return m_set->m_strings.find(text); }
    ServiceId resourceService(ResourceIndex resource) const { return m_set->m_resources[resource.value].service; }
    // An empty name is the unknown service.
    ServiceId service(std::string_view name);
    ResourceIndex addResource(ServiceId service, Range attributes);
    void setResourceDropped(ResourceIndex resource, std::uint32_t droppedAttributes)
    {
        m_set->m_resources[resource.value].droppedAttributes = droppedAttributes;
    }
    const Attribute& attribute(std::uint32_t index) const { return m_set->m_attributes[index]; }
    // Spans stay editable until finish(): importers pair and merge records after reading.
    Span& span(SpanIndex index) { return m_set->m_spans[index.value]; }
    ScopeIndex addScope(StringId name, StringId version, Range attributes);

    Range addAttributes(std::span<const Attribute> attributes);
    Range addEvents(std::span<const Event> events);
    Range addLinks(std::span<const Link> links);
    // The span's file is set to the current file.
    SpanIndex addSpan(Span span);
    void addSpanWarning(SpanIndex span, std::string_view text);
    // What the exporter dropped from the span; set right after adding it (spans in order).
    void setSpanDrops(SpanIndex span, SpanDrops drops);
    // Where the span's record lies in its file (see SpanSource). A record of 4 GiB or more is
    // left unknown rather than cut.
    void setSpanSource(
        SpanIndex span, std::uint64_t offset, std::uint64_t length, std::uint32_t protoSpan = SpanSource::noProtoSpan);
    void addTraceWarning(TraceId trace, std::string_view text);
    // Moves every span source and log record this builder holds `by` bytes later in its file:
    // a segment of a file was read as a text of its own (importers/segmentedread.h).
    void shiftSourceOffsets(std::uint64_t by);
    // A log record of the current file; attached to its span and trace by finish().
    void addLog(LogRecord log);
    std::size_t logCount() const { return m_set->m_logs.size(); }

    std::size_t spanCount() const { return m_set->m_spans.size(); }

    // How another builder's ids read in this one after absorb().
    struct Absorbed {
        std::vector<StringId> strings;        // by the other's StringId value
        std::vector<ResourceIndex> resources; // by the other's ResourceIndex value
        std::uint32_t firstSpan = 0;          // the other's span 0
        AttributeMap attributes;              // the other's attribute ranges
    };
    // One resource of the other builder that is one of this builder's: an importer shares a
    // resource among equal records (equal inline processes), so a part read apart made its own.
    struct SameResource {
        ResourceIndex other;
        ResourceIndex here;
    };
    // Attributes the other builder read again that this builder holds already (a trace's
    // processes, read by each reader whose share holds some of its spans).
    struct SameAttributes {
        Range other;
        Range here;
    };
    // What a later reader of the same file holds that this builder has already.
    struct AlreadyHere {
        std::vector<SameResource> resources;
        std::vector<SameAttributes> attributes;
    };
    // Appends what another builder read from the rest of the same file (on another thread), so
    // the result is what this builder would hold had it read that part itself after its own:
    // the other's strings are interned in the order it met them, so every id comes out as one
    // reader would have given it. What is `alreadyHere` (resources with their attributes, flat
    // ones, and runs of attributes) is not added again. The other builder is left empty.
    Absorbed absorb(TraceSetBuilder&& other, const AlreadyHere& alreadyHere = {});

    // Builds the index; the builder is empty afterwards.
    std::shared_ptr<const TraceSet> finish();

private:
    template <typename T> static Range append(std::vector<T>& to, std::span<const T> items);

    std::unique_ptr<TraceSet> m_set;
    FileIndex m_currentFile;
    std::vector<ResourceIndex> m_bareResources;                   // by ServiceId: for spans that name no resource
    std::unordered_map<std::uint32_t, ServiceId> m_serviceByName; // by StringId value
};

} // namespace Spanwise
