#include "traceorder.h"

#include "backgroundwork.h"
#include "traceset.h"

#include <algorithm>
#include <string_view>

namespace Spanwise {
namespace {

template <typename Key> void sortBy(std::vector<TraceIndex>& traces, bool descending, Key key)
{
    std::stable_sort(traces.begin(), traces.end(),
        [&](TraceIndex a, TraceIndex b) { return descending ? key(b) < key(a) : key(a) < key(b); });
}

} // namespace

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
    const bool descending = order == Qt::DescendingOrder;
    const auto info = [&](TraceIndex t) -> const TraceInfo& { return infos[t.value]; };
    const auto root = [&](TraceIndex t) -> const Span& { return set.span(info(t).root); };
    switch (column) {
    case TraceListModel::RootService:
        sortBy(traces, descending, [&](TraceIndex t) { return set.serviceName(root(t).service); });
        break;
    case TraceListModel::RootOperation:
        sortBy(traces, descending, [&](TraceIndex t) { return set.text(root(t).operation); });
        break;
    case TraceListModel::Duration:
        sortBy(traces, descending, [&](TraceIndex t) { return info(t).durationNs(); });
        break;
    case TraceListModel::Spans:
        sortBy(traces, descending, [&](TraceIndex t) { return info(t).spanCount(); });
        break;
    case TraceListModel::Errors:
        sortBy(traces, descending, [&](TraceIndex t) { return info(t).errorCount; });
        break;
    case TraceListModel::Services:
        sortBy(traces, descending, [&](TraceIndex t) { return info(t).serviceCount; });
        break;
    case TraceListModel::Start:
        sortBy(traces, descending, [&](TraceIndex t) { return info(t).startNs; });
        break;
    case TraceListModel::TraceIdColumn:
        sortBy(traces, descending, [&](TraceIndex t) { return info(t).id; });
        break;
    case TraceListModel::File: {
        // The cell's text, made once per trace rather than once per comparison.
        std::vector<QString> names(infos.size());
        for (const TraceIndex t : traces)
            names[t.value] = traceFileNames(set, info(t));
        sortBy(traces, descending, [&](TraceIndex t) { return names[t.value]; });
        break;
    }
    case TraceListModel::ColumnCount:
        break;
    }
    return traces;
}

} // namespace Spanwise
