#include "spanrows.h"

#include "backgroundwork.h"
#include "spanquery.h"
#include "traceset.h"
#include "tracesetpresentation.h"

#include <algorithm>
#include <string_view>

namespace Spanwise {
namespace {

// Each column's order as the table shows it: strings by their text, as the cells read.
std::string_view kindName(SpanKind kind)
{
    static constexpr std::string_view names[] = {"", "internal", "server", "client", "producer", "consumer"};
    return names[static_cast<std::size_t>(kind)];
}

int statusRank(StatusCode status)
{
    // The cells read "", "error", "ok".
    return status == StatusCode::Error ? 1 : status == StatusCode::Ok ? 2 : 0;
}

// Sorts `positions` (into the rows) by the key; a stable sort keeps ties in scope order in
// either direction.
template <typename Key> void sortBy(std::vector<std::uint32_t>& positions, bool descending, Key key)
{
    std::stable_sort(positions.begin(), positions.end(),
        [&](std::uint32_t a, std::uint32_t b) { return descending ? key(b) < key(a) : key(a) < key(b); });
}

void sortPositions(
    std::vector<std::uint32_t>& positions, const SpanRows& rows, SpanTableModel::Column column, Qt::SortOrder order)
{
    const TraceSet& set = rows.presentation->set();
    const auto span = [&](std::uint32_t p) -> const Span& { return set.span(rows.spans[p]); };
    const bool descending = order == Qt::DescendingOrder;
    switch (column) {
    case SpanTableModel::Service:
        sortBy(positions, descending, [&](std::uint32_t p) { return set.serviceName(span(p).service); });
        break;
    case SpanTableModel::Operation:
        sortBy(positions, descending, [&](std::uint32_t p) { return set.text(span(p).operation); });
        break;
    case SpanTableModel::Kind:
        sortBy(positions, descending, [&](std::uint32_t p) { return kindName(span(p).kind); });
        break;
    case SpanTableModel::Start:
        sortBy(positions, descending, [&](std::uint32_t p) { return span(p).startNs; });
        break;
    case SpanTableModel::Duration:
        sortBy(positions, descending, [&](std::uint32_t p) { return span(p).durationNs; });
        break;
    case SpanTableModel::SelfTime:
        sortBy(positions, descending, [&](std::uint32_t p) { return rows.selfTimes[p]; });
        break;
    case SpanTableModel::Status:
        sortBy(positions, descending, [&](std::uint32_t p) { return statusRank(span(p).status); });
        break;
    case SpanTableModel::Message:
        sortBy(positions, descending, [&](std::uint32_t p) {
            const StringId message = span(p).statusMessage;
            return message.isValid() ? set.text(message) : std::string_view();
        });
        break;
    case SpanTableModel::TraceIdColumn:
        sortBy(positions, descending, [&](std::uint32_t p) { return span(p).traceId; });
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
