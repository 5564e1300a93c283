#include "stringpool.h"

namespace Spanwise {

StringPool::StringPool()
{
    intern({});
}

StringId StringPool::intern(std::string_view text)
{
    if (const auto it = m_ids.find(text); it != m_ids.end())
        return it->second;
    const StringId id {static_cast<std::uint32_t>(m_strings.size())};
    const std::string& stored = m_strings.emplace_back(text);
    m_ids.emplace(std::string_view(stored), id);
    return id;
}

StringId StringPool::find(std::string_view text) const
{
    const auto it = m_ids.find(text);
    return it == m_ids.end() ? StringId {} : it->second;
}

} // namespace Spanwise
