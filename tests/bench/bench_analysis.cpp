// Prints the time of the analyses over every loaded span of a generated trace set: per-operation
// statistics (exact percentiles), self times, the dependency map and critical paths. Never asserts on time.
//   bench_analysis [SPANS]   (default 1000000)
#include "anomalies.h"
#include "benchsupport.h"
#include "clockskew.h"
#include "criticalpath.h"
#include "dependencygraph.h"
#include "operationstats.h"
#include "propagation.h"
#include "selftime.h"
#include "traceset.h"

#include <cstdio>
#include <cstdlib>

using namespace Spanwise;

int main(int argc, char** argv)
{
    const int spans = argc > 1 ? std::atoi(argv[1]) : 1'000'000;
    const std::string json = Bench::generatedJaeger(0, 0, 42, spans);
    LoadResult result;
    const double loadMs = Bench::millisecondsOf([&] { result = Bench::loadText(json, "generated.json"); });
    const TraceSet& set = *result.traces;
    std::printf("analysis benchmark: %zu spans in %zu traces (%.1f MB of Jaeger JSON), loaded in %.0f ms\n",
        set.spans().size(), set.traces().size(), json.size() / 1e6, loadMs);

    StatsResult stats;
    const double byOperation = Bench::millisecondsOf([&] { stats = computeOperationStats(set, {}); });
    std::printf(
        "%-40s %8.1f ms   (%zu groups)\n", "statistics by service and operation", byOperation, stats.rows.size());
    const double byService = Bench::millisecondsOf([&] {
        stats = computeOperationStats(set, {StatsGrouping::By::Service, {}});
    });
    std::printf("%-40s %8.1f ms   (%zu groups)\n", "statistics by service", byService, stats.rows.size());
    const double byAttribute = Bench::millisecondsOf([&] {
        stats = computeOperationStats(set, {StatsGrouping::By::Attribute, "http.route"});
    });
    std::printf("%-40s %8.1f ms   (%zu groups)\n", "statistics by http.route", byAttribute, stats.rows.size());
    std::vector<std::int64_t> self;
    const double selfMs = Bench::millisecondsOf([&] { self = selfTimes(set); });
    std::printf("%-40s %8.1f ms\n", "self time of every span", selfMs);
    DependencyGraph graph;
    const double mapMs = Bench::millisecondsOf([&] { graph = computeDependencyGraph(set); });
    std::printf("%-40s %8.1f ms   (%zu nodes, %zu edges)\n", "dependency map with virtual peers", mapMs,
        graph.nodes.size(), graph.edges.size());
    std::size_t segments = 0;
    const double criticalMs = Bench::millisecondsOf([&] {
        for (std::uint32_t t = 0; t < set.traces().size(); ++t)
            segments += criticalPath(set, TraceIndex {t}).size();
    });
    std::printf("%-40s %8.1f ms   (%zu segments)\n", "critical path of every trace", criticalMs, segments);
    std::vector<Anomaly> anomalies;
    const double anomaliesMs = Bench::millisecondsOf([&] { anomalies = findAnomalies(set); });
    std::printf("%-40s %8.1f ms   (%zu found)\n", "anomalies (done with every load)", anomaliesMs, anomalies.size());
    ClockSkewEstimate skew;
    const double skewMs = Bench::millisecondsOf([&] { skew = estimateClockSkew(set); });
    std::printf("%-40s %8.1f ms   (%zu hosts)\n", "clock skew estimate", skewMs, skew.hosts.size());
    PropagationFindings propagation;
    const double propagationMs = Bench::millisecondsOf([&] { propagation = findPropagationProblems(set); });
    std::printf(
        "%-40s %8.1f ms   (%zu orphans)\n", "propagation findings", propagationMs, propagation.orphanSpans.size());
    std::printf("%-40s %8.1f MB\n", "peak RSS", Bench::peakRssBytes() / 1e6);
    // Figures of a wrong load are no figures: fail the smoke run instead.
    const bool failed = result.anyFailed() || set.spans().empty() || stats.spans != set.spans().size() || segments == 0;
    if (failed)
        std::fprintf(stderr, "bench_analysis: the load or an analysis gave no result\n");
    return failed ? 1 : 0;
}
