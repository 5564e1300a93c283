#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace Spanwise {

// A JSON path built on the stack as readers descend (data[0].spans[3].tags), turned into
// text only when a message needs it: descending costs nothing.
struct JsonPath {
    const JsonPath* parent = nullptr;
    std::string_view key;    // member name; empty for an array element
    std::int64_t index = -1; // array index; -1 for a member

    // A step points at its parent: only a path that outlives the new one may be extended, so
    // chaining on a temporary (path.member("a").element(0)) does not compile.
    JsonPath member(std::string_view name) const& { return JsonPath {this, name, -1}; }
    JsonPath element(std::int64_t i) const& { return JsonPath {this, {}, i}; }
    JsonPath member(std::string_view) const&& = delete;
    JsonPath element(std::int64_t) const&& = delete;
    std::string toString() const;
};

} // namespace Spanwise
