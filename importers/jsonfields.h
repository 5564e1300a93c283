#pragma once

#include <simdjson.h>

#include <array>
#include <cassert>
#include <cstdint>
#include <initializer_list>
#include <optional>
#include <string_view>
#include <vector>

namespace Spanwise {

// The member names a reader looks up in one kind of object, each with its index in the list.
// Built once per kind (a static): finding a key costs a look at the few names of its length.
class JsonFieldNames
{
public:
    JsonFieldNames(std::initializer_list<std::string_view> names);

    std::size_t size() const { return m_names.size(); }
    // The index of `key` among the names, or size() when it is none of them.
    std::size_t find(std::string_view key) const;

    static constexpr std::size_t maxNames = 64;

private:
    std::vector<std::string_view> m_names;
    // The names' indices grouped by the names' length: those of length L are
    // m_byLength[m_lengthStart[L] .. m_lengthStart[L + 1]).
    std::vector<std::uint8_t> m_byLength;
    std::vector<std::uint16_t> m_lengthStart;
};

// One object's members of the given names, found in a single pass. A span is asked for some
// twenty names, many in two spellings; asking simdjson for each (at_key) walks the object
// once per name, which was a third of reading an OTLP JSON span.
class JsonFields
{
public:
    JsonFields(simdjson::dom::object object, const JsonFieldNames& names);

    // As jsonMember: the value of the first member of that name, unless absent or null.
    std::optional<simdjson::dom::element> operator[](std::size_t name) const
    {
        assert(name < JsonFieldNames::maxNames);
        if (!(m_seen & (std::uint64_t(1) << name)) || m_values[name].value.is_null())
            return std::nullopt;
        return m_values[name].value;
    }
    // The first of two spellings given (camelCase, then the proto field name).
    std::optional<simdjson::dom::element> either(std::size_t camel, std::size_t snake) const
    {
        if (const auto value = (*this)[camel])
            return value;
        return (*this)[snake];
    }

private:
    // A value slot is written when its name is seen and read only then: left uninitialised,
    // since clearing 64 of them for every span cost as much as finding the members.
    union Slot {
        Slot() { }
        simdjson::dom::element value;
    };
    std::uint64_t m_seen = 0;
    std::array<Slot, JsonFieldNames::maxNames> m_values;
};

} // namespace Spanwise
