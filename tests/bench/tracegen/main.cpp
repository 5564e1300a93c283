// spanwise-tracegen: writes realistic generated traces for the demo and the benchmarks.
//   spanwise-tracegen [--demo] [--seed N] [--traces N] [--spans-per-trace N] [--format
//   jaeger|zipkin|otlp-json|otlp-jsonl|otlp-proto|otlp-proto-framed] -o FILE
// --demo: the options of the bundled demo trace (resources/demo/demo-trace.json).
#include "formatwriters.h"
#include "generator.h"
#include "jaegerwriter.h"

#include <algorithm>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <string>
#include <vector>

namespace {

int usage()
{
    std::cerr << "usage: spanwise-tracegen [--demo] [--seed N] [--traces N] [--spans-per-trace N] [--format "
                 "jaeger|zipkin|otlp-json|otlp-jsonl|otlp-proto|otlp-proto-framed] -o "
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
    static const std::vector<std::string> formats = {
        "jaeger", "zipkin", "otlp-json", "otlp-jsonl", "otlp-proto", "otlp-proto-framed"};
    if (output.empty() || std::find(formats.begin(), formats.end(), format) == formats.end())
        return usage();
    std::ofstream out(output, std::ios::binary);
    if (!out) {
        std::cerr << "spanwise-tracegen: cannot write " << output << '\n';
        return 1;
    }
    Spanwise::TraceGen::Generator generator(options);
    const auto traces = generator.generate();
    using namespace Spanwise::TraceGen;
    if (format == "jaeger")
        writeJaegerJson(traces, out);
    else if (format == "zipkin")
        writeZipkinJson(traces, out);
    else if (format == "otlp-json" || format == "otlp-jsonl")
        writeOtlpJson(traces, out, format == "otlp-jsonl");
    else
        writeOtlpProtobuf(traces, out, format == "otlp-proto-framed");
    return out ? 0 : 1;
}
