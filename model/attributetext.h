#pragma once

#include <string>

namespace Spanwise {

class TraceSet;
struct Attribute;

// A scalar attribute value as text ("500", "true", "0.25", the string itself); arrays and
// key-value lists as "(complex value)". Filters and groupings compare with this.
std::string attributeText(const TraceSet& set, const Attribute& attribute);

} // namespace Spanwise
