#include "jsonscanner.h"

#include <array>
#include <cstring>

namespace Spanwise {

std::size_t JsonScanner::skipWhitespace(std::size_t pos) const
{
    if (pos == 0 && m_text.starts_with("\xEF\xBB\xBF"))
        pos = 3;
    while (pos < m_text.size()) {
        const char c = m_text[pos];
        if (c != ' ' && c != '\n' && c != '\r' && c != '\t')
            break;
        ++pos;
    }
    return pos;
}

ScanError JsonScanner::expected(std::size_t pos, std::string_view what) const
{
    if (pos >= m_text.size())
        return {pos, "the file ends early: expected " + std::string(what)};
    return {pos, "expected " + std::string(what) + ", found '" + std::string(1, m_text[pos]) + "'"};
}

namespace {

// What the scanner cares about in a byte: a table beats a chain of comparisons in the loops
// that see every byte of the file.
enum ByteClass : unsigned char { Plain, Quote, Open, Close };

constexpr std::array<unsigned char, 256> byteClasses = [] {
    std::array<unsigned char, 256> table {};
    table['"'] = Quote;
    table['{'] = Open;
    table['['] = Open;
    table['}'] = Close;
    table[']'] = Close;
    return table;
}();

} // namespace

std::expected<std::size_t, ScanError> JsonScanner::stringEnd(std::size_t pos) const
{
    if (pos >= m_text.size() || m_text[pos] != '"')
        return std::unexpected(expected(pos, "a string"));
    for (std::size_t i = pos + 1; i < m_text.size(); ++i) {
        // memchr to the next quote: strings are most of a trace file's bytes.
        const char* found = static_cast<const char*>(std::memchr(m_text.data() + i, '"', m_text.size() - i));
        if (!found) {
            if (const void* lineBreak = std::memchr(m_text.data() + i, '\n', m_text.size() - i))
                return std::unexpected(
                    ScanError {static_cast<std::size_t>(static_cast<const char*>(lineBreak) - m_text.data()),
                        "a string that starts earlier on this line is not closed"});
            break;
        }
        const std::size_t quote = static_cast<std::size_t>(found - m_text.data());
        // JSON strings hold no raw line break: one means the string was never closed, and in
        // JSON Lines the next line is another record, which must not be swallowed.
        if (const void* lineBreak = std::memchr(m_text.data() + i, '\n', quote - i))
            return std::unexpected(
                ScanError {static_cast<std::size_t>(static_cast<const char*>(lineBreak) - m_text.data()),
                    "a string that starts earlier on this line is not closed"});
        std::size_t backslashes = 0;
        while (quote - backslashes > pos + 1 && m_text[quote - backslashes - 1] == '\\')
            ++backslashes;
        if (backslashes % 2 == 0)
            return quote + 1;
        i = quote;
    }
    return std::unexpected(ScanError {pos, "the file ends inside a string that starts here"});
}

std::expected<std::size_t, ScanError> JsonScanner::valueEnd(std::size_t pos) const
{
    if (pos >= m_text.size())
        return std::unexpected(expected(pos, "a value"));
    const char first = m_text[pos];
    if (first == '"')
        return stringEnd(pos);
    if (first != '{' && first != '[') {
        std::size_t end = pos;
        while (end < m_text.size() && !std::strchr(",]} \t\r\n", m_text[end]))
            ++end;
        return end;
    }
    // Open brackets as a string: short-string storage keeps ordinary nesting allocation-free.
    std::string closers;
    const auto* bytes = reinterpret_cast<const unsigned char*>(m_text.data());
    for (std::size_t i = pos; i < m_text.size(); ++i) {
        const unsigned char kind = byteClasses[bytes[i]];
        if (kind == Plain)
            continue;
        const char c = m_text[i];
        if (c == '"') {
            const auto end = stringEnd(i);
            if (!end)
                return std::unexpected(end.error());
            i = *end - 1;
        } else if (c == '{' || c == '[') {
            closers.push_back(c == '{' ? '}' : ']');
        } else if (c == '}' || c == ']') {
            if (c != closers.back())
                return std::unexpected(ScanError {i,
                    "found '" + std::string(1, c) + "' where '" + std::string(1, closers.back()) + "' was expected"});
            closers.pop_back();
            if (closers.empty())
                return i + 1;
        }
    }
    return std::unexpected(
        ScanError {pos, "the file ends before the '" + std::string(1, first) + "' opened here is closed"});
}

} // namespace Spanwise
