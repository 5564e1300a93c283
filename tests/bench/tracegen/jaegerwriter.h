#pragma once

#include "generatedtrace.h"

#include <ostream>
#include <vector>

namespace Spanwise::TraceGen {

// Writes traces as a Jaeger query API response ({"data":[...]}), one span per line.
void writeJaegerJson(const std::vector<GeneratedTrace>& traces, std::ostream& out);

} // namespace Spanwise::TraceGen
