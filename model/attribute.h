#pragma once

#include "ids.h"

#include <cstdint>

namespace Spanwise {

enum class AttributeType : std::uint8_t { String, Bool, Int, Double, Bytes, Array, KeyValueList, Empty };

// One typed attribute. Keys and string values are pooled; bytes are pooled as raw bytes.
// Arrays and key-value lists keep their elements as further Attribute records in the same
// flat array (children: for an array the keys are empty), so nesting needs no allocation.
struct Attribute {
    StringId key;
    AttributeType type = AttributeType::Empty;
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
};

} // namespace Spanwise
