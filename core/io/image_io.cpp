// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/io/image_io.h"

#include <OpenImageIO/imageio.h>

#include <algorithm>
#include <limits>
#include <vector>

#include "core/height_field.h"
#include "core/io/oiio_files.h"

namespace signe::core {

namespace fs = std::filesystem;
using io::openImage;
using io::writeAtomically;

Result<void> exportThickness(Document& doc, const fs::path& path, const ProgressCallback& progress)
{
    OIIO::ImageSpec spec(doc.width(), doc.height(), 1, OIIO::TypeDesc::UINT16);
    spec.attribute("XResolution", float(doc.dpi()));
    spec.attribute("YResolution", float(doc.dpi()));
    spec.attribute("ResolutionUnit", "inch");
    return writeAtomically(path, spec, [&](OIIO::ImageOutput& out) {
        const int w = doc.width();
        std::vector<float> sum(std::size_t(w) * kTileSize);
        std::vector<std::uint16_t> rows16(sum.size());
        bool ok = true;
        for (int y = 0; y < doc.height() && ok; y += kTileSize) {
            const int rows = std::min(kTileSize, doc.height() - y);
            std::fill(sum.begin(), sum.end(), 0.0f);
            accumulateThickness(doc.root(), {0, y, w, rows}, 1.0f, sum.data(), w);
            for (std::size_t i = 0; i < std::size_t(w) * std::size_t(rows); ++i)
                rows16[i] = std::uint16_t(std::clamp(sum[i], 0.0f, 65535.0f) + 0.5f);
            ok = out.write_scanlines(y, y + rows, 0, OIIO::TypeDesc::UINT16, rows16.data());
            if (progress) progress(double(y + rows) / doc.height());
        }
        return ok;
    });
}

Result<GrayImage> readCoverageImage(const fs::path& path, int maxSide)
{
    auto opened = openImage(path, maxSide);
    if (!opened) return tl::unexpected(opened.error());
    auto& in = *opened;
    const OIIO::ImageSpec& spec = in->spec();
    const int channels = spec.nchannels;
    std::vector<float> pixels(std::size_t(spec.width) * std::size_t(spec.height) *
                              std::size_t(channels));
    // A cut-short file may read "successfully" and leave only an error message (TIFF).
    if (!in->read_image(0, 0, 0, channels, OIIO::TypeDesc::FLOAT, pixels.data()) || in->has_error())
        return fail(ErrorCode::Corrupt, "cannot read '" + path.string() + "': " + in->geterror());
    GrayImage out{spec.width, spec.height, {}};
    out.values.resize(std::size_t(spec.width) * std::size_t(spec.height));
    const int alpha = spec.alpha_channel;
    for (std::size_t i = 0; i < out.values.size(); ++i) {
        const float* p = &pixels[i * std::size_t(channels)];
        float v = alpha >= 0      ? p[alpha]
                  : channels >= 3 ? 0.2126f * p[0] + 0.7152f * p[1] + 0.0722f * p[2]
                                  : p[0];
        out.values[i] = v >= 0.0f ? std::min(v, 1.0f) : 0.0f;  // NaN becomes 0
    }
    return out;
}

Result<PixelImage> readPixelImage(const fs::path& path, int maxSide)
{
    // The file's own straight alpha, not OpenImageIO's premultiplied view of it.
    OIIO::ImageSpec config;
    config.attribute("oiio:UnassociatedAlpha", 1);
    auto opened = openImage(path, maxSide, &config);
    if (!opened) return tl::unexpected(opened.error());
    auto& in = *opened;
    const OIIO::ImageSpec& spec = in->spec();
    const int channels = spec.nchannels;
    std::vector<std::uint16_t> values(std::size_t(spec.width) * std::size_t(spec.height) *
                                      std::size_t(channels));
    if (!in->read_image(0, 0, 0, channels, OIIO::TypeDesc::UINT16, values.data()) ||
        in->has_error())
        return fail(ErrorCode::Corrupt, "cannot read '" + path.string() + "': " + in->geterror());
    PixelImage out{spec.width, spec.height, {}};
    out.pixels.resize(std::size_t(spec.width) * std::size_t(spec.height));
    const int alpha = spec.alpha_channel;
    const bool grey = channels - (alpha >= 0 ? 1 : 0) < 3;
    for (std::size_t i = 0; i < out.pixels.size(); ++i) {
        const std::uint16_t* p = &values[i * std::size_t(channels)];
        const std::uint32_t a = alpha >= 0 ? p[alpha] : 65535;
        auto premultiplied = [&](std::uint16_t v) {
            return std::uint16_t((std::uint32_t(v) * a + 32767) / 65535);
        };
        Pixel16& px = out.pixels[i];
        px.r = premultiplied(p[0]);
        px.g = premultiplied(grey ? p[0] : p[1]);
        px.b = premultiplied(grey ? p[0] : p[2]);
        px.a = std::uint16_t(a);
    }
    return out;
}

Result<ImageInfo> readImageInfo(const fs::path& path)
{
    // Any size: only the header is read.
    auto opened = openImage(path, std::numeric_limits<int>::max());
    if (!opened) return tl::unexpected(opened.error());
    auto& in = *opened;
    const OIIO::ImageSpec& spec = in->spec();
    ImageInfo info;
    info.width = spec.width;
    info.height = spec.height;
    info.channels = spec.nchannels;
    info.bitsPerSample = int(spec.format.size() * 8);
    info.format = in->format_name();
    in->close();
    return info;
}

}  // namespace signe::core
