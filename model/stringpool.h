#pragma once

#include "ids.h"

#include <cassert>
#include <deque>
#include <string>
#include <string_view>
#include <vector>

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
    // An open-addressing table over the strings (hashing was a twentieth of a load with a node
    // map): each slot holds a string's id and the top half of its hash, so a probe compares
    // text only when those match.
    struct Slot {
        std::uint32_t id = UINT32_MAX; // UINT32_MAX: empty
        std::uint32_t hashTop = 0;
    };
    static std::uint64_t hashOf(std::string_view text);
    // The slot holding text, or the empty slot where it would go.
    std::size_t slotFor(std::string_view text, std::uint64_t hash) const;
    void grow();

    std::deque<std::string> m_strings;
    std::vector<Slot> m_slots; // a power of two, at most half full
};

} // namespace Spanwise
