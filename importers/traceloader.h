#pragma once

#include "importreport.h"
#include "paddedbuffer.h"

#include <atomic>
#include <cstdint>
#include <functional>
#include <memory>
#include <span>
#include <string>
#include <vector>

namespace Spanwise {

class TraceSet;

// A file's content given directly (the bundled demo, tests), with the name reports use; padded
// as simdjson needs, so loading it makes no copy.
struct NamedBuffer {
    std::string name;
    PaddedBuffer bytes;
};

struct LoadOptions {
    const std::atomic<bool>* cancel = nullptr;
    // Called with the fraction done (0..1), at most about every half percent.
    std::function<void(double)> progress;
    // The most one compressed file may inflate to; 0 = the default (decompress.h).
    std::uint64_t maxDecompressedBytes = 0;
    // How many threads may read one file (its parts at once, joined as one reader would have
    // read them); 0: one per core, up to 4. 1 reads every file on the calling thread alone.
    unsigned readers = 0;
    // The fewest bytes worth a reader of their own: below, a thread costs more than it saves.
    std::size_t minShareBytes = 4u << 20;
    // A compressed file of JSON Lines is read a segment of this many inflated bytes at a time,
    // freed once read, so its whole text is never held (importers/segmentedread.h).
    std::size_t inflateSegmentBytes = 64u << 20;
    // Any other compressed file is inflated whole into a temporary file in this folder ("":
    // $TMPDIR, else /var/tmp) and mapped, when it lies on a disk with room (inflationfile.h);
    // else, or when false, into memory.
    bool inflateIntoFile = true;
    std::string inflationDirectory;
    // A format name (Importer::formatName) to read every file as; empty: detect from content.
    std::string format;
};

struct LoadResult {
    std::shared_ptr<const TraceSet> traces; // every span read from every file, merged
    std::vector<ImportReport> reports;      // one per file, in the order given
    bool cancelled = false;

    bool anyFailed() const;
};

// Reads each file (gzip/zstd undone, format detected from content) into one trace set.
// Spans of one trace spread over several files join into one trace.
LoadResult loadTraceFiles(std::span<const std::string> paths, const LoadOptions& options = {});
LoadResult loadTraceBuffers(std::span<const NamedBuffer> buffers, const LoadOptions& options = {});

} // namespace Spanwise
