#include "traceorder.h"

#include "backgroundwork.h"
#include "sortbykey.h"
#include "traceset.h"

#include <string_view>

namespace Spanwise {

std::vector<TraceIndex> orderTraces(const TraceSet& set, const std::vector<bool>& passing,
    TraceListModel::Column column, Qt::SortOrder order, const WorkTicket& ticket)
{
    const auto infos = set.traces();
    Q_ASSERT(passing.empty() || passing.size() == infos.size());
    std::vector<TraceIndex> traces;
    traces.reserve(infos.size());
    for (std::uint32_t t = 0; t < infos.size(); ++t)
        if (passing.empty() || passing[t])
            traces.push_back(TraceIndex {t});
    if (ticket.isCancelled())
        return traces;
    const auto info = [&](TraceIndex t) -> const TraceInfo& { return infos[t.value]; };
    const auto root = [&](TraceIndex t) -> const Span& { return set.span(info(t).root); };
    switch (column) {
    case TraceListModel::RootService:
        sortByKey(traces, order, [&](TraceIndex t) { return set.serviceName(root(t).service); });
        break;
    case TraceListModel::RootOperation:
        sortByKey(traces, order, [&](TraceIndex t) { return set.text(root(t).operation); });
        break;
    case TraceListModel::Duration:
        sortByKey(traces, order, [&](TraceIndex t) { return info(t).durationNs(); });
        break;
    case TraceListModel::Spans:
        sortByKey(traces, order, [&](TraceIndex t) { return info(t).spanCount(); });
        break;
    case TraceListModel::Errors:
        sortByKey(traces, order, [&](TraceIndex t) { return info(t).errorCount; });
        break;
    case TraceListModel::Services:
        sortByKey(traces, order, [&](TraceIndex t) { return info(t).serviceCount; });
        break;
    case TraceListModel::Start:
        sortByKey(traces, order, [&](TraceIndex t) { return info(t).startNs; });
        break;
    case TraceListModel::TraceIdColumn:
        sortByKey(traces, order, [&](TraceIndex t) { return info(t).id; });
        break;
    case TraceListModel::File: {
        // The cell's text, made once per trace rather than once per comparison.
        std::vector<QString> names(infos.size());
        for (const TraceIndex t : traces)
            names[t.value] = traceFileNames(set, info(t));
        sortByKey(traces, order, [&](TraceIndex t) { return names[t.value]; });
        break;
    }
    case TraceListModel::ColumnCount:
        break;
    }
    return traces;
}

} // namespace Spanwise
