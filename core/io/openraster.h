// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "core/document.h"
#include "core/io/image_io.h"
#include "core/result.h"

namespace signe::core {

/// How saveOpenRaster writes.
struct OraSaveOptions {
    int threads = 0;      ///< layers encoded at once; 0: one per core
    /// PNG compression, 0 .. 9 (docs/openraster.md, "Costs"). 0: stored, no filter. 1 .. 3:
    /// the Up filter and zlib's run-length strategy (fastest to save and load). 4 .. 6: the
    /// Paeth filter and run-length (about 17% smaller, 20% more work). 7 .. 9: libpng's
    /// adaptive filters and zlib's full search at that level (smallest, several times slower).
    int compression = 6;
    /// The preset used last, kept in signe/document.json for the app to select again
    /// (the document does not hold it: it is a setting of the session that painted it).
    std::string lastPreset;
    /// Fraction done, 0..1. Called on the calling thread only, between pieces of work.
    ProgressCallback progress;
};

/// How loadOpenRaster reads.
struct OraLoadOptions {
    int threads = 0;  ///< layers decoded at once; 0: one per core
    /// Fraction done, 0..1. Called on the calling thread only, between pieces of work.
    ProgressCallback progress;
};

/// A document read from a file, with what had to be guessed or dropped on the way.
struct LoadedDocument {
    std::unique_ptr<Document> document;
    /// One line per problem that did not stop the load, naming the place and the value
    /// ("stack.xml line 7: layer 'Ink': unknown composite-op 'svg:foo'; using normal").
    std::vector<std::string> warnings;
    /// The layer the file marks selected (OpenRaster selected="true"), or kNoLayer.
    LayerId selected = kNoLayer;
    /// The preset used last, from signe/document.json ("" when the file names none).
    std::string lastPreset;
};

/// Writes `doc` as an OpenRaster file (docs/openraster.md has the layout and Signe's
/// namespace): `mimetype` first and stored, stack.xml, one 16-bit straight-alpha PNG per
/// paint layer cropped to its stored tiles (8-bit when that holds it exactly), the background
/// colour as a marked bottom layer (unless it is transparent) so that other programs show it,
/// Signe's extra channels and document data under signe/, and mergedimage.png and
/// Thumbnails/thumbnail.png (at most 256 px a side), the layers over the background. Layers
/// are encoded in parallel, and the archive is written while they are. The file is written
/// beside `path`, flushed to disk and renamed over it: a failure at any point leaves the old
/// file as it was.
/// Reads the document only (the compositor it uses listens to it while saving); the
/// document's history is untouched.
Result<void> saveOpenRaster(Document& doc, const std::filesystem::path& path,
                            const OraSaveOptions& options = {});

/// Reads an OpenRaster file written by Signe, Krita, MyPaint or any writer following the
/// spec: layers, groups, names, visibility, opacity, blend modes, offsets, isolation, edit
/// locks and, from Signe's namespace, alpha locks, layer offsets, thickness, wetness and
/// drying, light, background, the document's drying and paint clock, and the last preset.
/// Signe's background layer (or, in a file without Signe's data, a bottom "Background" layer
/// of one opaque colour) becomes the document's background, not a layer. The new
/// document has no history. Hostile or damaged files give an error naming the problem, never a
/// crash, a huge allocation or a file written anywhere.
Result<LoadedDocument> loadOpenRaster(const std::filesystem::path& path,
                                      const OraLoadOptions& options = {});

}  // namespace signe::core
