#include "jsonwriting.h"

#include <cstdio>

namespace Spanwise::TraceGen {

void writeJsonString(std::ostream& out, std::string_view text)
{
    out << '"';
    for (const char c : text) {
        switch (c) {
        case '"':
            out << "\\\"";
            break;
        case '\\':
            out << "\\\\";
            break;
        case '\n':
            out << "\\n";
            break;
        case '\t':
            out << "\\t";
            break;
        default:
            if (static_cast<unsigned char>(c) < 0x20) {
                char escaped[8];
                std::snprintf(escaped, sizeof escaped, "\\u%04x", c);
                out << escaped;
            } else {
                out << c;
            }
        }
    }
    out << '"';
}

void writeHex(std::ostream& out, unsigned long long value, int digits)
{
    char text[17];
    std::snprintf(text, sizeof text, "%0*llx", digits, value);
    out << text;
}

} // namespace Spanwise::TraceGen
