#include "zipkinsniff.h"

namespace Spanwise {

int zipkinVersionOf(std::string_view head)
{
    const std::size_t first = head.find_first_not_of(" \t\r\n\xEF\xBB\xBF");
    if (first == std::string_view::npos || (head[first] != '{' && head[first] != '['))
        return 0;
    const auto has = [head](std::string_view key) { return head.find(key) != std::string_view::npos; };
    if (!has("\"traceId\"") || !has("\"id\"") || has("\"spanId\"") || has("\"resourceSpans\""))
        return 0;
    if (has("\"binaryAnnotations\"") || has("\"endpoint\""))
        return 1;
    return 2;
}

} // namespace Spanwise
