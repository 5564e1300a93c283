// Prints the Graphviz layout time of generated dependency maps of 50, 200 and 500 services
// (or the sizes given), each service calling a few others in layers as real systems do.
//   bench_graphlayout [SERVICES...]
#include "benchsupport.h"
#include "dependencygraph.h"
#include "graphlayout.h"

#include <QGuiApplication>

#include <cstdio>
#include <cstdlib>
#include <random>

using namespace Spanwise;

namespace {

DependencyGraph generatedMap(int services, std::uint64_t seed)
{
    std::mt19937_64 random(seed);
    DependencyGraph graph;
    for (int i = 0; i < services; ++i)
        graph.nodes.push_back({"service-" + std::to_string(i), i % 10 == 9, ServiceId {static_cast<std::uint32_t>(i)},
            100 + random() % 10000, 10 + random() % 1000, random() % 50,
            static_cast<std::int64_t>(random() % 500'000'000)});
    // Layered: each service calls 1–4 services of later layers.
    for (int i = 0; i < services; ++i) {
        const int calls = 1 + static_cast<int>(random() % 4);
        for (int c = 0; c < calls && i + 1 < services; ++c) {
            const int to = i + 1 + static_cast<int>(random() % std::min<std::uint64_t>(services - i - 1, 40));
            DependencyEdge edge;
            edge.from = static_cast<std::uint32_t>(i);
            edge.to = static_cast<std::uint32_t>(to);
            edge.calls = 1 + random() % 5000;
            edge.errors = random() % 50;
            edge.shareOfCalls = 1.0 / services;
            graph.edges.push_back(edge);
        }
    }
    return graph;
}

} // namespace

int main(int argc, char** argv)
{
    // Node sizes come from font metrics: a GUI application, off screen.
    qputenv("QT_QPA_PLATFORM", "offscreen");
    QGuiApplication app(argc, argv);
    std::vector<int> sizes;
    for (int i = 1; i < argc; ++i)
        sizes.push_back(std::atoi(argv[i]));
    if (sizes.empty())
        sizes = {50, 200, 500};
    std::printf("Graphviz dot layout of generated dependency maps\n");
    bool failed = false;
    for (const int services : sizes) {
        const DependencyGraph graph = generatedMap(services, 7);
        GraphLayout layout;
        const double ms = Bench::millisecondsOf([&] { layout = layoutGraph(graph); });
        std::printf("%5d services, %5zu edges: %9.1f ms%s\n", services, graph.edges.size(), ms,
            layout.error.isEmpty() ? "" : "  (layout failed)");
        failed = failed || !layout.error.isEmpty() || layout.nodes.size() != graph.nodes.size();
    }
    return failed ? 1 : 0;
}
