#include "importreport.h"

namespace Spanwise {

std::string ImportReport::describe(const ImportMessage& message) const
{
    std::string out = path;
    out += ": ";
    if (message.line > 0) {
        out += "line " + std::to_string(message.line) + ", column " + std::to_string(message.column) + " (byte " +
            std::to_string(message.byteOffset) + ")";
    } else {
        out += "byte " + std::to_string(message.byteOffset);
    }
    if (!message.jsonPath.empty())
        out += ", at " + message.jsonPath;
    out += ": ";
    out += message.text;
    return out;
}

} // namespace Spanwise
