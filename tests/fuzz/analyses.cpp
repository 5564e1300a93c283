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

namespace {

// What every view reads of every span: its texts, service, resource and nested values.
std::size_t readEveryText(const TraceSet& set)
{
    std::size_t bytes = 0;
    const auto attributes = [&](Range range) {
        for (const Attribute& a : set.attributes(range)) {
            bytes += set.text(a.key()).size();
            if (a.type() == AttributeType::String || a.type() == AttributeType::Bytes)
                bytes += set.text(a.text).size();
        }
    };
    for (const Span& span : set.spans()) {
        bytes +=
            set.text(span.operation).size() + set.text(span.statusMessage).size() + set.text(span.traceState).size();
        bytes += set.serviceName(span.service).size();
        attributes(set.resource(span.resource).attributes);
        if (span.scope.isValid())
            bytes += set.text(set.scope(span.scope).name).size();
        attributes(span.attributes);
        for (const Event& event : set.events(span.events)) {
            bytes += set.text(event.name).size();
            attributes(event.attributes);
        }
        for (const Link& link : set.links(span.links))
            attributes(link.attributes);
    }
    return bytes;
}

} // namespace

void runAnalyses(const TraceSet& set)
{
    (void)readEveryText(set);
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
