#pragma once

#include "ids.h"

#include <cassert>
#include <cstdint>

namespace Spanwise {

enum class AttributeType : std::uint8_t { String, Bool, Int, Double, Bytes, Array, KeyValueList, Empty };

// One typed attribute. Keys and string values are pooled; bytes are pooled as raw bytes.
// Arrays and key-value lists keep their elements as further Attribute records in the same
// flat array (children: for an array the keys are empty), so nesting needs no allocation.
//
// 12 bytes, not 16: spans carry several attributes each, so this is most of the model. The
// type lives in the key's top bits (no file holds 2^29 distinct strings: the pool would need
// tens of gigabytes first), and the 8-byte value is packed on a 4-byte boundary.
#pragma pack(push, 4)
struct Attribute {
    union {
        StringId text; // String, Bytes
        bool boolean;
        std::int64_t integer;
        double real;
        Range children; // Array, KeyValueList
    };

    Attribute()
        : integer(0)
    { }

    StringId key() const
    {
        const std::uint32_t key = m_keyAndType & keyMask;
        return key == keyMask ? StringId {} : StringId {key};
    }
    void setKey(StringId key)
    {
        assert((!key.isValid() || key.value < keyMask) && "more distinct strings than an attribute key can name");
        m_keyAndType = (m_keyAndType & ~keyMask) | (key.isValid() ? key.value : keyMask);
    }
    AttributeType type() const { return static_cast<AttributeType>(m_keyAndType >> keyBits); }
    void setType(AttributeType type)
    {
        m_keyAndType = (m_keyAndType & keyMask) | (static_cast<std::uint32_t>(type) << keyBits);
    }

private:
    static constexpr int keyBits = 29;
    static constexpr std::uint32_t keyMask = (std::uint32_t(1) << keyBits) - 1;
    // Empty type, no key.
    std::uint32_t m_keyAndType = ~std::uint32_t(0);
};
#pragma pack(pop)
static_assert(sizeof(Attribute) == 12);

} // namespace Spanwise
