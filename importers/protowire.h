#pragma once

#include <cstdint>
#include <optional>
#include <string_view>

namespace Spanwise {

enum WireType : std::uint8_t { Varint = 0, Fixed64 = 1, LengthDelimited = 2, Fixed32 = 5 };
// A cursor over protobuf wire data, for what the importers read by hand (a message at a time,
// so one bad message costs only itself).
struct WireCursor {
    std::string_view bytes;
    std::size_t pos = 0;

    bool atEnd() const { return pos >= bytes.size(); }

    std::optional<std::uint64_t> varint()
    {
        std::uint64_t value = 0;
        for (int shift = 0; shift < 64 && pos < bytes.size(); shift += 7) {
            const auto byte = static_cast<unsigned char>(bytes[pos++]);
            value |= static_cast<std::uint64_t>(byte & 0x7f) << shift;
            if (!(byte & 0x80))
                return value;
        }
        return std::nullopt;
    }

    // Skips a field's value; false when the data ends or the wire type is unknown.
    bool skip(WireType type)
    {
        switch (type) {
        case Varint:
            return varint().has_value();
        case Fixed64:
            pos += 8;
            return pos <= bytes.size();
        case Fixed32:
            pos += 4;
            return pos <= bytes.size();
        case LengthDelimited: {
            const auto length = varint();
            if (!length || *length > bytes.size() - pos)
                return false;
            pos += *length;
            return true;
        }
        }
        return false;
    }
};

// A little-endian fixed64 at the cursor, moving past it; nothing when the data ends first.
inline std::optional<std::uint64_t> readFixed64(WireCursor& cursor)
{
    if (cursor.bytes.size() - cursor.pos < 8 || cursor.pos > cursor.bytes.size())
        return std::nullopt;
    std::uint64_t value = 0;
    for (int i = 7; i >= 0; --i)
        value = (value << 8) | static_cast<unsigned char>(cursor.bytes[cursor.pos + static_cast<std::size_t>(i)]);
    cursor.pos += 8;
    return value;
}

} // namespace Spanwise
