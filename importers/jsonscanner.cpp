#include "jsonscanner.h"

#include "jsonbrokenwalk.h"
#include "jsonbytemasks.h"

#include <cassert>
#include <cstring>
#include <optional>

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

constexpr std::uint64_t bitsBelow(int bit)
{
    return bit >= 64 ? ~std::uint64_t(0) : (std::uint64_t(1) << bit) - 1;
}

ScanError unclosedStringOnLine(std::size_t lineBreak)
{
    // JSON strings hold no raw line break: one means the string was never closed, and in JSON
    // Lines the next line is another record, which must not be swallowed.
    return {lineBreak, "a string that starts earlier on this line is not closed"};
}

} // namespace

std::expected<std::size_t, ScanError> JsonScanner::stringEnd(std::size_t pos) const
{
    if (pos >= m_text.size() || m_text[pos] != '"')
        return std::unexpected(expected(pos, "a string"));
    bool escapeCarry = false;
    for (std::size_t at = pos + 1; at < m_text.size(); at += JsonByteMasks::blockSize) {
        const JsonByteMasks masks = JsonByteMasks::of(m_text.data(), m_text.size(), at);
        const std::uint64_t quotes = masks.quotes & ~escapedBytes(masks.backslashes, escapeCarry);
        const int quote = quotes != 0 ? __builtin_ctzll(quotes) : 64;
        if (const std::uint64_t lineBreaks = masks.lineBreaks & bitsBelow(quote))
            return std::unexpected(unclosedStringOnLine(at + __builtin_ctzll(lineBreaks)));
        if (quote < 64)
            return at + quote + 1;
    }
    return std::unexpected(ScanError {pos, "the file ends inside a string that starts here"});
}

namespace {

// The end of the object or array at pos when it is well formed and nested at most 64 deep,
// else nullopt. The open brackets are kept as bits and matched without a branch per bracket:
// records are found this way, and a branch that guesses open or close goes wrong too often.
template <JsonByteMasks (*OfBlock)(const char*)>
[[gnu::always_inline]] inline std::optional<std::size_t> wellFormedValueEnd(std::string_view text, std::size_t pos)
{
    constexpr int deepest = 64;
    std::uint64_t braces = 0; // bit d: the bracket open d levels below the innermost is '{'
    int depth = 0;
    bool escapeCarry = false, inString = false, mismatch = false;
    for (std::size_t at = pos; at < text.size(); at += JsonByteMasks::blockSize) {
        const JsonByteMasks masks = JsonByteMasks::of<OfBlock>(text.data(), text.size(), at);
        const std::uint64_t quotes = masks.quotes & ~escapedBytes(masks.backslashes, escapeCarry);
        const std::uint64_t interiors = stringInteriors(quotes, inString);
        if (masks.lineBreaks & interiors)
            return std::nullopt;
        for (std::uint64_t brackets = (masks.opens | masks.closes) & ~interiors; brackets != 0;
             brackets &= brackets - 1) {
            const int bit = __builtin_ctzll(brackets);
            const std::uint64_t brace = (masks.bit5 >> bit) & 1;
            const bool open = (masks.opens >> bit) & 1;
            mismatch |= !open && (braces & 1) != brace;
            braces = open ? (braces << 1) | brace : braces >> 1;
            depth += open ? 1 : -1;
            if (depth == 0)
                return mismatch ? std::nullopt : std::optional(at + bit + 1);
            if (depth > deepest)
                return std::nullopt;
        }
        if (mismatch)
            return std::nullopt;
    }
    return std::nullopt;
}

// The end of the object or array at pos, its brackets matched as a byte-by-byte walk meets
// them, or what breaks it; a break is `learned` for the values inside. Inlined into one variant
// per way of computing a block's masks.
template <JsonByteMasks (*OfBlock)(const char*)>
[[gnu::always_inline]] inline std::expected<std::size_t, ScanError> bracketedValueEnd(
    std::string_view text, std::size_t pos, std::optional<JsonBrokenWalk>& learned)
{
    if (const auto end = wellFormedValueEnd<OfBlock>(text, pos))
        return *end;
    // Damaged or deep: walked again, exactly, to say where and how.
    // Open brackets as a string: short-string storage keeps ordinary nesting allocation-free.
    std::string closers;
    bool escapeCarry = false, inString = false;
    std::size_t lastStringStart = pos;
    JsonBrokenWalkRecorder recorder(pos);
    const auto broke = [&](std::size_t stop, ScanError error, bool toldAtValueStart = false) {
        learned = recorder.finish(stop, error, toldAtValueStart);
        return std::unexpected(std::move(error));
    };
    for (std::size_t at = pos; at < text.size(); at += JsonByteMasks::blockSize) {
        recorder.block(at, closers.size(), inString, escapeCarry);
        const JsonByteMasks masks = JsonByteMasks::of<OfBlock>(text.data(), text.size(), at);
        const std::uint64_t quotes = masks.quotes & ~escapedBytes(masks.backslashes, escapeCarry);
        const std::uint64_t interiors = stringInteriors(quotes, inString);
        if (const std::uint64_t openingQuotes = quotes & interiors)
            lastStringStart = at + 63 - __builtin_clzll(openingQuotes);
        const std::uint64_t brokenStrings = masks.lineBreaks & interiors;
        const int broken = brokenStrings != 0 ? __builtin_ctzll(brokenStrings) : 64;
        // Brackets in file order, up to the first broken string, as a byte-by-byte walk meets them.
        for (std::uint64_t brackets = (masks.opens | masks.closes) & ~interiors & bitsBelow(broken); brackets != 0;
             brackets &= brackets - 1) {
            const std::size_t i = at + __builtin_ctzll(brackets);
            const char c = text[i];
            if (c == '{' || c == '[') {
                closers.push_back(c == '{' ? '}' : ']');
                continue;
            }
            assert(!closers.empty() && "the value's own opening bracket is the first one met");
            if (c != closers.back())
                return broke(i,
                    ScanError {i,
                        "found '" + std::string(1, c) + "' where '" + std::string(1, closers.back()) +
                            "' was expected"});
            closers.pop_back();
            if (closers.empty())
                return i + 1;
            recorder.closed(closers.size());
        }
        if (broken < 64)
            return broke(at + broken, unclosedStringOnLine(at + broken));
    }
    if (inString)
        return broke(text.size(), ScanError {lastStringStart, "the file ends inside a string that starts here"});
    return broke(text.size(), unclosedValue(text, pos), true);
}

#if SPANWISE_JSON_AVX2
[[gnu::target("avx2")]] std::expected<std::size_t, ScanError> bracketedValueEndAvx2(
    std::string_view text, std::size_t pos, std::optional<JsonBrokenWalk>& learned)
{
    return bracketedValueEnd<JsonByteMasks::ofBlockAvx2>(text, pos, learned);
}
#endif

} // namespace

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
    if (m_brokenWalk)
        if (std::optional<ScanError> known = m_brokenWalk->breakOf(m_text, pos))
            return std::unexpected(std::move(*known));
    std::optional<JsonBrokenWalk> learned;
    std::expected<std::size_t, ScanError> end;
#if SPANWISE_JSON_AVX2
    // Records are found this way, so this is a tenth of reading a file: worth AVX2 where it is.
    if (JsonByteMasks::hasAvx2())
        end = bracketedValueEndAvx2(m_text, pos, learned);
    else
#endif
        end = bracketedValueEnd<JsonByteMasks::ofBlock>(m_text, pos, learned);
    if (!learned)
        return end;
    m_brokenWalkBytes += learned->walkedBytes();
    // The values a reader looks at next lie inside this one: keep what its break taught.
    if (!(m_brokenWalk && m_brokenWalk->covers(pos)))
        m_brokenWalk = std::make_shared<const JsonBrokenWalk>(std::move(*learned));
    return end;
}

ScanError unclosedValue(std::string_view text, std::size_t pos)
{
    return {pos, "the file ends before the '" + std::string(1, text[pos]) + "' opened here is closed"};
}

} // namespace Spanwise
