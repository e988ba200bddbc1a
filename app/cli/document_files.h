// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <filesystem>

#include "core/io/image_io.h"
#include "core/io/openraster.h"
#include "core/result.h"

namespace signe::cli {

/// What a path's extension says signe-cli writes there.
enum class OutputKind {
    OpenRaster,  ///< .ora: the layered document
    Raster,      ///< .png .jpg .jpeg .tif .tiff .exr .webp: the flattened picture
};

/// True for a .ora path (any case).
bool isOpenRasterPath(const std::filesystem::path& path);

/// The kind for `path`, or an InvalidArgument error naming the file and the extensions known,
/// so that a misnamed output is refused before any work is done.
core::Result<OutputKind> outputKindFor(const std::filesystem::path& path);

/// Opens any document signe-cli reads: .ora through loadOpenRaster, anything else through
/// openImageAsDocument (one layer, or a PSD's layers). Errors name the file; loading warnings
/// come back in the value.
core::Result<core::LoadedDocument> loadDocumentFile(const std::filesystem::path& path, int threads,
                                                    const core::ProgressCallback& progress);

/// Writes `doc` to `path` by its extension: .ora through saveOpenRaster (with `options`'
/// threads and progress), anything else flattened through exportFlattened with `options`.
/// Errors name the file; an option the format refuses is an InvalidArgument error.
core::Result<void> saveDocumentFile(core::Document& doc, const std::filesystem::path& path,
                                    const core::ExportOptions& options);

}  // namespace signe::cli
