#pragma once

#include <expected>
#include <string>
#include <string_view>

namespace Spanwise {

enum class Compression { None, Gzip, Zstd };

// Recognised by magic bytes: gzip 1f 8b, zstd 28 b5 2f fd.
Compression detectCompression(std::string_view bytes);

// Inflates every gzip member or zstd frame in `bytes`, one after another (files made of
// concatenated members or per-message frames come out whole). The error says what broke and
// at which compressed byte.
std::expected<std::string, std::string> decompress(std::string_view bytes, Compression compression);

} // namespace Spanwise
