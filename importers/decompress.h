#pragma once

#include "paddedbuffer.h"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace Spanwise {

enum class Compression { None, Gzip, Zstd };

// Recognised by magic bytes: gzip 1f 8b, zstd 28 b5 2f fd.
Compression detectCompression(std::string_view bytes);

struct DecompressLimits {
    // The most a file may inflate to; 0 means defaultMaxOutputBytes(). A small file can
    // inflate to gigabytes (a "zip bomb"): past the cap the rest is skipped, not allocated.
    std::uint64_t maxOutputBytes = 0;
};

// The default cap: SPANWISE_MAX_DECOMPRESSED when set (as parseByteSize reads it), else a
// quarter of the machine's physical memory (at least 1 GiB), since the model built from the
// text needs about as much again.
std::uint64_t defaultMaxOutputBytes();

// "1048576", "512K", "64M", "2G" (binary units) as bytes; nullopt for anything else or 0.
std::optional<std::uint64_t> parseByteSize(std::string_view text);

struct DecompressResult {
    PaddedBuffer bytes;               // everything inflated before any damage or the cap
    std::optional<std::string> error; // what broke, and at which compressed byte
    bool capped = false;              // stopped at the cap
};

// Inflates every gzip member or zstd frame in `bytes`, one after another (files made of
// concatenated members or per-message frames come out whole). On damage or at the cap, what
// was inflated before it is kept, so a cut .gz loads as far as a cut plain file does.
DecompressResult decompress(std::string_view bytes, Compression compression, const DecompressLimits& limits);

} // namespace Spanwise
