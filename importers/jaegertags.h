#pragma once

#include "attribute.h"
#include "jsonpath.h"

#include <simdjson.h>

#include <cstddef>
#include <vector>

namespace Spanwise {

class ImportContext;

// Reads a Jaeger tag list ([{"key","type","value"}], as in span tags, log fields and process
// tags) into typed attributes appended to `out`. A tag that cannot be read is reported at
// `recordOffset` with its path and left out; the others are kept.
void readJaegerTags(simdjson::dom::element tags, const JsonPath& path, std::size_t recordOffset, ImportContext& context,
    std::vector<Attribute>& out);

} // namespace Spanwise
