#include "httprequest.h"

#include "query.h"

namespace Spanwise {

std::string_view HttpRequest::header(std::string_view name) const
{
    for (const auto& [key, value] : headers)
        if (key == name)
            return value;
    return {};
}

std::string_view HttpRequest::path() const
{
    const std::string_view whole = target;
    return whole.substr(0, whole.find('?'));
}

bool HttpRequest::keepAlive() const
{
    const std::string_view connection = header("connection");
    if (minorVersion == 0)
        return equalsIgnoringCase(connection, "keep-alive");
    return !equalsIgnoringCase(connection, "close");
}

} // namespace Spanwise
