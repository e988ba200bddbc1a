// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <cstdint>
#include <functional>
#include <span>
#include <string>
#include <vector>

#include "core/result.h"

namespace signe::core::ora {

/// The PNG row filter every row of an image uses (docs/openraster.md, "Costs": chosen by
/// measurement). Adaptive tries all five on each row and keeps the one whose bytes, read as
/// signed, sum smallest (libpng's heuristic), which costs five times the filtering.
enum class PngFilter { None, Sub, Up, Average, Paeth, Adaptive };

/// zlib's strategy for the PNG's deflate stream (zlib.h's Z_DEFAULT_STRATEGY ... Z_RLE):
/// Filtered and Rle search less for long matches, which filtered rows of painted pixels
/// rarely have.
enum class PngDeflate { Default, Filtered, HuffmanOnly, Rle };

/// How a PNG is written.
struct PngEncoding {
    int channels = 4;  ///< 1 (grey) .. 4 (RGBA, straight alpha; 2: grey + alpha)
    int bits = 16;     ///< 8 or 16
    /// Colour, sRGB-encoded: 16-bit PNGs embed an ICC sRGB profile (Krita asks the user
    /// otherwise), 8-bit ones the sRGB chunk. False for data such as thickness: untagged.
    bool srgb = true;
    int compression = 6;  ///< zlib level 0..9
    PngFilter filter = PngFilter::Paeth;
    PngDeflate strategy = PngDeflate::Rle;
};

/// Supplies rows [y, y + rows) of the image as interleaved samples (uint16 for 16 bits, uint8
/// for 8) into `out`.
using PngRowSource = std::function<void(int y, int rows, void* out)>;

/// Encodes a `width` x `height` PNG in memory (non-interlaced; our own writer, not libpng's:
/// the row filters are vectorised loops). `fill` is asked for at most `stripRows` rows at a
/// time, so a large image never needs a full-size buffer. `what` names the file in errors.
Result<std::vector<std::uint8_t>> encodePng(int width, int height, const PngEncoding& encoding,
                                            int stripRows, const PngRowSource& fill,
                                            const std::string& what);

/// A horizontal band of a PNG's image data, filtered and deflated on its own, so that the
/// bands of one image can be encoded on different threads and joined by assemblePng. Each
/// band is a run of raw deflate blocks ending on a byte boundary (the last band ends the
/// stream): their concatenation is one valid deflate stream. The filters still predict from
/// the row above a band, so the result is the same as one pass would give, byte for byte in
/// the pixels; only the deflate stream differs a little (no matches across a band's start).
struct PngBand {
    std::vector<std::uint8_t> deflated;
    std::uint32_t adler = 1;  ///< Adler-32 of the band's filtered bytes
    std::uint64_t filteredBytes = 0;
};

/// Encodes rows [y, y + rows) of a `width` x `height` image. For a band below the first,
/// `fill` is first asked for row y - 1 alone (the row the filters predict from).
Result<PngBand> encodePngBand(int width, int height, int y, int rows, const PngEncoding& encoding,
                              int stripRows, const PngRowSource& fill, const std::string& what);

/// The PNG whose image data is `bands`, which cover the image from the top row down.
Result<std::vector<std::uint8_t>> assemblePng(int width, int height, const PngEncoding& encoding,
                                              std::span<const PngBand> bands,
                                              const std::string& what);

}  // namespace signe::core::ora
