#include "decompress.h"

#include <zlib.h>
#include <zstd.h>

#include <array>

namespace Spanwise {
namespace {

constexpr std::size_t chunkSize = 256 * 1024;

std::expected<std::string, std::string> gunzip(std::string_view bytes)
{
    std::string out;
    std::array<char, chunkSize> chunk;
    std::size_t consumed = 0;
    while (consumed < bytes.size()) {
        z_stream stream {};
        // 15 + 16: a gzip wrapper, with the largest window.
        if (inflateInit2(&stream, 15 + 16) != Z_OK)
            return std::unexpected(std::string("cannot start gzip decompression"));
        stream.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(bytes.data() + consumed));
        stream.avail_in = static_cast<uInt>(bytes.size() - consumed);
        int status = Z_OK;
        while (status == Z_OK) {
            stream.next_out = reinterpret_cast<Bytef*>(chunk.data());
            stream.avail_out = static_cast<uInt>(chunk.size());
            status = inflate(&stream, Z_NO_FLUSH);
            out.append(chunk.data(), chunk.size() - stream.avail_out);
            if (status == Z_BUF_ERROR && stream.avail_in == 0)
                break;
        }
        const std::size_t memberEnd = consumed + stream.total_in;
        inflateEnd(&stream);
        if (status != Z_STREAM_END) {
            return std::unexpected("gzip data is " + std::string(status == Z_BUF_ERROR ? "truncated" : "corrupt") +
                " in the member starting at compressed byte " + std::to_string(consumed));
        }
        consumed = memberEnd;
        // Trailing zero padding after the last member is common; anything else starts a member.
        while (consumed < bytes.size() && bytes[consumed] == '\0')
            ++consumed;
    }
    return out;
}

std::expected<std::string, std::string> unzstd(std::string_view bytes)
{
    std::string out;
    std::array<char, chunkSize> chunk;
    ZSTD_DCtx* context = ZSTD_createDCtx();
    ZSTD_inBuffer input {bytes.data(), bytes.size(), 0};
    std::size_t status = 0;
    while (input.pos < input.size) {
        ZSTD_outBuffer output {chunk.data(), chunk.size(), 0};
        const std::size_t frameStart = input.pos;
        status = ZSTD_decompressStream(context, &output, &input);
        out.append(chunk.data(), output.pos);
        if (ZSTD_isError(status)) {
            ZSTD_freeDCtx(context);
            return std::unexpected("zstd data is corrupt near compressed byte " + std::to_string(frameStart) + ": " +
                ZSTD_getErrorName(status));
        }
    }
    // Drain what the decoder still holds.
    while (status != 0) {
        ZSTD_outBuffer output {chunk.data(), chunk.size(), 0};
        status = ZSTD_decompressStream(context, &output, &input);
        out.append(chunk.data(), output.pos);
        if (ZSTD_isError(status) || output.pos == 0)
            break;
    }
    ZSTD_freeDCtx(context);
    if (status != 0)
        return std::unexpected(std::string("zstd data is truncated: the last frame does not end"));
    return out;
}

} // namespace

Compression detectCompression(std::string_view bytes)
{
    if (bytes.size() >= 2 && static_cast<unsigned char>(bytes[0]) == 0x1f &&
        static_cast<unsigned char>(bytes[1]) == 0x8b)
        return Compression::Gzip;
    if (bytes.size() >= 4 && bytes.substr(0, 4) == std::string_view("\x28\xb5\x2f\xfd", 4))
        return Compression::Zstd;
    return Compression::None;
}

std::expected<std::string, std::string> decompress(std::string_view bytes, Compression compression)
{
    switch (compression) {
    case Compression::Gzip:
        return gunzip(bytes);
    case Compression::Zstd:
        return unzstd(bytes);
    case Compression::None:
        break;
    }
    return std::string(bytes);
}

} // namespace Spanwise
