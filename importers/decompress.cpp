#include "decompress.h"

#include <cerrno>
#include <unistd.h>
#include <zlib.h>
#include <zstd.h>

#include <algorithm>
#include <cassert>
#include <charconv>
#include <cstdlib>
#include <limits>

namespace Spanwise {
namespace {

constexpr std::size_t chunkSize = 256 * 1024;
// Room past the size a file states: a decompressor learns that its data has ended on a call
// after the last byte, which must find room (if none, the buffer would grow for nothing).
constexpr std::size_t endRoom = 64 * 1024;

// Output goes straight into the padded buffer, one chunk at a time, up to the cap. With
// segments, once the buffer holds a segment's worth, its whole lines are handed over and the
// rest starts the next segment.
class Sink
{
public:
    // wholeHint: the room to take should the file be inflated whole after all.
    // wholeFile: where the text goes should it go whole (-1: memory).
    Sink(DecompressResult& result, std::uint64_t cap, const SegmentOptions* segments, std::uint64_t wholeHint,
        int wholeFile)
        : m_result(result)
        , m_cap(cap)
        , m_segments(segments)
        , m_wholeHint(wholeHint)
        , m_wholeFile(wholeFile)
        , m_toFile(!segments && wholeFile >= 0)
    { }

    // Room for the next chunk, or nullptr once the cap is reached or reading stopped. The room
    // already taken is filled before the buffer grows: with a right size hint
    // (inflatedSizeHint) it never moves.
    char* next(std::size_t& room)
    {
        if (m_stopped)
            return nullptr;
        PaddedBuffer& bytes = m_result.bytes;
        if (m_segments && bytes.size() >= m_segments->bytes && !handOver())
            return nullptr;
        const std::uint64_t done = m_offset + m_written + bytes.size();
        const std::uint64_t left = m_cap - std::min(m_cap, done);
        room = static_cast<std::size_t>(std::min<std::uint64_t>(chunkSize, left));
        if (const std::size_t spare = bytes.capacity() - bytes.size(); spare > 0)
            room = std::min(room, spare);
        return room == 0 ? nullptr : bytes.grow(room);
    }
    void wrote(std::size_t count, std::uint64_t compressedAt)
    {
        m_result.bytes.commit(count);
        m_compressedAt = compressedAt;
        if (m_toFile)
            writeOut();
    }
    bool stopped() const { return m_stopped; }
    // After the last byte: the rest goes as the last segment, if the text went in segments.
    void finish()
    {
        if (m_toFile) {
            writeOut();
            m_result.inFile = m_toFile;
            m_result.fileBytes = m_written;
            return;
        }
        if (!m_result.segmented || m_stopped)
            return;
        m_segments->read({PaddedView(m_result.bytes), m_offset, m_compressedAt, true, &m_result.error});
        m_result.bytes = PaddedBuffer();
    }

private:
    // No segments after all: the rest inflates into the file, or else into this buffer, in
    // the room the file states.
    void goWhole()
    {
        m_segments = nullptr;
        m_toFile = m_wholeFile >= 0;
        if (m_toFile) {
            writeOut();
            // The segment's room is given back: from here a chunk's is enough.
            m_result.bytes = PaddedBuffer();
            m_result.bytes.reserve(chunkSize + endRoom);
        } else
            m_result.bytes.reserve(static_cast<std::size_t>(m_wholeHint + endRoom));
    }

    // The buffer's bytes go to the file, and it stages the next chunk; if the file takes them
    // not, what it holds comes back and the rest inflates into memory.
    void writeOut()
    {
        PaddedBuffer& bytes = m_result.bytes;
        for (std::string_view left = bytes.view(); !left.empty();) {
            const ssize_t count = ::write(m_wholeFile, left.data(), left.size());
            if (count < 0 && errno == EINTR)
                continue;
            if (count <= 0)
                return backToMemory(left);
            left.remove_prefix(static_cast<std::size_t>(count));
            m_written += static_cast<std::uint64_t>(count);
        }
        bytes.truncate(0);
    }

    // unwritten: the staged bytes the file did not take.
    void backToMemory(std::string_view unwritten)
    {
        m_toFile = false;
        PaddedBuffer whole;
        whole.reserve(static_cast<std::size_t>(std::max(m_wholeHint, m_written + unwritten.size()) + endRoom));
        for (std::uint64_t at = 0; at < m_written;) {
            const std::size_t want = static_cast<std::size_t>(std::min<std::uint64_t>(chunkSize, m_written - at));
            const ssize_t count = ::pread(m_wholeFile, whole.grow(want), want, static_cast<off_t>(at));
            if (count < 0 && errno == EINTR)
                continue;
            if (count <= 0) {
                // Nothing to go on with: what stayed in memory is all there is.
                m_result.error = "cannot read back the text inflated into a temporary file";
                m_stopped = true;
                whole.truncate(0);
                break;
            }
            whole.commit(static_cast<std::size_t>(count));
            at += static_cast<std::uint64_t>(count);
        }
        if (!m_stopped)
            whole.append(unwritten);
        m_result.bytes = std::move(whole);
        m_written = 0;
    }

    // Hands the whole lines over; false when the reader stopped.
    bool handOver()
    {
        PaddedBuffer& bytes = m_result.bytes;
        // Only what came since the last look: a line longer than a segment is not searched again.
        const std::size_t lineEnd = bytes.view().substr(m_searchedTo).rfind('\n');
        if (lineEnd == std::string_view::npos) {
            // No line ends in a whole first segment: no JSON Lines, so the file goes whole, in
            // the room it states (growing into it would copy it).
            if (!m_result.segmented) {
                goWhole();
                return true;
            }
            m_searchedTo = bytes.size();
            return true; // one line so far: the segment grows until it ends
        }
        const std::size_t cut = m_searchedTo + lineEnd + 1;
        PaddedBuffer rest;
        rest.reserve(m_segments->bytes + chunkSize);
        rest.append(bytes.view().substr(cut));
        bytes.truncate(cut);
        switch (m_segments->read({PaddedView(bytes), m_offset, m_compressedAt, false, nullptr})) {
        case SegmentAnswer::Whole:
            assert(!m_result.segmented && "only the first segment can be turned down");
            goWhole();
            bytes.append(rest.view());
            return true;
        case SegmentAnswer::Stop:
            m_stopped = true;
            return false;
        case SegmentAnswer::Next:
            break;
        }
        m_result.segmented = true;
        m_offset += cut;
        bytes = std::move(rest);
        m_searchedTo = 0;
        return true;
    }

    DecompressResult& m_result;
    std::uint64_t m_cap;
    const SegmentOptions* m_segments; // nullptr: inflate whole
    std::uint64_t m_wholeHint;
    int m_wholeFile;
    bool m_toFile;               // the buffer stages the text for m_wholeFile
    std::uint64_t m_written = 0; // bytes in m_wholeFile
    std::uint64_t m_offset = 0;  // where the buffer starts in the inflated text
    std::uint64_t m_compressedAt = 0;
    std::size_t m_searchedTo = 0; // the buffer holds no line end before this
    bool m_stopped = false;
};

std::string capMessage(std::uint64_t cap, std::size_t compressedAt)
{
    return "the data inflates to more than the limit of " + std::to_string(cap) +
        " bytes (set it with --max-decompressed or SPANWISE_MAX_DECOMPRESSED); inflation stopped at compressed byte " +
        std::to_string(compressedAt) + ", the rest of the file is skipped";
}

void gunzip(std::string_view bytes, Sink& sink, DecompressResult& result, std::uint64_t cap)
{
    std::size_t consumed = 0;
    while (consumed < bytes.size()) {
        z_stream stream {};
        // 15 + 16: a gzip wrapper, with the largest window.
        if (inflateInit2(&stream, 15 + 16) != Z_OK) {
            result.error = "cannot start gzip decompression";
            return;
        }
        stream.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(bytes.data() + consumed));
        stream.avail_in = static_cast<uInt>(std::min<std::size_t>(bytes.size() - consumed, UINT32_MAX));
        int status = Z_OK;
        while (status == Z_OK) {
            std::size_t room = 0;
            char* out = sink.next(room);
            if (!out) {
                if (!sink.stopped()) {
                    result.capped = true;
                    result.error = capMessage(cap, consumed + stream.total_in);
                }
                inflateEnd(&stream);
                return;
            }
            stream.next_out = reinterpret_cast<Bytef*>(out);
            stream.avail_out = static_cast<uInt>(room);
            status = inflate(&stream, Z_NO_FLUSH);
            sink.wrote(room - stream.avail_out, consumed + stream.total_in);
            if (status == Z_BUF_ERROR && stream.avail_in == 0)
                break;
        }
        const std::size_t memberEnd = consumed + stream.total_in;
        inflateEnd(&stream);
        if (status != Z_STREAM_END) {
            result.error = "gzip data is " + std::string(status == Z_BUF_ERROR ? "truncated" : "corrupt") +
                " in the member starting at compressed byte " + std::to_string(consumed) +
                "; what inflated before it is kept";
            return;
        }
        consumed = memberEnd;
        // Trailing zero padding after the last member is common; anything else starts a member.
        while (consumed < bytes.size() && bytes[consumed] == '\0')
            ++consumed;
    }
}

void unzstd(std::string_view bytes, Sink& sink, DecompressResult& result, std::uint64_t cap)
{
    ZSTD_DCtx* context = ZSTD_createDCtx();
    ZSTD_inBuffer input {bytes.data(), bytes.size(), 0};
    std::size_t status = 0;
    // Until the input is used up, then until the decoder holds nothing more.
    for (bool draining = false;;) {
        if (!draining && input.pos >= input.size)
            draining = true;
        if (draining && status == 0)
            break;
        std::size_t room = 0;
        char* out = sink.next(room);
        if (!out) {
            if (!sink.stopped()) {
                result.capped = true;
                result.error = capMessage(cap, input.pos);
            }
            break;
        }
        ZSTD_outBuffer output {out, room, 0};
        const std::size_t frameStart = input.pos;
        status = ZSTD_decompressStream(context, &output, &input);
        sink.wrote(output.pos, input.pos);
        if (ZSTD_isError(status)) {
            result.error = "zstd data is corrupt near compressed byte " + std::to_string(frameStart) + ": " +
                ZSTD_getErrorName(status) + "; what inflated before it is kept";
            break;
        }
        if (draining && output.pos == 0) {
            result.error =
                std::string("zstd data is truncated: the last frame does not end; what inflated before it is kept");
            break;
        }
    }
    ZSTD_freeDCtx(context);
}

} // namespace

// What the data says it inflates to, 0 if it does not say. Taking that room at once spares
// growing the buffer while inflating, which copies it and holds both copies for a moment (a
// 295 MB JSON Lines file in gzip peaked at 488 MB before its model was built). Only a hint: a
// gzip trailer gives the last member's size modulo 4 GiB, and a zstd frame may leave its size
// out. A wrong or lying hint costs a wrong reservation (at most the cap), never wrong bytes.
std::uint64_t inflatedSizeHint(std::string_view bytes, Compression compression)
{
    // A gzip member: a 10-byte header, the data, then CRC-32 and ISIZE (little-endian, 4 bytes each).
    constexpr std::size_t smallestGzipMember = 10 + 8, isizeBytes = 4;
    if (compression == Compression::Gzip && bytes.size() >= smallestGzipMember) {
        const auto* size = reinterpret_cast<const unsigned char*>(bytes.data() + bytes.size() - isizeBytes);
        return std::uint64_t(size[0]) | std::uint64_t(size[1]) << 8 | std::uint64_t(size[2]) << 16 |
            std::uint64_t(size[3]) << 24;
    }
    std::uint64_t total = 0; // zstd: the frames' stated sizes, up to the first that states none
    for (std::string_view rest = bytes; compression == Compression::Zstd && !rest.empty();) {
        const unsigned long long size = ZSTD_getFrameContentSize(rest.data(), rest.size());
        const std::size_t frame = ZSTD_findFrameCompressedSize(rest.data(), rest.size());
        if (size == ZSTD_CONTENTSIZE_UNKNOWN || size == ZSTD_CONTENTSIZE_ERROR || ZSTD_isError(frame))
            break;
        total += size;
        rest.remove_prefix(frame);
    }
    return total;
}

Compression detectCompression(std::string_view bytes)
{
    if (bytes.size() >= 2 && static_cast<unsigned char>(bytes[0]) == 0x1f &&
        static_cast<unsigned char>(bytes[1]) == 0x8b)
        return Compression::Gzip;
    if (bytes.size() >= 4 && bytes.substr(0, 4) == std::string_view("\x28\xb5\x2f\xfd", 4))
        return Compression::Zstd;
    return Compression::None;
}

std::optional<std::uint64_t> parseByteSize(std::string_view text)
{
    std::uint64_t value = 0;
    const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (error != std::errc() || value == 0)
        return std::nullopt;
    const std::string_view unit = text.substr(static_cast<std::size_t>(end - text.data()));
    int shift = 0;
    if (unit == "K" || unit == "k")
        shift = 10;
    else if (unit == "M" || unit == "m")
        shift = 20;
    else if (unit == "G" || unit == "g")
        shift = 30;
    else if (!unit.empty())
        return std::nullopt;
    if (value > (std::numeric_limits<std::uint64_t>::max() >> shift))
        return std::nullopt;
    return value << shift;
}

std::uint64_t defaultMaxOutputBytes()
{
    if (const char* setting = std::getenv("SPANWISE_MAX_DECOMPRESSED"))
        if (const auto bytes = parseByteSize(setting))
            return *bytes;
    constexpr std::uint64_t atLeast = 1ULL << 30;
    const long pages = sysconf(_SC_PHYS_PAGES);
    const long pageSize = sysconf(_SC_PAGE_SIZE);
    if (pages <= 0 || pageSize <= 0)
        return atLeast;
    return std::max(atLeast, static_cast<std::uint64_t>(pages) * static_cast<std::uint64_t>(pageSize) / 4);
}

DecompressResult decompress(std::string_view bytes, Compression compression, const DecompressLimits& limits)
{
    return decompress(bytes, compression, limits, SegmentOptions {});
}

DecompressResult decompress(
    std::string_view bytes, Compression compression, const DecompressLimits& limits, const SegmentOptions& segments)
{
    DecompressResult result;
    const std::uint64_t cap = limits.maxOutputBytes ? limits.maxOutputBytes : defaultMaxOutputBytes();
    const bool inSegments = segments.bytes > 0 && segments.read;
    const std::uint64_t hint = std::min(inflatedSizeHint(bytes, compression), cap);
    Sink sink(result, cap, inSegments ? &segments : nullptr, hint, segments.wholeToFile);
    // In segments, room for one (a file turned down after it grows from there); into a file,
    // room for a chunk.
    if (inSegments)
        result.bytes.reserve(static_cast<std::size_t>(std::min<std::uint64_t>(hint, segments.bytes) + chunkSize));
    else if (segments.wholeToFile >= 0)
        result.bytes.reserve(chunkSize + endRoom);
    else if (hint > 0)
        result.bytes.reserve(static_cast<std::size_t>(hint + endRoom));
    switch (compression) {
    case Compression::Gzip:
        gunzip(bytes, sink, result, cap);
        break;
    case Compression::Zstd:
        unzstd(bytes, sink, result, cap);
        break;
    case Compression::None:
        result.bytes.append(bytes);
        break;
    }
    sink.finish();
    return result;
}

} // namespace Spanwise
