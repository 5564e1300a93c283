#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace Spanwise {

// One HTTP/1.1 request as the receiver saw it, body whole (chunks joined).
struct HttpRequest {
    std::string method;
    std::string target;                                       // the path and query, as sent
    int minorVersion = 1;                                     // HTTP/1.x
    std::vector<std::pair<std::string, std::string>> headers; // names lower-cased
    std::string body;

    // The first header of this (lower-case) name, or empty.
    std::string_view header(std::string_view name) const;
    // The target without its query.
    std::string_view path() const;
    // Whether the connection stays open after the answer (HTTP/1.1 unless "close").
    bool keepAlive() const;
};

} // namespace Spanwise
