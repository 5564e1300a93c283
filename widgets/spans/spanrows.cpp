#include "spanrows.h"

#include "backgroundwork.h"
#include "sortbykey.h"
#include "spanquery.h"
#include "traceset.h"
#include "tracesetpresentation.h"

#include <string_view>

namespace Spanwise {
namespace {

// Each column's order as the table shows it: strings by their text, as the cells read.
int statusRank(StatusCode status)
{
    // The cells read "", "error", "ok".
    return status == StatusCode::Error ? 1 : status == StatusCode::Ok ? 2 : 0;
}

void sortPositions(
    std::vector<std::uint32_t>& positions, const SpanRows& rows, SpanTableModel::Column column, Qt::SortOrder order)
{
    const TraceSet& set = rows.presentation->set();
    const auto span = [&](std::uint32_t p) -> const Span& { return set.span(rows.spans[p]); };
    switch (column) {
    case SpanTableModel::Service:
        sortByKey(positions, order, [&](std::uint32_t p) { return set.serviceName(span(p).service); });
        break;
    case SpanTableModel::Operation:
        sortByKey(positions, order, [&](std::uint32_t p) { return set.text(span(p).operation); });
        break;
    case SpanTableModel::Kind:
        sortByKey(positions, order, [&](std::uint32_t p) { return SpanTableModel::kindName(span(p).kind); });
        break;
    case SpanTableModel::Start:
        sortByKey(positions, order, [&](std::uint32_t p) { return span(p).startNs; });
        break;
    case SpanTableModel::Duration:
        sortByKey(positions, order, [&](std::uint32_t p) { return span(p).durationNs; });
        break;
    case SpanTableModel::SelfTime:
        sortByKey(positions, order, [&](std::uint32_t p) { return rows.selfTimes[p]; });
        break;
    case SpanTableModel::Status:
        sortByKey(positions, order, [&](std::uint32_t p) { return statusRank(span(p).status); });
        break;
    case SpanTableModel::Message:
        sortByKey(positions, order, [&](std::uint32_t p) {
            const StringId message = span(p).statusMessage;
            return message.isValid() ? set.text(message) : std::string_view();
        });
        break;
    case SpanTableModel::TraceIdColumn:
        sortByKey(positions, order, [&](std::uint32_t p) { return span(p).traceId; });
        break;
    case SpanTableModel::ColumnCount:
        break;
    }
}

} // namespace

ShownSpanRows filterAndOrder(std::shared_ptr<const SpanRows> all, const SpanQuery* query, SpanTableModel::Column column,
    Qt::SortOrder order, const WorkTicket& ticket)
{
    Q_ASSERT(all && all->presentation && all->selfTimes.size() == all->spans.size());
    ShownSpanRows shown;
    shown.all = all;
    std::vector<std::uint32_t> positions;
    positions.reserve(all->spans.size());
    for (std::uint32_t p = 0; p < all->spans.size(); ++p) {
        if ((p & 0xffff) == 0 && ticket.isCancelled())
            return shown;
        if (!query || query->matches(all->spans[p]))
            positions.push_back(p);
    }
    sortPositions(positions, *all, column, order);
    shown.spans.reserve(positions.size());
    shown.selfTimes.reserve(positions.size());
    for (const std::uint32_t p : positions) {
        shown.spans.push_back(all->spans[p]);
        shown.selfTimes.push_back(all->selfTimes[p]);
    }
    return shown;
}

} // namespace Spanwise
