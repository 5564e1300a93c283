#include "otlpprotoimporter.h"

#include "decompress.h"
#include "importcontext.h"
#include "otlpprotospanreader.h"
#include "protowire.h"
#include "tracesetbuilder.h"

#include "opentelemetry/proto/resource/v1/resource.pb.h"
#include "opentelemetry/proto/trace/v1/trace.pb.h"

#include <google/protobuf/stubs/logging.h>

#include <algorithm>
#include <cassert>
#include <optional>

namespace Spanwise {
namespace {

constexpr std::uint32_t resourceSpansField = 1;

std::uint32_t bigEndian32(std::string_view bytes, std::size_t at)
{
    std::uint32_t value = 0;
    for (std::size_t i = at; i < at + 4; ++i)
        value = (value << 8) | static_cast<unsigned char>(bytes[i]);
    return value;
}

bool startsWithZstd(std::string_view bytes)
{
    return detectCompression(bytes) == Compression::Zstd;
}

class ProtoReader
{
public:
    explicit ProtoReader(ImportContext& context)
        : m_context(context)
        , m_spans(context)
    { }

    void run()
    {
        const std::string_view bytes = m_context.bytes();
        m_context.setTextual(false);
        if (isLengthPrefixed(bytes))
            readFrames(bytes);
        else
            readTracesData(bytes, 0, "TracesData");
        if (m_context.report().spans == 0 && m_context.report().logRecords > 0)
            m_context.report().format = "otlp-logs-proto"; // a LogsData: a file of logs
    }

    static bool isLengthPrefixed(std::string_view bytes)
    {
        // A TracesData starts with tag 0x0a; a big-endian length below 16 MiB starts with 0x00,
        // which is no valid protobuf tag. Writers may emit empty frames (length 0) first: the
        // first frame with content decides.
        std::size_t pos = 0;
        while (bytes.size() - pos >= 4 && bigEndian32(bytes, pos) == 0)
            pos += 4;
        if (bytes.size() - pos < 5 || bytes[pos] != '\0')
            return false;
        return bytes[pos + 4] == '\x0a' || startsWithZstd(bytes.substr(pos + 4));
    }

private:
    void readFrames(std::string_view bytes)
    {
        std::size_t pos = 0;
        for (std::size_t frame = 0; pos < bytes.size() && !m_context.cancelled(); ++frame) {
            const std::string where = "frame " + std::to_string(frame);
            if (bytes.size() - pos < 4) {
                m_context.warn(pos, where,
                    "the file ends inside a frame's 4-byte length; the last " + std::to_string(bytes.size() - pos) +
                        " bytes are skipped");
                return;
            }
            const std::uint32_t length = bigEndian32(bytes, pos);
            if (length > bytes.size() - pos - 4) {
                m_context.warn(pos, where,
                    "the frame's length (" + std::to_string(length) + " bytes) runs past the end of the file (" +
                        std::to_string(bytes.size() - pos - 4) +
                        " bytes left); what the rest holds whole is read as this frame");
                // A cut file, or a wrong length: the bytes that are there still hold whole records.
                if (!startsWithZstd(bytes.substr(pos + 4)))
                    readTracesData(bytes.substr(pos + 4), pos + 4, where);
                return;
            }
            const std::string_view payload = bytes.substr(pos + 4, length);
            if (startsWithZstd(payload)) {
                if (!readCompressedFrame(payload, pos, where))
                    return;
            } else {
                readTracesData(payload, pos + 4, where);
            }
            pos += 4 + length;
            m_context.progress(pos);
        }
    }

    // Inflates one zstd frame and reads what it holds. Every frame of the file draws on one
    // budget, so many small frames cannot inflate past the cap either; false once it is spent.
    bool readCompressedFrame(std::string_view payload, std::size_t pos, const std::string& where)
    {
        assert(m_context.maxDecompressedBytes() > 0 && "the loader sets the resolved cap");
        if (!m_inflateBudget)
            m_inflateBudget = m_context.maxDecompressedBytes();
        // A zero budget would mean "the default" to decompress(): one byte makes it stop at once.
        const DecompressResult inflated =
            decompress(payload, Compression::Zstd, DecompressLimits {std::max<std::uint64_t>(*m_inflateBudget, 1)});
        *m_inflateBudget -= std::min<std::uint64_t>(*m_inflateBudget, inflated.bytes.size());
        if (inflated.error)
            m_context.warn(pos, where, *inflated.error + (inflated.bytes.empty() ? "; frame skipped" : ""));
        if (!inflated.bytes.empty())
            readTracesData(inflated.bytes.view(), pos + 4, where, /*inflated=*/true);
        return !inflated.capped;
    }

    // Walks TracesData's top-level fields by hand so that each ResourceSpans decodes alone.
    // Offsets are absolute in the file; inside an inflated frame they point at the frame.
    void readTracesData(std::string_view message, std::size_t base, const std::string& where, bool inflated = false)
    {
        WireCursor cursor {message};
        std::size_t index = 0;
        while (!cursor.atEnd() && !m_context.cancelled()) {
            const std::size_t fieldStart = cursor.pos;
            const std::size_t at = inflated ? base : base + fieldStart;
            const auto tag = cursor.varint();
            const auto type = tag ? static_cast<WireType>(*tag & 7) : Varint;
            if (!tag || (*tag >> 3) == 0) {
                m_context.warn(at, where, "not a protobuf field tag here; the rest of this message is skipped");
                return;
            }
            if ((*tag >> 3) != resourceSpansField || type != LengthDelimited) {
                if (!cursor.skip(type)) {
                    m_context.warn(at, where, "a field runs past the end of the message; the rest is skipped");
                    return;
                }
                continue;
            }
            const auto length = cursor.varint();
            if (!length || *length > message.size() - cursor.pos) {
                const std::string path = where + ".resourceSpans[" + std::to_string(index) + "]";
                // Keep what the cut left whole: the resource and every complete span before it.
                const std::size_t salvaged = length ? salvage(message.substr(cursor.pos), at, path).spans : 0;
                m_context.warn(at, path,
                    "the message is cut short: this ResourceSpans needs " +
                        (length ? std::to_string(*length) : std::string("?")) + " bytes, " +
                        std::to_string(message.size() - cursor.pos) + " remain; " + std::to_string(salvaged) +
                        " complete span(s) before the cut loaded, the rest skipped");
                return;
            }
            const std::string_view body = message.substr(cursor.pos, *length);
            if (holdsLogs(body)) {
                cursor.pos += *length;
                readResourceLogs(body, at, where + ".resourceLogs[" + std::to_string(index++) + "]");
                continue;
            }
            // Inside an inflated frame offsets are the frame's: the span cannot be found again.
            const ProtoMessageBytes bytes =
                inflated ? ProtoMessageBytes {} : ProtoMessageBytes {base + cursor.pos, *length};
            cursor.pos += *length;
            const std::string path = where + ".resourceSpans[" + std::to_string(index++) + "]";
            m_message.Clear();
            if (!m_message.ParseFromArray(body.data(), static_cast<int>(body.size()))) {
                // One bad span (invalid UTF-8, nesting past protobuf's limit, a broken field) must
                // not cost its neighbours: decode the message span by span instead.
                const Salvaged salvaged = salvage(body, at, path);
                m_context.warn(at, path,
                    "corrupt ResourceSpans message (" + std::to_string(body.size()) + " bytes); " +
                        std::to_string(salvaged.spans) + " span(s) decoded one by one, " +
                        std::to_string(salvaged.skipped) + " corrupt span(s) skipped");
                continue;
            }
            m_context.report().spans += m_spans.read(m_message, at, path, bytes);
            if (!inflated)
                m_context.progress(base + cursor.pos);
        }
    }

    // Calls take(field, wire type, body) for each field of a message while it is whole (body
    // empty for fields that are not length-delimited); false when the message breaks.
    template <typename Take> static bool forEachField(std::string_view bytes, const Take& take)
    {
        WireCursor cursor {bytes};
        while (!cursor.atEnd()) {
            const auto tag = cursor.varint();
            if (!tag)
                return false;
            const auto type = static_cast<WireType>(*tag & 7);
            if (type != LengthDelimited) {
                const std::size_t start = cursor.pos;
                if (!cursor.skip(type))
                    return false;
                take(static_cast<std::uint32_t>(*tag >> 3), type, bytes.substr(start, cursor.pos - start));
                continue;
            }
            const auto length = cursor.varint();
            if (!length || *length > bytes.size() - cursor.pos)
                return false;
            take(static_cast<std::uint32_t>(*tag >> 3), type, bytes.substr(cursor.pos, *length));
            cursor.pos += *length;
        }
        return true;
    }

    // A LogsData and a TracesData share their outer shape: field 1 of each entry's scope
    // messages (field 2) tells them apart by its records' first field. A Span starts with its
    // trace_id (field 1, bytes), a LogRecord with its time (field 1 or 11, fixed64), severity
    // (field 2, a number) or flags (field 8, fixed32).
    static bool holdsLogs(std::string_view resourceMessage)
    {
        bool logs = false, decided = false;
        forEachField(resourceMessage, [&](std::uint32_t field, WireType type, std::string_view scope) {
            if (decided || field != 2 || type != LengthDelimited)
                return;
            forEachField(scope, [&](std::uint32_t inner, WireType innerType, std::string_view record) {
                if (decided || inner != 2 || innerType != LengthDelimited)
                    return;
                forEachField(record, [&](std::uint32_t f, WireType t, std::string_view) {
                    if (decided)
                        return;
                    if ((f == 1 && t == LengthDelimited) || ((f == 7 || f == 8) && t == Fixed64) ||
                        (f == 6 && t == Varint)) {
                        decided = true; // a span's trace id, times or kind
                    } else if (((f == 1 || f == 11) && t == Fixed64) || (f == 2 && t == Varint) ||
                        (f == 8 && t == Fixed32)) {
                        decided = logs = true;
                    }
                });
            });
        });
        return logs;
    }

    // A ResourceLogs: its resource's service.name and every LogRecord of its ScopeLogs.
    void readResourceLogs(std::string_view message, std::size_t at, const std::string& path)
    {
        StringId service {0};
        std::size_t skipped = 0;
        const bool whole = forEachField(message, [&](std::uint32_t field, WireType type, std::string_view body) {
            if (field == 1 && type == LengthDelimited) {
                opentelemetry::proto::resource::v1::Resource resource;
                if (resource.ParseFromArray(body.data(), static_cast<int>(body.size())))
                    for (const auto& attribute : resource.attributes())
                        if (attribute.key() == "service.name" && attribute.value().has_string_value())
                            service = m_context.builder().intern(attribute.value().string_value());
            } else if (field == 2 && type == LengthDelimited) {
                forEachField(body, [&](std::uint32_t inner, WireType innerType, std::string_view record) {
                    if (inner != 2 || innerType != LengthDelimited)
                        return;
                    if (m_spans.readLogRecord(record, service, at))
                        ++m_context.report().logRecords;
                    else
                        ++skipped;
                });
            }
        });
        if (!whole || skipped > 0)
            m_context.warn(at, path,
                (whole ? std::string() : "the message is cut short; ") + std::to_string(skipped) +
                    " corrupt log record(s) skipped");
    }

    struct Salvaged {
        std::size_t spans = 0;   // loaded
        std::size_t skipped = 0; // whole but corrupt
    };

    // Rebuilds a ResourceSpans field by field from a cut or corrupt one: its resource, whole
    // ScopeSpans, and each span that decodes on its own.
    Salvaged salvage(std::string_view cut, std::size_t at, const std::string& path)
    {
        Salvaged result;
        namespace trace = opentelemetry::proto::trace::v1;
        trace::ResourceSpans partial;
        // Walks length-delimited fields while they are whole; calls take(field, body, whole).
        const auto walk = [](std::string_view bytes, const auto& take) {
            WireCursor cursor {bytes};
            while (!cursor.atEnd()) {
                const auto tag = cursor.varint();
                if (!tag)
                    return;
                if ((*tag & 7) != LengthDelimited) {
                    if (!cursor.skip(static_cast<WireType>(*tag & 7)))
                        return;
                    continue;
                }
                const auto length = cursor.varint();
                if (!length)
                    return;
                const bool whole = *length <= bytes.size() - cursor.pos;
                const std::string_view body = bytes.substr(cursor.pos, whole ? *length : bytes.size() - cursor.pos);
                take(static_cast<std::uint32_t>(*tag >> 3), body, whole);
                if (!whole)
                    return;
                cursor.pos += *length;
            }
        };
        walk(cut, [&](std::uint32_t field, std::string_view body, bool whole) {
            if (field == 1 && whole) {
                (void)partial.mutable_resource()->ParseFromArray(body.data(), static_cast<int>(body.size()));
            } else if (field == 2) {
                trace::ScopeSpans* scope = partial.add_scope_spans();
                if (whole && scope->ParseFromArray(body.data(), static_cast<int>(body.size())))
                    return;
                scope->Clear();
                walk(body, [&](std::uint32_t inner, std::string_view innerBody, bool innerWhole) {
                    if (!innerWhole)
                        return;
                    if (inner == 1) {
                        (void)scope->mutable_scope()->ParseFromArray(
                            innerBody.data(), static_cast<int>(innerBody.size()));
                    } else if (inner == 2 &&
                        !scope->add_spans()->ParseFromArray(innerBody.data(), static_cast<int>(innerBody.size()))) {
                        scope->mutable_spans()->RemoveLast();
                        ++result.skipped;
                    }
                });
            }
        });
        result.spans = m_spans.read(partial, at, path);
        m_context.report().spans += result.spans;
        return result;
    }

    ImportContext& m_context;
    OtlpProtoSpanReader m_spans;
    opentelemetry::proto::trace::v1::ResourceSpans m_message;
    std::optional<std::uint64_t> m_inflateBudget; // bytes the file's zstd frames may still inflate to
};

} // namespace

int OtlpProtoImporter::sniff(std::string_view head) const
{
    if (ProtoReader::isLengthPrefixed(head))
        return 60;
    // TracesData: field 1 (resource_spans) holding a ResourceSpans that starts with its
    // resource (field 1) or scope_spans (field 2). JSON never starts "\n" + length + that.
    WireCursor cursor {head};
    if (head.size() < 3 || head[0] != '\x0a')
        return 0;
    cursor.pos = 1;
    const auto length = cursor.varint();
    if (!length || cursor.atEnd())
        return 0;
    const char inner = head[cursor.pos];
    return (inner == '\x0a' || inner == '\x12') ? 40 : 0;
}

void OtlpProtoImporter::read(ImportContext& context) const
{
    // libprotobuf logs parse failures to stderr; each one is reported with its place instead.
    static const bool quiet = [] {
        google::protobuf::SetLogHandler([](google::protobuf::LogLevel, const char*, int, const std::string&) {});
        return true;
    }();
    (void)quiet;
    ProtoReader(context).run();
}

} // namespace Spanwise
