#include "stringpool.h"

#include "flatidmap.h"

#include <cstring>

namespace Spanwise {

StringPool::StringPool()
    : m_slots(64)
{
    intern({});
}

std::uint64_t StringPool::hashOf(std::string_view text)
{
    // Eight bytes at a time: pooled strings are mostly short keys and values.
    std::uint64_t hash = 0x9e3779b97f4a7c15ULL ^ text.size();
    std::size_t at = 0;
    for (; at + 8 <= text.size(); at += 8) {
        std::uint64_t word;
        std::memcpy(&word, text.data() + at, 8);
        hash = (hash ^ word) * 0xff51afd7ed558ccdULL;
        hash ^= hash >> 32;
    }
    if (at < text.size()) {
        std::uint64_t word = 0;
        std::memcpy(&word, text.data() + at, text.size() - at);
        hash ^= word;
    }
    return mixedBits(hash);
}

std::size_t StringPool::slotFor(std::string_view text, std::uint64_t hash) const
{
    const std::size_t mask = m_slots.size() - 1;
    const auto top = static_cast<std::uint32_t>(hash >> 32);
    for (std::size_t at = hash & mask;; at = (at + 1) & mask) {
        const Slot& slot = m_slots[at];
        if (slot.id == UINT32_MAX || (slot.hashTop == top && m_strings[slot.id] == text))
            return at;
    }
}

void StringPool::grow()
{
    std::vector<Slot> slots(2 * m_slots.size());
    const std::size_t mask = slots.size() - 1;
    for (std::uint32_t id = 0; id < m_strings.size(); ++id) {
        const std::uint64_t hash = hashOf(m_strings[id]);
        std::size_t at = hash & mask;
        while (slots[at].id != UINT32_MAX)
            at = (at + 1) & mask;
        slots[at] = {id, static_cast<std::uint32_t>(hash >> 32)};
    }
    m_slots = std::move(slots);
}

StringId StringPool::intern(std::string_view text)
{
    const std::uint64_t hash = hashOf(text);
    Slot& found = m_slots[slotFor(text, hash)];
    if (found.id != UINT32_MAX)
        return StringId {found.id};
    assert(m_strings.size() < UINT32_MAX - 1 && "StringId is 32 bits");
    const StringId id {static_cast<std::uint32_t>(m_strings.size())};
    m_strings.emplace_back(text);
    found = {id.value, static_cast<std::uint32_t>(hash >> 32)};
    if (2 * m_strings.size() > m_slots.size())
        grow();
    return id;
}

StringId StringPool::find(std::string_view text) const
{
    const Slot& found = m_slots[slotFor(text, hashOf(text))];
    return found.id == UINT32_MAX ? StringId {} : StringId {found.id};
}

} // namespace Spanwise
