// Prints what the trace list costs for a large load: showing the list (the model on the GUI
// thread, the order on a worker), drawing the scatter plot, and filtering it (the query runs on a worker; its result
// is applied on the GUI thread). Never asserts on time.
//   bench_tracelist [TRACES]   (default 100000)
#include "backgroundwork.h"
#include "benchsupport.h"
#include "spanquery.h"
#include "tracelistmodel.h"
#include "traceorder.h"
#include "tracescatterplot.h"
#include "traceset.h"

#include <QApplication>
#include <QPixmap>

#include <cstdio>
#include <cstdlib>

using namespace Spanwise;

int main(int argc, char** argv)
{
    QApplication app(argc, argv);
    const int traces = argc > 1 ? std::atoi(argv[1]) : 100'000;
    const std::string json = Bench::generatedJaeger(traces, 0);
    const LoadResult result = Bench::loadText(json, "generated.json");
    const auto& set = result.traces;
    std::printf("trace list benchmark: %zu traces, %zu spans (%.1f MB of Jaeger JSON)\n", set->traces().size(),
        set->spans().size(), json.size() / 1e6);

    TraceListModel model;
    const double modelMs = Bench::millisecondsOf([&] { model.setTraceSet(set); });
    std::printf("%-44s %8.1f ms\n", "list model (GUI thread)", modelMs);

    // The panel orders the rows on a worker and hands the model the result.
    const WorkTicket ticket;
    std::vector<TraceIndex> order;
    const double sortStartMs = Bench::millisecondsOf(
        [&] { order = orderTraces(*set, {}, TraceListModel::Start, Qt::AscendingOrder, ticket); });
    const double sortServiceMs = Bench::millisecondsOf(
        [&] { order = orderTraces(*set, {}, TraceListModel::RootService, Qt::AscendingOrder, ticket); });
    const double takeOrderMs = Bench::millisecondsOf([&] { model.setOrder(order); });
    std::printf("%-44s %8.1f ms\n", "order by start (worker)", sortStartMs);
    std::printf("%-44s %8.1f ms\n", "order by root service (worker)", sortServiceMs);
    std::printf("%-44s %8.1f ms\n", "list model takes an order (GUI thread)", takeOrderMs);

    std::vector<TraceIndex> all(set->traces().size());
    for (std::uint32_t t = 0; t < all.size(); ++t)
        all[t] = TraceIndex {t};
    TraceScatterPlot plot;
    plot.resize(420, 180);
    const double dataMs = Bench::millisecondsOf([&] { plot.setTraces(set, all); });
    std::vector<double> frames;
    for (int i = 0; i < 5; ++i)
        frames.push_back(Bench::millisecondsOf([&] { (void)plot.grab(); }));
    const Bench::Figures frame = Bench::summarise(frames);
    std::printf("%-44s %8.1f ms\n", "scatter plot: take every trace (GUI thread)", dataMs);
    std::printf(
        "%-44s %8.1f ms median, %.1f worst\n", "scatter plot: one frame (GUI thread)", frame.median, frame.worst);

    const auto query = SpanQuery::compile(*set, *parseQuery("error=true duration>100ms"));
    std::vector<bool> passing;
    const double filterMs = Bench::millisecondsOf([&] { passing = tracesMatching(*set, *query); });
    std::printf("%-44s %8.1f ms\n", "filter error=true duration>100ms (worker)", filterMs);

    const bool failed = result.anyFailed() || plot.pointCount() == 0 || passing.size() != set->traces().size();
    if (failed)
        std::fprintf(stderr, "bench_tracelist: the load or the plot gave nothing\n");
    return failed ? 1 : 0;
}
