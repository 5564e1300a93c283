#pragma once

#include <cstddef>
#include <cstdint>
#include <cstring>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace Spanwise {

// The bytes of a 64-byte block of JSON text the scanner looks at, one bit per byte (bit i is
// byte i): a scanner finds the next interesting byte with one instruction instead of testing
// every byte, which is what makes walking a file's structure cost little beside parsing it.
struct JsonByteMasks {
    std::uint64_t quotes = 0;
    std::uint64_t backslashes = 0;
    std::uint64_t lineBreaks = 0;
    std::uint64_t opens = 0;  // '{' and '['
    std::uint64_t closes = 0; // '}' and ']'

    static constexpr std::size_t blockSize = 64;

    // The masks of bytes [at, at + 64) of text; bytes past `size` count as none of these.
    static JsonByteMasks of(const char* text, std::size_t size, std::size_t at)
    {
        if (at + blockSize <= size)
            return ofBlock(text + at);
        char tail[blockSize] = {}; // NUL is none of the bytes looked for
        std::memcpy(tail, text + at, size - at);
        return ofBlock(tail);
    }

private:
    static JsonByteMasks ofBlock(const char* block)
    {
        JsonByteMasks masks;
#if defined(__SSE2__)
        for (int part = 0; part < 4; ++part) {
            const __m128i bytes = _mm_loadu_si128(reinterpret_cast<const __m128i*>(block + 16 * part));
            // '[' and '{' differ only in bit 0x20, as do ']' and '}'.
            const __m128i folded = _mm_or_si128(bytes, _mm_set1_epi8(0x20));
            const auto bits = [&](__m128i matches) {
                return static_cast<std::uint64_t>(static_cast<std::uint16_t>(_mm_movemask_epi8(matches)))
                    << (16 * part);
            };
            masks.quotes |= bits(_mm_cmpeq_epi8(bytes, _mm_set1_epi8('"')));
            masks.backslashes |= bits(_mm_cmpeq_epi8(bytes, _mm_set1_epi8('\\')));
            masks.lineBreaks |= bits(_mm_cmpeq_epi8(bytes, _mm_set1_epi8('\n')));
            masks.opens |= bits(_mm_cmpeq_epi8(folded, _mm_set1_epi8('{')));
            masks.closes |= bits(_mm_cmpeq_epi8(folded, _mm_set1_epi8('}')));
        }
#else
        for (std::size_t i = 0; i < blockSize; ++i) {
            const std::uint64_t bit = std::uint64_t(1) << i;
            switch (block[i]) {
            case '"':
                masks.quotes |= bit;
                break;
            case '\\':
                masks.backslashes |= bit;
                break;
            case '\n':
                masks.lineBreaks |= bit;
                break;
            case '{':
            case '[':
                masks.opens |= bit;
                break;
            case '}':
            case ']':
                masks.closes |= bit;
                break;
            default:
                break;
            }
        }
#endif
        return masks;
    }
};

// Which bytes a backslash escapes: the byte after each backslash that is not itself escaped.
// `carry` says the previous block ended in such a backslash (so this block's byte 0 is
// escaped), and is set for the next block. Escapes are rare in trace files: a loop will do.
inline std::uint64_t escapedBytes(std::uint64_t backslashes, bool& carry)
{
    if (backslashes == 0 && !carry)
        return 0;
    std::uint64_t escaped = carry ? 1 : 0;
    carry = false;
    while (backslashes != 0) {
        const int at = __builtin_ctzll(backslashes);
        backslashes &= backslashes - 1;
        if (escaped & (std::uint64_t(1) << at))
            continue; // an escaped backslash escapes nothing
        if (at == 63)
            carry = true;
        else
            escaped |= std::uint64_t(1) << (at + 1);
    }
    return escaped;
}

// Bits set from each opening quote up to (not including) its closing quote, given the
// unescaped quotes of a block: a running XOR over the bits. `inString` carries the state from
// one block to the next.
inline std::uint64_t stringInteriors(std::uint64_t quotes, bool& inString)
{
    std::uint64_t inside = quotes;
    for (int shift = 1; shift < 64; shift *= 2)
        inside ^= inside << shift;
    if (inString)
        inside = ~inside;
    inString = (inside >> 63) & 1;
    return inside;
}

} // namespace Spanwise
