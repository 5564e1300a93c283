// Prints import figures per format on the same generated spans: MB/s and spans/s, next to a
// plain single-threaded simdjson DOM parse of the same bytes (the practical limit for JSON) as a
// ratio, the model's bytes per span (held, and the process's resident growth), and peak RSS.
// Every time is the best of five runs, the reference and the import taking turns. Never asserts on time.
//   bench_import [SPANS] [FORMAT...]   (default 100000, every format)
#include "benchsupport.h"
#include "formatwriters.h"
#include "generator.h"
#include "jaegerwriter.h"
#include "traceset.h"

#include <simdjson.h>

#include <malloc.h>

#include <cstdio>
#include <cstdlib>
#include <sstream>

using namespace Spanwise;

namespace {

std::string write(const std::vector<TraceGen::GeneratedTrace>& traces, const std::string& format)
{
    std::ostringstream out;
    if (format == "jaeger")
        TraceGen::writeJaegerJson(traces, out);
    else if (format == "zipkin")
        TraceGen::writeZipkinJson(traces, out);
    else if (format == "otlp-json" || format == "otlp-jsonl")
        TraceGen::writeOtlpJson(traces, out, format == "otlp-jsonl");
    else
        TraceGen::writeOtlpProtobuf(traces, out, format == "otlp-proto-framed");
    return out.str();
}

// Each figure is the best of this many runs (the machine is shared).
constexpr int runs = 5;

// One single-threaded simdjson DOM parse of the same bytes (every document, for JSON Lines):
// the bar to measure against.
double simdjsonParseMilliseconds(const simdjson::padded_string& padded, const std::string& format)
{
    return Bench::millisecondsOf([&] {
        // A fresh parser each run: the import allocates its memory each time too.
        simdjson::dom::parser parser;
        // The bar is a single-threaded parse: parse_many would find lines on a second
        // thread.
        parser.threaded = false;
        if (format == "otlp-jsonl") {
            simdjson::dom::document_stream stream;
            if (!parser.parse_many(padded, padded.size()).get(stream))
                for (auto document : stream)
                    if (document.error())
                        std::fprintf(stderr, "simdjson rejected a %s line\n", format.c_str());
        } else {
            simdjson::dom::element root;
            if (parser.parse(padded).get(root))
                std::fprintf(stderr, "simdjson rejected the %s text\n", format.c_str());
        }
    });
}

} // namespace

int main(int argc, char** argv)
{
    const std::int64_t spans = argc > 1 ? std::atoll(argv[1]) : 100000;
    std::vector<std::string> formats(argv + std::min(argc, 2), argv + argc);
    if (formats.empty())
        formats = {"jaeger", "zipkin", "otlp-json", "otlp-jsonl", "otlp-proto", "otlp-proto-framed"};
    TraceGen::GeneratorOptions options;
    options.totalSpans = spans;
    const auto traces = TraceGen::Generator(options).generate();
    std::printf("import benchmark: %lld spans requested, ordinary requests (~19 spans per trace)\n",
        static_cast<long long>(spans));
    std::printf("%-18s %9s %9s %10s %12s %11s %8s %10s\n", "format", "MB", "ms", "MB/s", "spans/s", "simdjson", "ratio",
        "bytes/span");
    // A benchmark that loads wrongly is no figure: it exits non-zero, so its CTest smoke run fails.
    bool failed = false;
    for (const std::string& format : formats) {
        double residentGrowth = 0;
        const std::string bytes = write(traces, format);
        // Both padded once, untimed: each side reads bytes already in memory. (A file is mapped,
        // never copied: bench_userchair times that whole way.)
        const bool json = !format.starts_with("otlp-proto");
        const simdjson::padded_string padded = json ? simdjson::padded_string(bytes) : simdjson::padded_string();
        const NamedBuffer buffer {"generated." + format, PaddedBuffer(bytes)};
        LoadResult result;
        double ms = 0, baseline = 0;
        for (int run = 0; run < runs; ++run) {
            // The reference and the import take turns, so a slow moment of the shared machine
            // falls on both rather than on one side of the ratio.
            if (json) {
                const double parseMs = simdjsonParseMilliseconds(padded, format);
                baseline = run == 0 ? parseMs : std::min(baseline, parseMs);
            }
            // The previous run's model goes first and freed memory goes back to the system, so
            // the growth is this run's model; neither is timed.
            result = {};
            malloc_trim(0);
            const std::uint64_t residentBefore = Bench::residentBytes();
            const double runMs =
                Bench::millisecondsOf([&] { result = loadTraceBuffers(std::span<const NamedBuffer>(&buffer, 1)); });
            ms = run == 0 ? runMs : std::min(ms, runMs);
            malloc_trim(0);
            residentGrowth = static_cast<double>(Bench::residentBytes()) - static_cast<double>(residentBefore);
        }
        const double mb = static_cast<double>(bytes.size()) / 1e6;
        const auto count = static_cast<double>(result.traces->spans().size());
        const double modelPerSpan = static_cast<double>(result.traces->approximateBytes()) / std::max(1.0, count);
        char ratio[16] = "-";
        char simd[24] = "-";
        if (baseline > 0) {
            std::snprintf(simd, sizeof simd, "%.0f MB/s", mb / (baseline / 1000));
            std::snprintf(ratio, sizeof ratio, "%.0f%%", 100 * baseline / ms);
        }
        std::printf("%-18s %9.1f %9.1f %10.1f %12.0f %11s %8s %10.0f%s\n", format.c_str(), mb, ms, mb / (ms / 1000),
            count / (ms / 1000), simd, ratio, modelPerSpan, result.anyFailed() ? "  (FAILED)" : "");
        std::printf("%-18s file bytes per span: %.0f; resident growth per span after the load: %.0f\n", "",
            static_cast<double>(bytes.size()) / std::max(1.0, count), residentGrowth / std::max(1.0, count));
        if (result.anyFailed() || result.traces->spans().empty()) {
            std::fprintf(stderr, "bench_import: %s failed to load\n", format.c_str());
            failed = true;
        }
    }
    std::printf("peak RSS of this process: %.1f MB (generated traces and every format's text included)\n",
        Bench::peakRssBytes() / 1e6);
    return failed ? 1 : 0;
}
