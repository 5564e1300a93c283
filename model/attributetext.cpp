#include "attributetext.h"

#include "traceset.h"

#include <cstdio>

namespace Spanwise {

std::string attributeText(const TraceSet& set, const Attribute& a)
{
    switch (a.type()) {
    case AttributeType::String:
        return std::string(set.text(a.text));
    case AttributeType::Int:
        return std::to_string(a.integer);
    case AttributeType::Bool:
        return a.boolean ? "true" : "false";
    case AttributeType::Double: {
        char text[32];
        std::snprintf(text, sizeof text, "%.15g", a.real);
        return text;
    }
    case AttributeType::Empty:
        return {};
    default:
        return "(complex value)";
    }
}

} // namespace Spanwise
