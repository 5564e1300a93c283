#pragma once

#include "traceloader.h"

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <string>
#include <vector>

namespace Spanwise::Bench {

// Wall-clock milliseconds of one call.
template <typename F> double millisecondsOf(F&& work)
{
    const auto start = std::chrono::steady_clock::now();
    work();
    return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
}

// Median and worst of a series of timings.
struct Figures {
    double median = 0;
    double worst = 0;
};
Figures summarise(std::vector<double> samples);

// A generated trace set as Jaeger JSON text, from the project's generator: `traces` traces of
// about `spansPerTrace` spans (0: ordinary requests), or with totalSpans > 0 ordinary requests
// until they hold that many spans.
std::string generatedJaeger(int traces, int spansPerTrace, std::uint64_t seed = 42, std::int64_t totalSpans = 0);
LoadResult loadText(const std::string& text, const std::string& name);

// Peak resident memory of this process so far, in bytes (Linux VmHWM).
std::uint64_t peakRssBytes();
// Resident memory of this process now, in bytes (Linux VmRSS).
std::uint64_t residentBytes();

} // namespace Spanwise::Bench
