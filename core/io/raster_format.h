// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <filesystem>
#include <string_view>

#include "core/result.h"

namespace signe::core {

/// The raster formats Signe exports; the file's extension chooses one.
enum class RasterFormat { Png, Jpeg, Tiff, OpenExr, WebP };

/// The format for `path`'s extension (.png .jpg .jpeg .tif .tiff .exr .webp, any case), or an
/// error naming the extension and listing the ones known.
Result<RasterFormat> rasterFormatForPath(const std::filesystem::path& path);

/// "PNG", "JPEG", "TIFF", "OpenEXR", "WebP": for messages.
std::string_view rasterFormatName(RasterFormat format);

}  // namespace signe::core
