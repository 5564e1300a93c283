#pragma once

#include <algorithm>
#include <bit>
#include <cassert>
#include <cstddef>
#include <cstdint>
#include <utility>
#include <vector>

namespace Spanwise {

// splitmix64's finaliser: ids from hostile files must not pile into a few slots.
constexpr std::uint64_t mixedBits(std::uint64_t x)
{
    x ^= x >> 30;
    x *= 0xbf58476d1ce4e5b9ULL;
    x ^= x >> 27;
    x *= 0x94d049bb133111ebULL;
    return x ^ (x >> 31);
}

// Ids to 32-bit indices, for the passes that pair spans by id: one flat array probed in place
// (open addressing), no allocation per entry, and reset for the next trace in time
// proportional to that trace. A node-based std::unordered_map was a tenth of a load.
// Hash: a function object giving a well-mixed 64-bit hash of a Key.
template <typename Key, typename Hash> class FlatIdMap
{
public:
    // Empties the map and makes room for `count` entries at most half full.
    void reset(std::size_t count)
    {
        const std::size_t capacity = std::bit_ceil(std::max<std::size_t>(16, 2 * count));
        if (m_slots.size() < capacity || m_slots.size() > 4 * capacity)
            m_slots.assign(capacity, Slot {});
        else
            std::fill(m_slots.begin(), m_slots.end(), Slot {});
        m_size = 0;
    }

    // The value already held for `key`, or nullptr after adding `value` for it.
    const std::uint32_t* insert(const Key& key, std::uint32_t value)
    {
        assert(value != empty && 2 * (m_size + 1) <= m_slots.size() && "reset() with room for every entry");
        Slot* slot = &m_slots[probe(key)];
        if (slot->value != empty)
            return &slot->value;
        *slot = {key, value};
        ++m_size;
        return nullptr;
    }

    // Asks for the cache line `key` probes first: a table larger than the caches misses on most
    // probes, and a loop over many keys can ask a few keys ahead.
    void prefetch(const Key& key) const { __builtin_prefetch(&m_slots[Hash {}(key) & (m_slots.size() - 1)]); }

    const std::uint32_t* find(const Key& key) const
    {
        const Slot& slot = m_slots[probe(key)];
        return slot.value != empty ? &slot.value : nullptr;
    }

private:
    static constexpr std::uint32_t empty = UINT32_MAX;
    struct Slot {
        Key key {};
        std::uint32_t value = empty;
    };

    // The slot holding key, or the empty slot where it would go.
    std::size_t probe(const Key& key) const
    {
        assert(!m_slots.empty() && "reset() before use");
        const std::size_t mask = m_slots.size() - 1;
        const std::uint64_t hash = Hash {}(key);
        std::size_t at = hash & mask;
        while (m_slots[at].value != empty && !(m_slots[at].key == key))
            at = (at + 1) & mask;
        return at;
    }

    std::vector<Slot> m_slots;
    std::size_t m_size = 0;
};

} // namespace Spanwise
