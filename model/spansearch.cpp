#include "spansearch.h"

#include "spanquery.h"
#include "waterfallrows.h"

namespace Spanwise {

std::vector<std::uint32_t> findSpans(const SpanQuery& query, const WaterfallRows& rows)
{
    std::vector<std::uint32_t> matches;
    if (query.isEmpty())
        return matches;
    for (std::uint32_t p = 0; p < rows.spanCount(); ++p)
        if (query.matches(rows.spanAt(p)))
            matches.push_back(p);
    return matches;
}

} // namespace Spanwise
