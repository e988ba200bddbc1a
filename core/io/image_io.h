// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <filesystem>
#include <functional>
#include <string>
#include <vector>

#include "core/document.h"
#include "core/result.h"

namespace signe::core {

/// What an image file holds, read from its header without decoding the pixels.
struct ImageInfo {
    int width = 0;
    int height = 0;
    int channels = 0;
    int bitsPerSample = 0;
    std::string format;  ///< OpenImageIO's format name: "png", "jpeg", "tiff", "openexr"...
};

/// Called with the fraction done (0..1) during long operations.
using ProgressCallback = std::function<void(double fraction)>;

struct ExportOptions {
    int bitsPerSample = 8;  ///< 8 or 16
    bool withBackground = true;
    int threads = 1;
    ProgressCallback progress;
};

/// Writes the flattened document to an image file whose format follows the extension (PNG now;
/// more formats come with the file-format work). Alpha is written straight (unpremultiplied), as
/// PNG requires, and tagged sRGB. The file is written beside the target and renamed over it, so
/// a failure never leaves a half-written file in its place.
Result<void> exportFlattened(Document& doc, const std::filesystem::path& path,
                             const ExportOptions& options = {});

/// One channel of an image, 0..1, row-major.
struct GrayImage {
    int width = 0;
    int height = 0;
    std::vector<float> values;
};

/// Reads an image as coverage for a brush tip or texture: its alpha where it has one, else its
/// luminance (Rec. 709 weights on the stored values). Refuses images larger than `maxSide` a
/// side before decoding them.
Result<GrayImage> readCoverageImage(const std::filesystem::path& path, int maxSide = 4096);

/// Reads the header of any image file OpenImageIO understands.
Result<ImageInfo> readImageInfo(const std::filesystem::path& path);

}  // namespace signe::core
