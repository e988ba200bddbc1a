// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <cstdint>
#include <vector>

#include "core/io/ora_progress.h"
#include "core/io/png_encoder.h"
#include "core/result.h"

namespace signe::core {
class Compositor;
class Document;
}  // namespace signe::core

namespace signe::core::ora {

/// An OpenRaster file's mergedimage.png and Thumbnails/thumbnail.png.
struct MergedImagePngs {
    std::vector<std::uint8_t> merged;
    std::vector<std::uint8_t> thumbnail;
};

/// Both PNGs from one pass of `compositor` over `doc` in strips, with `encoding` (8-bit RGBA):
/// the merged image is the composite of the whole stack, as the spec asks, and so over the
/// background, which the file holds as its bottom layer; impasto is lit as the canvas shows
/// it. The thumbnail (at most 256 px a side, same aspect) is a box-filtered copy made in the
/// same pass. Counts the canvas' pixels on `progress`.
Result<MergedImagePngs> encodeMergedImage(const Document& doc, const Compositor& compositor,
                                          const PngEncoding& encoding, ThreadedProgress& progress);

}  // namespace signe::core::ora
