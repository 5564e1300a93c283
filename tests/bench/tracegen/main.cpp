// spanwise-tracegen: writes realistic generated traces for the demo and the benchmarks.
//   spanwise-tracegen [--demo] [--seed N] [--traces N] [--spans-per-trace N] [--format jaeger] -o FILE
// --demo: the options of the bundled demo trace (resources/demo/demo-trace.json).
#include "generator.h"
#include "jaegerwriter.h"

#include <cstdlib>
#include <fstream>
#include <iostream>
#include <string>

namespace {

int usage()
{
    std::cerr << "usage: spanwise-tracegen [--demo] [--seed N] [--traces N] [--spans-per-trace N] [--format jaeger] -o "
                 "FILE\n";
    return 2;
}

} // namespace

int main(int argc, char** argv)
{
    Spanwise::TraceGen::GeneratorOptions options;
    std::string output;
    std::string format = "jaeger";
    for (int i = 1; i < argc; ++i) {
        const std::string arg = argv[i];
        if (arg == "--demo") {
            options = Spanwise::TraceGen::demoTraceOptions();
            continue;
        }
        if (i + 1 >= argc)
            return usage();
        const std::string value = argv[++i];
        if (arg == "--seed")
            options.seed = std::stoull(value);
        else if (arg == "--traces")
            options.traces = std::stoi(value);
        else if (arg == "--total-spans")
            options.totalSpans = std::stoll(value);
        else if (arg == "--spans-per-trace")
            options.spansPerTrace = std::stoi(value);
        else if (arg == "--format")
            format = value;
        else if (arg == "-o")
            output = value;
        else
            return usage();
    }
    if (output.empty() || format != "jaeger")
        return usage();
    std::ofstream out(output, std::ios::binary);
    if (!out) {
        std::cerr << "spanwise-tracegen: cannot write " << output << '\n';
        return 1;
    }
    Spanwise::TraceGen::Generator generator(options);
    Spanwise::TraceGen::writeJaegerJson(generator.generate(), out);
    return out ? 0 : 1;
}
