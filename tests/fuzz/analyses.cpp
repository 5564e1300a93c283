#include "analyses.h"

#include "criticalpath.h"
#include "dependencygraph.h"
#include "operationstats.h"
#include "selftime.h"
#include "servicenames.h"
#include "timeaxis.h"
#include "traceset.h"
#include "waterfallrows.h"

#include <algorithm>

namespace Spanwise::Fuzz {

void runAnalyses(const TraceSet& set)
{
    (void)selfTimes(set);
    for (const StatsGrouping::By by : {StatsGrouping::By::ServiceOperation, StatsGrouping::By::Service})
        (void)computeOperationStats(set, StatsGrouping {by, {}});
    (void)computeOperationStats(set, StatsGrouping {StatsGrouping::By::Attribute, "http.method"});
    DependencyOptions options;
    (void)computeDependencyGraph(set, options);
    options.foldMeshProxies = true;
    (void)computeDependencyGraph(set, options);
    // A few traces are enough: the fuzzer varies their content, not their number.
    const auto traces = set.traces();
    for (std::uint32_t t = 0; t < std::min<std::size_t>(traces.size(), 8); ++t) {
        (void)criticalPath(set, TraceIndex {t});
        WaterfallRows rows(set, traces[t]);
        rows.collapseOneLevel();
        rows.expandAll();
        for (const double width : {1.0, 400.0, 4000.0}) {
            const TimeAxis axis {traces[t].startNs, traces[t].endNs, 0, width};
            (void)axis.ticks(60, traces[t].startNs);
            (void)axis.x(traces[t].endNs);
            (void)axis.timeAt(width / 2);
        }
    }
}

} // namespace Spanwise::Fuzz
