#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace Spanwise {

// Standard and URL-safe alphabets, padding optional. Invalid input gives nullopt.
std::optional<std::string> decodeBase64(std::string_view text);

} // namespace Spanwise
