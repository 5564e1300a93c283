// libFuzzer target: a file as Spanwise opens it (gzip/zstd inflated, format detected from
// content, or forced to one importer by SPANWISE_FUZZ_FORMAT at build time), then every
// analysis the app runs after loading. Each input is also read in two or three shares on as
// many threads (importers/parallelread.h), which must give what one reader gives.
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
    options.readers = 1;
    const Spanwise::LoadResult result =
        Spanwise::loadTraceBuffers(std::span<const Spanwise::NamedBuffer>(&buffer, 1), options);
    Spanwise::Fuzz::runAnalyses(*result.traces);

    options.readers = 2 + size % 2;
    options.minShareBytes = 1; // even a small input is cut
    const Spanwise::LoadResult shared =
        Spanwise::loadTraceBuffers(std::span<const Spanwise::NamedBuffer>(&buffer, 1), options);
    const Spanwise::ImportReport &one = result.reports.front(), &many = shared.reports.front();
    if (one.spans != many.spans || one.warningCount != many.warningCount || one.errorCount != many.errorCount ||
        result.traces->approximateBytes() != shared.traces->approximateBytes() ||
        result.traces->strings().size() != shared.traces->strings().size())
        __builtin_trap(); // tst_parallelread says field by field what differs
    return 0;
}
