#pragma once

#include "ids.h"

#include <cassert>
#include <deque>
#include <string>
#include <string_view>
#include <unordered_map>

namespace Spanwise {

// Interns strings once: service and operation names, attribute keys and string values.
// Contract: ids are dense (0..size-1) and stable for the pool's lifetime; the empty string is
// always id 0, so a default "no text" needs no special case. Views returned by view() stay
// valid as long as the pool lives (strings are stored in a deque, never moved).
class StringPool
{
public:
    StringPool();

    StringId intern(std::string_view text);
    std::string_view view(StringId id) const
    {
        assert(id.value < m_strings.size() && "a StringId from another pool, or never set");
        return m_strings[id.value];
    }
    std::size_t size() const { return m_strings.size(); }
    // The id of text if it was interned, else an invalid id; never adds.
    StringId find(std::string_view text) const;

    static constexpr StringId empty() { return StringId {0}; }

private:
    std::deque<std::string> m_strings;
    std::unordered_map<std::string_view, StringId> m_ids;
};

} // namespace Spanwise
