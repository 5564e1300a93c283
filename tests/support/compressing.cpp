#include "compressing.h"

#include <zlib.h>
#include <zstd.h>

namespace Spanwise::Test {

QByteArray zstdFrame(const QByteArray& bytes)
{
    QByteArray packed(qsizetype(ZSTD_compressBound(std::size_t(bytes.size()))), Qt::Uninitialized);
    const std::size_t size =
        ZSTD_compress(packed.data(), std::size_t(packed.size()), bytes.constData(), std::size_t(bytes.size()), 3);
    if (ZSTD_isError(size))
        return {};
    packed.resize(qsizetype(size));
    return packed;
}

QByteArray gzipMember(const QByteArray& bytes)
{
    z_stream stream {};
    // 15 + 16: a gzip wrapper, with the largest window.
    if (deflateInit2(&stream, 6, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY) != Z_OK)
        return {};
    QByteArray packed(qsizetype(deflateBound(&stream, uLong(bytes.size()))), Qt::Uninitialized);
    stream.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(bytes.constData()));
    stream.avail_in = uInt(bytes.size());
    stream.next_out = reinterpret_cast<Bytef*>(packed.data());
    stream.avail_out = uInt(packed.size());
    const int status = deflate(&stream, Z_FINISH);
    packed.resize(qsizetype(stream.total_out));
    deflateEnd(&stream);
    return status == Z_STREAM_END ? packed : QByteArray();
}

} // namespace Spanwise::Test
