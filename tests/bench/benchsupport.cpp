#include "benchsupport.h"

#include "generator.h"
#include "jaegerwriter.h"

#include <algorithm>
#include <fstream>
#include <sstream>

namespace Spanwise::Bench {

Figures summarise(std::vector<double> samples)
{
    if (samples.empty())
        return {};
    std::sort(samples.begin(), samples.end());
    return {samples[samples.size() / 2], samples.back()};
}

std::string generatedJaeger(int traces, int spansPerTrace, std::uint64_t seed, std::int64_t totalSpans)
{
    TraceGen::GeneratorOptions options;
    options.seed = seed;
    options.traces = traces;
    options.spansPerTrace = spansPerTrace;
    options.totalSpans = totalSpans;
    std::ostringstream out;
    TraceGen::writeJaegerJson(TraceGen::Generator(options).generate(), out);
    return out.str();
}

LoadResult loadText(const std::string& text, const std::string& name)
{
    const NamedBuffer buffer {name, PaddedBuffer(text)}; // one copy, as reading a file makes
    return loadTraceBuffers(std::span<const NamedBuffer>(&buffer, 1));
}

namespace {

std::uint64_t statusKilobytes(const char* field)
{
    std::ifstream status("/proc/self/status");
    std::string line;
    while (std::getline(status, line))
        if (line.rfind(field, 0) == 0)
            return std::stoull(line.substr(std::string_view(field).size()));
    return 0;
}

} // namespace

std::uint64_t peakRssBytes()
{
    return statusKilobytes("VmHWM:") * 1024;
}

std::uint64_t residentBytes()
{
    return statusKilobytes("VmRSS:") * 1024;
}

} // namespace Spanwise::Bench
