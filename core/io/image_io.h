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

/// Whether an export shows the impasto lit (docs/architecture.md, "Impasto").
enum class ExportLighting {
    AsDocument,  ///< lit when the document's light is on, as the canvas shows it
    Lit,         ///< lit by the document's light even when it is switched off
    Unlit,       ///< colour only, whatever the light
};

struct ExportOptions {
    int bitsPerSample = 8;  ///< 8 or 16
    bool withBackground = true;
    ExportLighting lighting = ExportLighting::AsDocument;
    int threads = 1;
    ProgressCallback progress;
};

/// Writes the flattened document to an image file whose format follows the extension (PNG now;
/// more formats come with the file-format work). Alpha is written straight (unpremultiplied), as
/// PNG requires, and tagged sRGB. The file is written beside the target and renamed over it, so
/// a failure never leaves a half-written file in its place.
Result<void> exportFlattened(Document& doc, const std::filesystem::path& path,
                             const ExportOptions& options = {});

/// Writes the document's impasto height as a 16-bit greyscale PNG of the canvas size: each
/// pixel the Thickness16 sum of the visible paint layers, each times its opacity (see
/// accumulateThickness), rounded and clamped to 0..65535, so a single layer at full opacity
/// round-trips exactly. The values are data, not colour: no colour space is tagged. Atomic
/// like exportFlattened.
Result<void> exportThickness(Document& doc, const std::filesystem::path& path,
                             const ProgressCallback& progress = {});

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

/// An image as layer pixels: premultiplied, sRGB-encoded, 16 bits a channel, row-major.
struct PixelImage {
    int width = 0;
    int height = 0;
    std::vector<Pixel16> pixels;
};

/// Reads an image's colour as layer pixels: grey or RGB, with or without alpha, 8 or 16 bits,
/// taken as sRGB. Refuses images larger than `maxSide` a side before decoding them; errors
/// name the file.
Result<PixelImage> readPixelImage(const std::filesystem::path& path, int maxSide = 16384);

/// Reads the header of any image file OpenImageIO understands.
Result<ImageInfo> readImageInfo(const std::filesystem::path& path);

}  // namespace signe::core
