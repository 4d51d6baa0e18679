// Byte classes of 16 bytes at a time, for the scans that read every byte of every
// file (line table, secret scanner). Swift's SIMD types lower comparisons to a loop
// per lane; these lower to SSE2 (`pcmpeqb`, `pmovmskb`), which every x86-64 CPU has.
// Elsewhere the same answers come from a plain loop. Each class returns a mask: bit k
// stands for byte k of the 16 at `p` (which must all be readable). Below them, the two
// byte scans the readers share: the plain run of a JSON string (the reader and its skip)
// and one UTF-8 sequence (the JSON reader, its skip, the XML encoding check).
#ifndef CXLINT_BYTES_H
#define CXLINT_BYTES_H

#include <stdint.h>
#if defined(__SSE2__)
#include <emmintrin.h>
#endif

/// Bytes equal to `value`.
static inline uint32_t cxl_equal16(const uint8_t *p, uint8_t value) {
#if defined(__SSE2__)
    __m128i v = _mm_loadu_si128((const __m128i *)p);
    return (uint32_t)_mm_movemask_epi8(_mm_cmpeq_epi8(v, _mm_set1_epi8((char)value)));
#else
    uint32_t mask = 0;
    for (int k = 0; k < 16; k++) mask |= (uint32_t)(p[k] == value) << k;
    return mask;
#endif
}

#if defined(__SSE2__)
/// Lanes of `v` within `low...high`: the wrapped difference is at most `high - low`.
static inline __m128i cxl_in_range(__m128i v, uint8_t low, uint8_t high) {
    __m128i offset = _mm_sub_epi8(v, _mm_set1_epi8((char)low));
    __m128i span = _mm_set1_epi8((char)(high - low));
    return _mm_cmpeq_epi8(_mm_max_epu8(offset, span), span);
}
#endif

/// Token bytes of the secret scanner: A-Z a-z 0-9 + / = _ -.
static inline uint32_t cxl_token16(const uint8_t *p) {
#if defined(__SSE2__)
    __m128i v = _mm_loadu_si128((const __m128i *)p);
    // OR-ing 0x20 turns A-Z into a-z and moves no other byte into a-z.
    __m128i letter = cxl_in_range(_mm_or_si128(v, _mm_set1_epi8(0x20)), 'a', 'z');
    __m128i digit = cxl_in_range(v, '0', '9');
    __m128i plus = _mm_cmpeq_epi8(v, _mm_set1_epi8('+'));
    __m128i slash = _mm_cmpeq_epi8(v, _mm_set1_epi8('/'));
    __m128i equals = _mm_cmpeq_epi8(v, _mm_set1_epi8('='));
    __m128i underscore = _mm_cmpeq_epi8(v, _mm_set1_epi8('_'));
    __m128i minus = _mm_cmpeq_epi8(v, _mm_set1_epi8('-'));
    __m128i any = _mm_or_si128(_mm_or_si128(_mm_or_si128(letter, digit), _mm_or_si128(plus, slash)),
                               _mm_or_si128(_mm_or_si128(equals, underscore), minus));
    return (uint32_t)_mm_movemask_epi8(any);
#else
    uint32_t mask = 0;
    for (int k = 0; k < 16; k++) {
        uint8_t b = p[k], lower = b | 0x20;
        int token = (lower >= 'a' && lower <= 'z') || (b >= '0' && b <= '9') || b == '+' || b == '/' || b == '=' || b == '_' || b == '-';
        mask |= (uint32_t)token << k;
    }
    return mask;
#endif
}

/// Bytes a JSON string scan stops at: '"', '\\', a control character (below 0x20) or a
/// byte of a multi-byte UTF-8 sequence (0x80 and above).
static inline uint32_t cxl_string_stops16(const uint8_t *p) {
#if defined(__SSE2__)
    __m128i v = _mm_loadu_si128((const __m128i *)p);
    __m128i quote = _mm_cmpeq_epi8(v, _mm_set1_epi8('"'));
    __m128i backslash = _mm_cmpeq_epi8(v, _mm_set1_epi8('\\'));
    __m128i control = _mm_cmpeq_epi8(_mm_max_epu8(v, _mm_set1_epi8(0x1F)), _mm_set1_epi8(0x1F));
    // The sign bit of each byte is the 0x80-and-above test itself.
    return (uint32_t)_mm_movemask_epi8(_mm_or_si128(_mm_or_si128(quote, backslash), _mm_or_si128(control, v)));
#else
    uint32_t mask = 0;
    for (int k = 0; k < 16; k++) {
        uint8_t b = p[k];
        mask |= (uint32_t)(b == '"' || b == '\\' || b < 0x20 || b >= 0x80) << k;
    }
    return mask;
#endif
}

/// The first offset from `j` on that a JSON string scan stops at in the `n` bytes at `p`
/// ('"', '\\', a control character, a byte of a multi-byte sequence), or `n`.
static inline int64_t cxl_string_plain_end(const uint8_t *p, int64_t n, int64_t j) {
    while (j + 16 <= n) {
        uint32_t stops = cxl_string_stops16(p + j);
        if (stops) return j + __builtin_ctz(stops);
        j += 16;
    }
    while (j < n) {
        uint8_t x = p[j];
        if (x == '"' || x == '\\' || x < 0x20 || x >= 0x80) break;
        j++;
    }
    return j;
}

static inline int cxl_byte_between(const uint8_t *p, int64_t n, int64_t k, uint8_t low, uint8_t high) {
    return k < n && p[k] >= low && p[k] <= high;
}

/// The length of the well-formed UTF-8 sequence at offset `j` of the `n` bytes at `p`
/// (Unicode table 3-7): 1 to 4, or 0 for an ill-formed or cut-off one (an overlong
/// form, a surrogate, a value past U+10FFFF).
static inline int cxl_utf8_length(const uint8_t *p, int64_t n, int64_t j) {
    uint8_t x = p[j];
    if (x < 0x80) return 1;
    if (x >= 0xC2 && x <= 0xDF) return cxl_byte_between(p, n, j + 1, 0x80, 0xBF) ? 2 : 0;
    if (x >= 0xE0 && x <= 0xEF) {
        uint8_t low = x == 0xE0 ? 0xA0 : 0x80, high = x == 0xED ? 0x9F : 0xBF;
        return cxl_byte_between(p, n, j + 1, low, high) && cxl_byte_between(p, n, j + 2, 0x80, 0xBF) ? 3 : 0;
    }
    if (x >= 0xF0 && x <= 0xF4) {
        uint8_t low = x == 0xF0 ? 0x90 : 0x80, high = x == 0xF4 ? 0x8F : 0xBF;
        return cxl_byte_between(p, n, j + 1, low, high) && cxl_byte_between(p, n, j + 2, 0x80, 0xBF)
                       && cxl_byte_between(p, n, j + 3, 0x80, 0xBF)
                   ? 4
                   : 0;
    }
    return 0;
}

/// The 64-byte forms: bit k stands for byte k of the 64 at `p`.
static inline uint64_t cxl_equal64(const uint8_t *p, uint8_t value) {
    return (uint64_t)cxl_equal16(p, value) | (uint64_t)cxl_equal16(p + 16, value) << 16
        | (uint64_t)cxl_equal16(p + 32, value) << 32 | (uint64_t)cxl_equal16(p + 48, value) << 48;
}

static inline uint64_t cxl_token64(const uint8_t *p) {
    return (uint64_t)cxl_token16(p) | (uint64_t)cxl_token16(p + 16) << 16
        | (uint64_t)cxl_token16(p + 32) << 32 | (uint64_t)cxl_token16(p + 48) << 48;
}

#endif
