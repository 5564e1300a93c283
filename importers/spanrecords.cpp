#include "spanrecords.h"

#include "decompress.h"
#include "hexid.h"
#include "otlpjsonwriter.h"
#include "otlpprotospanreader.h"
#include "traceset.h"

#include "opentelemetry/proto/trace/v1/trace.pb.h"

#include <algorithm>
#include <fstream>
#include <map>

namespace Spanwise {
namespace {

namespace trace = opentelemetry::proto::trace::v1;

const std::string changed = "the file changed since it was loaded: reload it to see this span's record";

// The k-th span of a ResourceSpans, scope by scope, as the importer counted them.
const trace::Span* nthSpan(const trace::ResourceSpans& message, std::uint32_t k)
{
    for (const auto& scope : message.scope_spans()) {
        if (k < static_cast<std::uint32_t>(scope.spans_size()))
            return &scope.spans(static_cast<int>(k));
        k -= static_cast<std::uint32_t>(scope.spans_size());
    }
    for (const auto& library : message.instrumentation_library_spans()) {
        if (k < static_cast<std::uint32_t>(library.spans_size()))
            return &library.spans(static_cast<int>(k));
        k -= static_cast<std::uint32_t>(library.spans_size());
    }
    return nullptr;
}

SpanRecord recordFrom(std::string_view bytes, const SpanSource& source, const Span& span)
{
    if (source.protoSpan == SpanSource::noProtoSpan) {
        // The importer's ranges start and end at the record's braces; anything else means the
        // bytes at that place are no longer the record.
        if (bytes.size() < 2 || bytes.front() != '{' || bytes.back() != '}')
            return {{}, false, changed};
        return {indentJson(bytes), false, {}};
    }
    trace::ResourceSpans message;
    if (!message.ParseFromArray(bytes.data(), static_cast<int>(bytes.size())))
        return {{}, false, changed};
    const trace::Span* found = nthSpan(message, source.protoSpan);
    if (!found || spanIdOf(found->span_id()) != span.spanId)
        return {{}, false, changed};
    return {indentJson(otlpJsonOfSpan(*found)), true, {}};
}

} // namespace

std::vector<SpanRecord> readSpanRecords(const TraceSet& set, std::span<const SpanIndex> spans)
{
    std::vector<SpanRecord> records(spans.size());
    // The spans asked for, file by file.
    std::map<std::uint32_t, std::vector<std::size_t>> byFile;
    for (std::size_t i = 0; i < spans.size(); ++i) {
        const SpanSource source = set.spanSource(spans[i]);
        const FileIndex file = set.fileOf(spans[i]);
        if (!source.known() || !file.isValid() || file.value >= set.files().size())
            records[i].error = "where this span's record is in its file is not known";
        else
            byFile[file.value].push_back(i);
    }
    for (const auto& [file, asked] : byFile) {
        const std::string& path = set.files()[file];
        std::ifstream stream(path, std::ios::binary);
        if (!stream) {
            for (const std::size_t i : asked)
                records[i].error = "cannot open " + path + " to read the record again";
            continue;
        }
        char head[4] = {};
        stream.read(head, sizeof head);
        const Compression compression =
            detectCompression(std::string_view(head, static_cast<std::size_t>(stream.gcount())));
        if (compression == Compression::None) {
            // Each record read where it lies: nothing else of the file is held.
            for (const std::size_t i : asked) {
                const SpanSource source = set.spanSource(spans[i]);
                std::string bytes(source.length, '\0');
                stream.clear();
                stream.seekg(static_cast<std::streamoff>(source.offset));
                stream.read(bytes.data(), static_cast<std::streamsize>(bytes.size()));
                records[i] = stream.gcount() == static_cast<std::streamsize>(bytes.size())
                    ? recordFrom(bytes, source, set.span(spans[i]))
                    : SpanRecord {{}, false, changed};
            }
            continue;
        }
        // Compressed: inflated once, as far as the last record asked for, a segment at a time;
        // each record is taken from the segment holding it, so the text is never held whole.
        std::uint64_t needed = 0;
        for (const std::size_t i : asked) {
            const SpanSource source = set.spanSource(spans[i]);
            needed = std::max(needed, source.offset + source.length);
        }
        stream.seekg(0, std::ios::end);
        std::string compressed(static_cast<std::size_t>(stream.tellg()), '\0');
        stream.seekg(0);
        stream.read(compressed.data(), static_cast<std::streamsize>(compressed.size()));
        std::vector<bool> found(spans.size(), false);
        const auto take = [&](std::string_view text, std::uint64_t offset) {
            for (const std::size_t i : asked) {
                const SpanSource source = set.spanSource(spans[i]);
                if (!found[i] && source.offset >= offset && source.offset + source.length <= offset + text.size()) {
                    records[i] =
                        recordFrom(text.substr(source.offset - offset, source.length), source, set.span(spans[i]));
                    found[i] = true;
                }
            }
        };
        constexpr std::size_t segmentBytes = 1u << 20;
        const SegmentOptions segments {segmentBytes, [&](const InflatedSegment& segment) {
                                           take(segment.text.view(), segment.offset);
                                           return segment.offset + segment.text.size() >= needed ? SegmentAnswer::Stop
                                                                                                 : SegmentAnswer::Next;
                                       }};
        const DecompressResult inflated = decompress(compressed, compression, DecompressLimits {needed}, segments);
        take(inflated.bytes.view(), 0); // the text came whole (it fit in one segment)
        // A record across two segments (a multi-line record at a cut): inflated whole up to it.
        if (std::ranges::any_of(asked, [&](std::size_t i) { return !found[i]; })) {
            const DecompressResult whole = decompress(compressed, compression, DecompressLimits {needed});
            take(whole.bytes.view(), 0);
        }
        for (const std::size_t i : asked)
            if (!found[i])
                records[i] = SpanRecord {{}, false, changed};
    }
    return records;
}

} // namespace Spanwise
