#pragma once

#include <QByteArray>

namespace Spanwise::Test {

// `bytes` as one zstd frame (its size stated in the header), or empty if zstd fails.
QByteArray zstdFrame(const QByteArray& bytes);
// `bytes` as one gzip member, or empty if zlib fails.
QByteArray gzipMember(const QByteArray& bytes);

} // namespace Spanwise::Test
