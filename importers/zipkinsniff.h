#pragma once

#include <string_view>

namespace Spanwise {

// 1 or 2 when the start of a file looks like Zipkin v1 or v2 JSON, else 0. Both use "traceId"
// and "id" (OTLP says "spanId", Jaeger "spanID"); v1 alone has "binaryAnnotations" and
// annotations with an "endpoint".
int zipkinVersionOf(std::string_view head);

} // namespace Spanwise
