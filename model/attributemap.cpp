#include "attributemap.h"

#include <algorithm>
#include <cassert>

namespace Spanwise {

AttributeMap::AttributeMap(std::uint32_t base, std::vector<Replaced> replaced)
    : m_base(base)
    , m_replaced(std::move(replaced))
{
    std::erase_if(m_replaced, [](const Replaced& r) { return r.run.count == 0; });
    std::sort(m_replaced.begin(), m_replaced.end(),
        [](const Replaced& a, const Replaced& b) { return a.run.begin < b.run.begin; });
    // Two readers' tables may name one run twice (an inline process both shared and borrowed).
    m_replaced.erase(std::unique(m_replaced.begin(), m_replaced.end(),
                         [](const Replaced& a, const Replaced& b) { return a.run.begin == b.run.begin; }),
        m_replaced.end());
    std::uint32_t total = 0;
    for (const Replaced& r : m_replaced) {
        total += r.run.count;
        m_leftOutThrough.push_back(total);
    }
}

std::vector<AttributeMap::Replaced>::const_iterator AttributeMap::after(std::uint32_t index) const
{
    return std::upper_bound(m_replaced.begin(), m_replaced.end(), index,
        [](std::uint32_t i, const Replaced& r) { return i < r.run.begin; });
}

bool AttributeMap::isLeftOut(std::uint32_t index) const
{
    const auto it = after(index);
    return it != m_replaced.begin() && index < std::prev(it)->run.end();
}

Range AttributeMap::map(Range range) const
{
    if (range.count == 0)
        return range; // an empty range's start is never read
    const auto it = after(range.begin);
    if (it != m_replaced.begin() && range.begin < std::prev(it)->run.end()) {
        const Replaced& replaced = *std::prev(it);
        assert(replaced.run.begin == range.begin && replaced.run.count == range.count && "a run is left out whole");
        return replaced.with;
    }
    const std::uint32_t leftOut = it == m_replaced.begin() ? 0 : m_leftOutThrough[(it - m_replaced.begin()) - 1];
    return {m_base + range.begin - leftOut, range.count};
}

} // namespace Spanwise
