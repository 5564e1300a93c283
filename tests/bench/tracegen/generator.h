#pragma once

#include "generatedtrace.h"

#include <cstdint>
#include <random>
#include <vector>

namespace Spanwise::TraceGen {

struct GeneratorOptions {
    std::uint64_t seed = 42;
    int traces = 10;
    // When set, traces are generated until they hold at least this many spans in all (and
    // `traces` is ignored).
    std::int64_t totalSpans = 0;
    // 0: each trace is one user request (10–80 spans). Otherwise each trace is a batch job whose
    // root fans out into requests until it holds about this many spans.
    int spansPerTrace = 0;
    std::int64_t startNs = 1'764'000'000'000'000'000; // 2025-11-24, fixed for reproducible files
};

// The options resources/demo/demo-trace.json is made with (`spanwise-tracegen --demo`).
inline GeneratorOptions demoTraceOptions()
{
    GeneratorOptions options;
    options.seed = 7;
    options.traces = 30;
    return options;
}

// Realistic traces of a small web shop: ~20 services, ~100 operations, ~8 tags per span,
// logs, errors that propagate to callers, messaging hops with links. The same seed gives the
// same traces on every machine (no std distributions, whose results vary by library).
class Generator
{
public:
    explicit Generator(const GeneratorOptions& options);

    std::vector<GeneratedTrace> generate();

private:
    struct Call;
    GeneratedTrace makeTrace(int index);
    // Adds the span for `operation` of `service` and its downstream calls; returns its end.
    std::int64_t expand(
        GeneratedTrace& trace, int routeIndex, std::uint64_t parentId, std::int64_t startNs, int depth, bool& failed);
    std::uint64_t next();
    std::uint64_t below(std::uint64_t n) { return next() % n; }
    bool chance(int percent) { return below(100) < static_cast<std::uint64_t>(percent); }

    GeneratorOptions m_options;
    std::mt19937_64 m_random;
    std::uint64_t m_nextSpanId = 1;
};

} // namespace Spanwise::TraceGen
