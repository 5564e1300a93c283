#pragma once

#include <ostream>
#include <string_view>

namespace Spanwise::TraceGen {

// Writes text as a JSON string literal, quotes included.
void writeJsonString(std::ostream& out, std::string_view text);
// Fixed-width lower-case hex.
void writeHex(std::ostream& out, unsigned long long value, int digits);

} // namespace Spanwise::TraceGen
