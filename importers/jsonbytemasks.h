#pragma once

#include <cstddef>
#include <cstdint>
#include <cstring>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

// GCC and Clang on x86-64 build an AVX2 variant beside the baseline one and pick at run time.
#if defined(__x86_64__) && defined(__GNUC__)
#define SPANWISE_JSON_AVX2 1
#include <immintrin.h>
#else
#define SPANWISE_JSON_AVX2 0
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
    std::uint64_t bit5 = 0;   // bytes with bit 0x20 set: among the brackets, '{' and '}'

    static constexpr std::size_t blockSize = 64;

    // The masks of one whole block.
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
            masks.bit5 |= bits(_mm_slli_epi16(bytes, 2)); // bit 0x20 moved to where movemask reads
        }
#else
        for (std::size_t i = 0; i < blockSize; ++i) {
            const std::uint64_t bit = std::uint64_t(1) << i;
            if (block[i] & 0x20)
                masks.bit5 |= bit;
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

    // The masks of bytes [at, at + 64) of text; bytes past `size` count as none of these.
    // OfBlock computes one whole block: ofBlock, or ofBlockAvx2 in code built for AVX2.
    template <JsonByteMasks (*OfBlock)(const char*) = ofBlock>
    [[gnu::always_inline]] static JsonByteMasks of(const char* text, std::size_t size, std::size_t at)
    {
        if (at + blockSize <= size)
            return OfBlock(text + at);
        char tail[blockSize] = {}; // NUL is none of the bytes looked for
        std::memcpy(tail, text + at, size - at);
        return OfBlock(tail);
    }

#if SPANWISE_JSON_AVX2
    // The same with 32-byte registers: half the instructions. Call only where the processor
    // has AVX2 (hasAvx2()), from a function built for it.
    [[gnu::target("avx2")]] static JsonByteMasks ofBlockAvx2(const char* block)
    {
        JsonByteMasks masks;
        for (int half = 0; half < 2; ++half) {
            const __m256i bytes = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(block + 32 * half));
            const __m256i folded = _mm256_or_si256(bytes, _mm256_set1_epi8(0x20));
            // The intrinsics stay in this function: a lambda taking a vector is not built for AVX2.
            const int shift = 32 * half;
            const auto bits = [](int movemask) { return std::uint64_t(std::uint32_t(movemask)); };
            masks.quotes |= bits(_mm256_movemask_epi8(_mm256_cmpeq_epi8(bytes, _mm256_set1_epi8('"')))) << shift;
            masks.backslashes |= bits(_mm256_movemask_epi8(_mm256_cmpeq_epi8(bytes, _mm256_set1_epi8('\\')))) << shift;
            masks.lineBreaks |= bits(_mm256_movemask_epi8(_mm256_cmpeq_epi8(bytes, _mm256_set1_epi8('\n')))) << shift;
            masks.opens |= bits(_mm256_movemask_epi8(_mm256_cmpeq_epi8(folded, _mm256_set1_epi8('{')))) << shift;
            masks.closes |= bits(_mm256_movemask_epi8(_mm256_cmpeq_epi8(folded, _mm256_set1_epi8('}')))) << shift;
            masks.bit5 |= bits(_mm256_movemask_epi8(_mm256_slli_epi16(bytes, 2))) << shift;
        }
        return masks;
    }
    static bool hasAvx2()
    {
        static const bool has = __builtin_cpu_supports("avx2");
        return has;
    }
#endif
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
    // Written out: a loop here is not unrolled at -O2, and this runs for every block.
    std::uint64_t inside = quotes;
    inside ^= inside << 1;
    inside ^= inside << 2;
    inside ^= inside << 4;
    inside ^= inside << 8;
    inside ^= inside << 16;
    inside ^= inside << 32;
    if (inString)
        inside = ~inside;
    inString = (inside >> 63) & 1;
    return inside;
}

} // namespace Spanwise
