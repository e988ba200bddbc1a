// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <cstddef>
#include <cstdint>
#include <cstdlib>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace signe::core::ora {

/// PNG row filters (PNG spec, section 9), encoding side: `out[i] = cur[i] - predictor`, bytes
/// wrapping, with `bpp` bytes a pixel (at least 1) and the previous row `prev` (all zero for the
/// first row). Written as plain loops without branches so that the compiler vectorises them:
/// libpng's own are byte-at-a-time C, and its Paeth was a fifth of the save time on 16-bit
/// paint (docs/openraster.md, "Costs"). Each output byte depends only on input bytes, so
/// encoding, unlike decoding, has no chain from pixel to pixel.
///
/// Filter types: 0 None, 1 Sub, 2 Up, 3 Average, 4 Paeth.
inline void pngFilterRow(int type, const std::uint8_t* cur, const std::uint8_t* prev,
                         std::uint8_t* out, std::size_t bytes, std::size_t bpp)
{
    const std::size_t head = bpp < bytes ? bpp : bytes;
    switch (type) {
        case 1:  // Sub: left
            for (std::size_t i = 0; i < head; ++i) out[i] = cur[i];
            for (std::size_t i = bpp; i < bytes; ++i) out[i] = std::uint8_t(cur[i] - cur[i - bpp]);
            return;
        case 2:  // Up: above
            for (std::size_t i = 0; i < bytes; ++i) out[i] = std::uint8_t(cur[i] - prev[i]);
            return;
        case 3:  // Average: floor((left + above) / 2)
            for (std::size_t i = 0; i < head; ++i) out[i] = std::uint8_t(cur[i] - (prev[i] >> 1));
            for (std::size_t i = bpp; i < bytes; ++i)
                out[i] = std::uint8_t(cur[i] - ((unsigned(cur[i - bpp]) + prev[i]) >> 1));
            return;
        case 4:  // Paeth: of left, above, upper left, the one nearest left + above - upper left
            // With no left neighbour (a = c = 0) Paeth predicts `above`.
            for (std::size_t i = 0; i < head; ++i) out[i] = std::uint8_t(cur[i] - prev[i]);
            for (std::size_t i = bpp; i < bytes; ++i) {
                const int a = cur[i - bpp], b = prev[i], c = prev[i - bpp];
                const int pa = std::abs(b - c), pb = std::abs(a - c), pc = std::abs(a + b - 2 * c);
                const int nearestBc = pb <= pc ? b : c;
                const int predictor = pa <= pb && pa <= pc ? a : nearestBc;
                out[i] = std::uint8_t(cur[i] - predictor);
            }
            return;
        default:  // None
            for (std::size_t i = 0; i < bytes; ++i) out[i] = cur[i];
            return;
    }
}

/// libpng's heuristic for choosing a filter per row: the smallest sum of the filtered bytes
/// read as signed values (small differences either way cost little to deflate).
inline std::uint64_t pngFilterCost(const std::uint8_t* filtered, std::size_t bytes)
{
    std::uint64_t sum = 0;
    for (std::size_t i = 0; i < bytes; ++i)
        sum += std::uint64_t(std::abs(int(std::int8_t(filtered[i]))));
    return sum;
}

namespace detail {
/// Paeth decoding with the pixel size known at compile time: each pixel depends on the one
/// before it, but its BPP bytes are independent, so the inner loop vectorises across them.
template <std::size_t BPP>
inline void unpaeth(std::uint8_t* row, const std::uint8_t* prev, std::size_t bytes)
{
    for (std::size_t i = 0; i < BPP && i < bytes; ++i) row[i] = std::uint8_t(row[i] + prev[i]);
    for (std::size_t x = BPP; x + BPP <= bytes; x += BPP) {
        std::uint8_t* o = row + x;
        const std::uint8_t* left = row + x - BPP;
        const std::uint8_t* up = prev + x;
        const std::uint8_t* upLeft = prev + x - BPP;
        for (std::size_t k = 0; k < BPP; ++k) {
            const int a = left[k], b = up[k], c = upLeft[k];
            const int pa = std::abs(b - c), pb = std::abs(a - c), pc = std::abs(a + b - 2 * c);
            const int nearestBc = pb <= pc ? b : c;
            o[k] = std::uint8_t(o[k] + (pa <= pb && pa <= pc ? a : nearestBc));
        }
    }
}

#if defined(__SSE2__)
/// Paeth decoding of 8-byte pixels (16-bit RGBA, what Signe writes) with SSE2, which every
/// x86-64 has: the eight bytes of a pixel as 16-bit lanes of one register, the left pixel kept
/// in a register from one pixel to the next. The chain from pixel to pixel is what limits
/// decoding; this keeps it to a dozen instructions (the portable loop above takes about twice
/// the time). Same predictor: a when pa is smallest, else b when pb <= pc, else c.
inline void unpaeth8Sse2(std::uint8_t* row, const std::uint8_t* prev, std::size_t bytes)
{
    const __m128i zero = _mm_setzero_si128();
    const __m128i lowByte = _mm_set1_epi16(0xff);
    auto abs16 = [&](__m128i v) { return _mm_max_epi16(v, _mm_sub_epi16(zero, v)); };
    auto select = [](__m128i mask, __m128i yes, __m128i no) {
        return _mm_or_si128(_mm_and_si128(mask, yes), _mm_andnot_si128(mask, no));
    };
    __m128i a = zero;  // the pixel to the left, decoded; none for the first pixel
    __m128i c = zero;  // the pixel above that one
    for (std::size_t x = 0; x + 8 <= bytes; x += 8) {
        const __m128i b = _mm_unpacklo_epi8(
            _mm_loadl_epi64(reinterpret_cast<const __m128i*>(prev + x)), zero);
        const __m128i filtered = _mm_unpacklo_epi8(
            _mm_loadl_epi64(reinterpret_cast<const __m128i*>(row + x)), zero);
        // With p = a + b - c: pa = |p - a| = |b - c|, pb = |p - b| = |a - c|, pc = |p - c|.
        const __m128i bc = _mm_sub_epi16(b, c);
        const __m128i ac = _mm_sub_epi16(a, c);
        const __m128i pa = abs16(bc);
        const __m128i pb = abs16(ac);
        const __m128i pc = abs16(_mm_add_epi16(bc, ac));
        const __m128i smallest = _mm_min_epi16(_mm_min_epi16(pa, pb), pc);
        const __m128i predictor = select(_mm_cmpeq_epi16(smallest, pa), a,
                                         select(_mm_cmpeq_epi16(smallest, pb), b, c));
        a = _mm_and_si128(_mm_add_epi16(filtered, predictor), lowByte);
        _mm_storel_epi64(reinterpret_cast<__m128i*>(row + x), _mm_packus_epi16(a, a));
        c = b;
    }
}
#endif
}  // namespace detail

/// Undoes filter `type` on `row` in place (decoding): the inverse of pngFilterRow. Returns
/// false for a filter type that does not exist (a damaged file).
inline bool pngUnfilterRow(int type, std::uint8_t* row, const std::uint8_t* prev, std::size_t bytes,
                           std::size_t bpp)
{
    switch (type) {
        case 0:
            return true;
        case 1:
            for (std::size_t i = bpp; i < bytes; ++i) row[i] = std::uint8_t(row[i] + row[i - bpp]);
            return true;
        case 2:
            for (std::size_t i = 0; i < bytes; ++i) row[i] = std::uint8_t(row[i] + prev[i]);
            return true;
        case 3:
            for (std::size_t i = 0; i < bpp && i < bytes; ++i)
                row[i] = std::uint8_t(row[i] + (prev[i] >> 1));
            for (std::size_t i = bpp; i < bytes; ++i)
                row[i] = std::uint8_t(row[i] + ((unsigned(row[i - bpp]) + prev[i]) >> 1));
            return true;
        case 4:
            switch (bpp) {  // the sizes Signe writes and most others do; any other, generic
                case 8:
#if defined(__SSE2__)
                    detail::unpaeth8Sse2(row, prev, bytes);
#else
                    detail::unpaeth<8>(row, prev, bytes);
#endif
                    return true;
                case 6:
                    detail::unpaeth<6>(row, prev, bytes);
                    return true;
                case 4:
                    detail::unpaeth<4>(row, prev, bytes);
                    return true;
                case 2:
                    detail::unpaeth<2>(row, prev, bytes);
                    return true;
                default:
                    for (std::size_t i = 0; i < bytes; ++i) {
                        const int a = i >= bpp ? row[i - bpp] : 0, b = prev[i],
                                  c = i >= bpp ? prev[i - bpp] : 0;
                        const int pa = std::abs(b - c), pb = std::abs(a - c),
                                  pc = std::abs(a + b - 2 * c);
                        const int nearestBc = pb <= pc ? b : c;
                        row[i] = std::uint8_t(row[i] + (pa <= pb && pa <= pc ? a : nearestBc));
                    }
                    return true;
            }
        default:
            return false;
    }
}

}  // namespace signe::core::ora
