// libFuzzer target: a file as Spanwise opens it (gzip/zstd inflated, format detected from
// content, or forced to one importer by SPANWISE_FUZZ_FORMAT at build time), then every
// analysis the app runs after loading.
#include "analyses.h"
#include "traceloader.h"
#include "traceset.h"

#include <cstddef>
#include <cstdint>
#include <span>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    const Spanwise::NamedBuffer buffer {
        "fuzz", Spanwise::PaddedBuffer(std::string_view(reinterpret_cast<const char*>(data), size))};
    Spanwise::LoadOptions options;
    // Small enough that a bomb among the inputs stays far below -rss_limit_mb.
    options.maxDecompressedBytes = 64 << 20;
#ifdef SPANWISE_FUZZ_FORMAT
    options.format = SPANWISE_FUZZ_FORMAT;
#endif
    const Spanwise::LoadResult result =
        Spanwise::loadTraceBuffers(std::span<const Spanwise::NamedBuffer>(&buffer, 1), options);
    Spanwise::Fuzz::runAnalyses(*result.traces);
    return 0;
}
