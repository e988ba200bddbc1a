// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <span>
#include <string>
#include <vector>

#include "core/result.h"

namespace signe::core::ora {

/// What a PNG's signature and IHDR chunk say, read without decoding anything.
struct PngHeader {
    int width = 0;
    int height = 0;
    int bitDepth = 0;   ///< 1, 2, 4, 8 or 16
    int colorType = 0;  ///< 0 grey, 2 RGB, 3 palette, 4 grey + alpha, 6 RGBA
    bool interlaced = false;
};

/// Reads the header from the first 33 bytes of a PNG; `what` names the file in errors.
Result<PngHeader> parsePngHeader(std::span<const std::uint8_t> bytes, const std::string& what);

/// The most a PNG with this header can sensibly take: its raw (filtered, uncompressed) pixel
/// data, plus deflate's and the chunks' worst-case overhead, plus room for ancillary chunks
/// (an ICC profile, text). A larger file is padded with something that is not its image.
std::uint64_t pngByteLimit(const PngHeader& header);

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
    int channels = 4;     ///< 1 (grey) .. 4 (RGBA, straight alpha; 2: grey + alpha)
    int bits = 16;        ///< 8 or 16
    /// Colour, sRGB-encoded: 16-bit PNGs embed an ICC sRGB profile (Krita asks the user
    /// otherwise), 8-bit ones the sRGB chunk. False for data such as thickness: untagged.
    bool srgb = true;
    int compression = 6;  ///< zlib level 0..9
    PngFilter filter = PngFilter::Paeth;
    PngDeflate strategy = PngDeflate::Rle;
};

/// Encodes a `width` x `height` PNG in memory (non-interlaced; our own writer, not libpng's:
/// the row filters are vectorised loops). `fill(y, rows, out)` writes rows [y, y + rows) as
/// interleaved samples (uint16 for 16 bits, uint8 for 8), at most `stripRows` rows at a
/// time, so a large image never needs a full-size buffer. `what` names the file in errors.
Result<std::vector<std::uint8_t>> encodePng(
    int width, int height, const PngEncoding& encoding, int stripRows,
    const std::function<void(int y, int rows, void* out)>& fill, const std::string& what);

/// Decodes a PNG held in memory row strip by row strip, as 16-bit samples (8-bit files come
/// out as v * 257) with the file's own straight alpha. libpng directly: nothing is printed,
/// every problem comes back as an error naming the file. An interlaced PNG is decoded whole
/// when opened (its rows arrive in seven passes); callers bound its size first.
class PngReader {
public:
    /// `bytes` must outlive the reader.
    static Result<PngReader> open(std::span<const std::uint8_t> bytes, std::string what);
    PngReader(PngReader&&) noexcept;
    PngReader& operator=(PngReader&&) noexcept;
    ~PngReader();

    int width() const;
    int height() const;
    int channels() const;      ///< 1..4 as decoded (a palette comes out as RGB or RGBA)
    int alphaChannel() const;  ///< index of alpha, or -1
    /// Rows [y, y + rows) into `out` (width * channels samples a row). Call with increasing y.
    Result<void> readRows(int y, int rows, std::uint16_t* out);

    struct State;  ///< libpng's state: png_codec.cpp only

private:
    explicit PngReader(std::unique_ptr<State> state);
    std::unique_ptr<State> m_state;
};

}  // namespace signe::core::ora
