#pragma once

#include "paddedbuffer.h"

#include <cstdint>
#include <functional>
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
    bool segmented = false;           // handed over in segments (below): `bytes` is empty
    bool inFile = false;              // written to SegmentOptions::wholeToFile: `bytes` is empty
    std::uint64_t fileBytes = 0;      // how many, then
};

// A large file need not be held inflated whole: its text can be handed over a segment at a
// time, each cut just after a line's end, and freed once read.
struct InflatedSegment {
    PaddedView text;                          // whole lines (the last segment: what is left)
    std::uint64_t offset = 0;                 // where the text starts in the inflated file
    std::uint64_t compressedEnd = 0;          // compressed bytes used up to make it
    bool last = false;                        // nothing follows
    const std::optional<std::string>* damage; // the last segment: what stopped inflating, if anything
};
enum class SegmentAnswer {
    Next,  // read: hand over the next segment
    Whole, // (the first segment only) not to be read in segments: inflate the file whole
    Stop,  // cancelled: inflate no further
};
struct SegmentOptions {
    std::size_t bytes = 0; // a segment's size at least (a line longer makes it longer)
    std::function<SegmentAnswer(const InflatedSegment&)> read;
    // A file open for writing (inflationfile.h), or -1: text that goes whole is written there
    // instead of into memory. Should writing fail, it is read back and inflates into memory.
    int wholeToFile = -1;
};

// Inflates every gzip member or zstd frame in `bytes`, one after another (files made of
// concatenated members or per-message frames come out whole). On damage or at the cap, what
// was inflated before it is kept, so a cut .gz loads as far as a cut plain file does.
DecompressResult decompress(std::string_view bytes, Compression compression, const DecompressLimits& limits);
// The same, handing the text over in segments while it inflates. A file that fits in one
// segment, or whose first segment is answered Whole, comes back in `bytes` as above.
DecompressResult decompress(
    std::string_view bytes, Compression compression, const DecompressLimits& limits, const SegmentOptions& segments);
// What a file states it inflates to (0 if nothing): a hint that may be wrong, never trusted
// for more than room.
std::uint64_t inflatedSizeHint(std::string_view bytes, Compression compression);

} // namespace Spanwise
