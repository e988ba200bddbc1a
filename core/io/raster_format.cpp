// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/io/raster_format.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <string>
#include <utility>

namespace signe::core {

Result<RasterFormat> rasterFormatForPath(const std::filesystem::path& path)
{
    static constexpr std::array<std::pair<std::string_view, RasterFormat>, 7> kExtensions{{
        {".png", RasterFormat::Png},
        {".jpg", RasterFormat::Jpeg},
        {".jpeg", RasterFormat::Jpeg},
        {".tif", RasterFormat::Tiff},
        {".tiff", RasterFormat::Tiff},
        {".exr", RasterFormat::OpenExr},
        {".webp", RasterFormat::WebP},
    }};
    std::string ext = path.extension().string();
    std::transform(ext.begin(), ext.end(), ext.begin(),
                   [](unsigned char c) { return char(std::tolower(c)); });
    for (const auto& [known, format] : kExtensions)
        if (ext == known) return format;
    return fail(ErrorCode::Unsupported, "cannot export '" + path.string() +
                                            "': unknown extension '" + ext +
                                            "' (known: .png .jpg .jpeg .tif .tiff .exr .webp)");
}

std::string_view rasterFormatName(RasterFormat format)
{
    switch (format) {
        case RasterFormat::Png:
            return "PNG";
        case RasterFormat::Jpeg:
            return "JPEG";
        case RasterFormat::Tiff:
            return "TIFF";
        case RasterFormat::OpenExr:
            return "OpenEXR";
        case RasterFormat::WebP:
            return "WebP";
    }
    return "?";
}

}  // namespace signe::core
