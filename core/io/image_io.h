// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <filesystem>
#include <functional>
#include <string>
#include <vector>

#include "core/document.h"
#include "core/io/raster_format.h"
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

/// OpenEXR sample type.
enum class ExrSamples { Half, Float };

/// How exportFlattened writes. Every option is checked against the format before anything is
/// written; one that does not apply (16-bit JPEG, quality for PNG) is an error naming the
/// option and the format.
struct ExportOptions {
    /// Bits a channel: PNG 8 or 16; TIFF 8, 16 or 32 (32-bit float); JPEG and WebP 8. OpenEXR
    /// does not use it: its samples are floating point, as `exrSamples` says.
    int bitsPerSample = 8;
    ExrSamples exrSamples = ExrSamples::Half;  ///< OpenEXR only
    /// OpenEXR only: a multi-part file whose first part is the flattened picture and each
    /// further part one visible paint layer (bottom to top), named after it: its pixels times
    /// its opacity (and its groups'), over the canvas, blend modes not applied.
    bool exrLayerParts = false;
    int quality = 0;        ///< JPEG and lossy WebP, 1..100; 0 means the default, 90
    bool lossless = false;  ///< WebP only (not available with OpenImageIO 2.4: an error)
    /// Resize by this factor (> 0), or to `width` x `height` pixels when either is set (the
    /// other follows the aspect ratio when 0); not both. Resampled by OpenImageIO's resize on
    /// premultiplied values. A resized export holds the full-size composite in memory (16
    /// bytes a pixel); an unscaled one streams in strips.
    double scale = 1.0;
    int width = 0;
    int height = 0;
    bool withBackground = true;  ///< JPEG, which has no alpha, shows white where this leaves it
    ExportLighting lighting = ExportLighting::AsDocument;
    int threads = 1;
    ProgressCallback progress;  ///< fractions 0..1, rising, ending at 1
};

/// Writes the flattened document to an image file whose format follows the extension: PNG,
/// JPEG, TIFF, OpenEXR or WebP (core/io/raster_format.h). PNG, TIFF and WebP hold straight
/// (unpremultiplied) alpha and sRGB-encoded colour tagged sRGB; JPEG holds the picture over
/// white where it is transparent, tagged sRGB; OpenEXR holds linear-light colour premultiplied
/// by alpha, tagged linear with Rec. 709 / sRGB primaries. The file is written beside the
/// target and renamed over it, so a failure never leaves a half-written file in its place.
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

/// How an image file becomes a document or a layer.
struct ImportOptions {
    /// Larger images are refused from their header, before any pixel is decoded.
    int maxSide = int(kMaxCanvasSide);
    /// For a new document: its background, and its resolution when the file names none.
    Color16 background{65535, 65535, 65535, 65535};
    double dpi = 300.0;
    ProgressCallback progress;  ///< fractions 0..1 as rows are decoded
};

/// Opens an image file as a new document of its size: PNG, JPEG, TIFF, OpenEXR, WebP, PSD and
/// anything else OpenImageIO reads. One paint layer named after the file, or for a PSD with
/// layers one paint layer per layer OpenImageIO exposes (bottom to top, with the layer's name
/// and position; OpenImageIO 2.4 exposes neither opacity, visibility nor blend mode). Colour
/// becomes Signe's premultiplied, sRGB-encoded 16 bits: linear files (OpenEXR) are encoded to
/// sRGB, straight alpha is premultiplied, 8-bit codes scale exactly (v x 257). The new
/// document has no history. Errors name the file and the problem.
Result<std::unique_ptr<Document>> openImageAsDocument(const std::filesystem::path& path,
                                                      const ImportOptions& options = {});

/// Adds an image file as a new paint layer named after the file, its top-left corner at the
/// canvas origin, under `parent` (kNoLayer: the root) at `index` (-1: on top). A layered PSD
/// comes in as its merged picture. One undoable history entry, "Import image".
Result<LayerId> importImageAsLayer(Document& doc, const std::filesystem::path& path,
                                   const ImportOptions& options = {}, LayerId parent = kNoLayer,
                                   int index = -1);

/// Reads the header of any image file OpenImageIO understands.
Result<ImageInfo> readImageInfo(const std::filesystem::path& path);

}  // namespace signe::core
