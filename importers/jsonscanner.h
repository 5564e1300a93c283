#pragma once

#include <cstddef>
#include <expected>
#include <memory>
#include <string>
#include <string_view>

namespace Spanwise {

// Where the structure of a JSON text breaks: the offset and what was expected there.
struct ScanError {
    std::size_t offset = 0;
    std::string message;
    // Set by forEachElement when an element's own extent broke (e.g. the file was cut inside
    // it): where that element began and its index, so a reader can salvage its start.
    std::size_t brokenElementBegin = std::string_view::npos;
    std::size_t brokenElementIndex = 0;
};

// The break of the bracket at pos that the file ends before closing.
ScanError unclosedValue(std::string_view text, std::size_t pos);

class JsonBrokenWalk;

// Finds the extent of JSON values without building them, so that an importer can hand each
// record to the full parser on its own: one bad record is skipped and the rest still loads,
// and a truncated file still yields every record before the cut.
// It checks brackets and strings only; the parser checks the rest of each record.
class JsonScanner
{
public:
    explicit JsonScanner(std::string_view text)
        : m_text(text)
    { }

    std::string_view text() const { return m_text; }
    // The first offset at or after pos that is not JSON white space (or a UTF-8 BOM at 0).
    std::size_t skipWhitespace(std::size_t pos) const;
    // One past the end of the value starting at pos.
    std::expected<std::size_t, ScanError> valueEnd(std::size_t pos) const;

    // Calls visit(index, begin, end) for each element of the array at pos ('['); visit returns
    // false to stop early. Returns the offset after ']' (or after the last element visited),
    // or where the structure broke (elements before it visited).
    template <typename Visit>
    std::expected<std::size_t, ScanError> forEachElement(std::size_t pos, Visit&& visit) const;

    // Calls visit(index, begin) for each element of the array at pos; visit returns the element's
    // end (or where it broke), so a reader walks nested records in one pass over the bytes.
    template <typename Visit>
    std::expected<std::size_t, ScanError> forEachElementStreaming(std::size_t pos, Visit&& visit) const;

    // Calls visit(key, valueBegin) for each member of the object at pos ('{'); key is raw
    // (escapes not decoded), which is all format keys need. visit returns the value's end (or
    // where it broke), so a visitor can stream through a large member and stop at a cut.
    template <typename Visit> std::expected<std::size_t, ScanError> forEachMember(std::size_t pos, Visit&& visit) const;

    // Bytes walked by walks that broke, in all: at most a few times the text however it breaks,
    // since a value inside a break is answered from what the break's walk learned.
    std::size_t brokenWalkBytes() const { return m_brokenWalkBytes; }

private:
    std::expected<std::size_t, ScanError> stringEnd(std::size_t pos) const;
    ScanError expected(std::size_t pos, std::string_view what) const;

    std::string_view m_text;
    // What the last walk that broke learned (jsonbrokenwalk.h): the values inside it are
    // answered without walking to the break again. Shared, never changed, by a scanner's copies.
    mutable std::shared_ptr<const JsonBrokenWalk> m_brokenWalk;
    mutable std::size_t m_brokenWalkBytes = 0;
};

template <typename Visit>
std::expected<std::size_t, ScanError> JsonScanner::forEachElement(std::size_t pos, Visit&& visit) const
{
    if (pos >= m_text.size() || m_text[pos] != '[')
        return std::unexpected(expected(pos, "'['"));
    pos = skipWhitespace(pos + 1);
    if (pos < m_text.size() && m_text[pos] == ']')
        return pos + 1;
    for (std::size_t index = 0;; ++index) {
        auto end = valueEnd(pos);
        if (!end) {
            end.error().brokenElementBegin = pos;
            end.error().brokenElementIndex = index;
            return std::unexpected(end.error());
        }
        if (!visit(index, pos, *end))
            return *end;
        pos = skipWhitespace(*end);
        if (pos < m_text.size() && m_text[pos] == ']')
            return pos + 1;
        if (pos >= m_text.size() || m_text[pos] != ',')
            return std::unexpected(expected(pos, "',' or ']'"));
        pos = skipWhitespace(pos + 1);
    }
}

template <typename Visit>
std::expected<std::size_t, ScanError> JsonScanner::forEachElementStreaming(std::size_t pos, Visit&& visit) const
{
    if (pos >= m_text.size() || m_text[pos] != '[')
        return std::unexpected(expected(pos, "'['"));
    pos = skipWhitespace(pos + 1);
    if (pos < m_text.size() && m_text[pos] == ']')
        return pos + 1;
    for (std::size_t index = 0;; ++index) {
        const std::expected<std::size_t, ScanError> end = visit(index, pos);
        if (!end)
            return std::unexpected(end.error());
        pos = skipWhitespace(*end);
        if (pos < m_text.size() && m_text[pos] == ']')
            return pos + 1;
        if (pos >= m_text.size() || m_text[pos] != ',')
            return std::unexpected(expected(pos, "',' or ']'"));
        pos = skipWhitespace(pos + 1);
    }
}

template <typename Visit>
std::expected<std::size_t, ScanError> JsonScanner::forEachMember(std::size_t pos, Visit&& visit) const
{
    if (pos >= m_text.size() || m_text[pos] != '{')
        return std::unexpected(expected(pos, "'{'"));
    pos = skipWhitespace(pos + 1);
    if (pos < m_text.size() && m_text[pos] == '}')
        return pos + 1;
    for (;;) {
        const auto keyEnd = stringEnd(pos);
        if (!keyEnd)
            return std::unexpected(keyEnd.error());
        const std::string_view key = m_text.substr(pos + 1, *keyEnd - pos - 2);
        pos = skipWhitespace(*keyEnd);
        if (pos >= m_text.size() || m_text[pos] != ':')
            return std::unexpected(expected(pos, "':'"));
        pos = skipWhitespace(pos + 1);
        const std::expected<std::size_t, ScanError> end = visit(key, pos);
        if (!end)
            return std::unexpected(end.error());
        pos = skipWhitespace(*end);
        if (pos < m_text.size() && m_text[pos] == '}')
            return pos + 1;
        if (pos >= m_text.size() || m_text[pos] != ',')
            return std::unexpected(expected(pos, "',' or '}'"));
        pos = skipWhitespace(pos + 1);
    }
}

} // namespace Spanwise
