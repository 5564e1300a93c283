#include "jsonfields.h"

#include <algorithm>
#include <memory>

namespace Spanwise {

JsonFieldNames::JsonFieldNames(std::initializer_list<std::string_view> names)
    : m_names(names)
{
    assert(m_names.size() <= maxNames);
    std::size_t longest = 0;
    for (const std::string_view name : m_names)
        longest = std::max(longest, name.size());
    m_lengthStart.assign(longest + 2, 0);
    for (const std::string_view name : m_names)
        ++m_lengthStart[name.size() + 1];
    for (std::size_t length = 1; length < m_lengthStart.size(); ++length)
        m_lengthStart[length] += m_lengthStart[length - 1];
    m_byLength.resize(m_names.size());
    std::vector<std::uint16_t> fill(m_lengthStart.begin(), m_lengthStart.end() - 1);
    for (std::size_t i = 0; i < m_names.size(); ++i)
        m_byLength[fill[m_names[i].size()]++] = static_cast<std::uint8_t>(i);
}

std::size_t JsonFieldNames::find(std::string_view key) const
{
    if (key.size() + 1 >= m_lengthStart.size())
        return size();
    for (std::size_t at = m_lengthStart[key.size()]; at < m_lengthStart[key.size() + 1]; ++at)
        if (m_names[m_byLength[at]] == key)
            return m_byLength[at];
    return size();
}

JsonFields::JsonFields(simdjson::dom::object object, const JsonFieldNames& names)
{
    for (const auto [key, value] : object) {
        const std::size_t name = names.find(key);
        if (name == names.size())
            continue;
        // The first of a repeated name counts, as with at_key.
        if (const std::uint64_t bit = std::uint64_t(1) << name; !(m_seen & bit)) {
            m_seen |= bit;
            std::construct_at(&m_values[name].value, value);
        }
    }
}

} // namespace Spanwise
