#pragma once

#include "jsonpath.h"
#include "jsonvalue.h"

#include <simdjson.h>

#include <string>
#include <string_view>

namespace Spanwise {

// Calls visit(object, path) for each element of `list` that is a JSON object, and
// warn(path, text) for each that is not — "expected a log object, found a number; skipped" —
// so every reader skips and reports odd list entries the same way.
template <typename Warn, typename Visit>
void forEachObject(simdjson::dom::array list, const JsonPath& path, std::string_view what, Warn&& warn, Visit&& visit)
{
    std::int64_t index = 0;
    for (simdjson::dom::element element : list) {
        const JsonPath elementPath = path.element(index++);
        simdjson::dom::object object;
        if (element.get_object().get(object)) {
            warn(elementPath,
                "expected " + std::string(what) + " object, found " + std::string(jsonTypeName(element)) + "; skipped");
            continue;
        }
        visit(object, elementPath);
    }
}

} // namespace Spanwise
