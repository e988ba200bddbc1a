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
