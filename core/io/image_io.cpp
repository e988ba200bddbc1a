// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/io/image_io.h"

#include <OpenImageIO/imageio.h>

#include <algorithm>
#include <limits>
#include <memory>
#include <system_error>
#include <vector>

#include "core/compositor.h"
#include "core/height_field.h"

namespace signe::core {

namespace {

namespace fs = std::filesystem;

/// "out.png" -> "out.png.signe-partial.png": same folder (so rename is atomic), same extension
/// (so OpenImageIO picks the same format).
fs::path partialPath(const fs::path& target)
{
    fs::path p = target;
    p += ".signe-partial";
    p += target.extension();
    return p;
}

template <class T>
void unpremultiplyRow(const float* src, T* dst, int pixels, float scale)
{
    for (int i = 0; i < pixels; ++i) {
        const float a = std::clamp(src[i * 4 + 3], 0.0f, 1.0f);
        const float inv = a > 0.0f ? 1.0f / a : 0.0f;
        for (int ch = 0; ch < 3; ++ch)
            dst[i * 4 + ch] = T(std::clamp(src[i * 4 + ch] * inv, 0.0f, 1.0f) * scale + 0.5f);
        dst[i * 4 + 3] = T(a * scale + 0.5f);
    }
}

/// Opens an image for reading, with errors that tell a missing file from an unreadable one,
/// and refuses one larger than `maxSide` a side before anything is decoded. `config` asks
/// OpenImageIO for a particular view of the file (may be null).
Result<std::unique_ptr<OIIO::ImageInput>> openImage(const fs::path& path, int maxSide,
                                                    const OIIO::ImageSpec* config = nullptr)
{
    std::error_code ec;
    if (!fs::exists(path, ec))
        return fail(ErrorCode::NotFound, "no such file '" + path.string() + "'");
    auto in = OIIO::ImageInput::open(path.string(), config);
    if (!in)
        return fail(ErrorCode::Corrupt,
                    "cannot read '" + path.string() + "': " + OIIO::geterror());
    const OIIO::ImageSpec& spec = in->spec();
    if (spec.width < 1 || spec.height < 1 || spec.width > maxSide || spec.height > maxSide)
        return fail(ErrorCode::InvalidArgument,
                    "'" + path.string() + "' is " + std::to_string(spec.width) + "x" +
                        std::to_string(spec.height) + "; the limit is " +
                        std::to_string(maxSide) + " a side");
    return in;
}

/// Writes `spec` beside `path` through `body` (which returns false on a write error) and
/// renames the finished file over `path`; on any failure the target is left as it was.
Result<void> writeAtomically(const fs::path& path, const OIIO::ImageSpec& spec,
                             const std::function<bool(OIIO::ImageOutput&)>& body)
{
    const fs::path partial = partialPath(path);
    auto out = OIIO::ImageOutput::create(path.string());
    if (!out)
        return fail(ErrorCode::Unsupported, "cannot write '" + path.string() +
                                                "': " + OIIO::geterror());
    if (!out->open(partial.string(), spec))
        return fail(ErrorCode::IoError, "cannot write '" + path.string() + "': " + out->geterror());
    bool ok = body(*out);
    const std::string error = ok ? std::string() : out->geterror();
    ok = out->close() && ok;
    std::error_code ec;
    if (!ok) {
        fs::remove(partial, ec);
        return fail(ErrorCode::IoError, "cannot write '" + path.string() + "': " + error);
    }
    fs::rename(partial, path, ec);
    if (ec) {
        fs::remove(partial, ec);
        return fail(ErrorCode::IoError,
                    "cannot replace '" + path.string() + "': " + ec.message());
    }
    return {};
}

}  // namespace

Result<void> exportFlattened(Document& doc, const fs::path& path, const ExportOptions& options)
{
    if (options.bitsPerSample != 8 && options.bitsPerSample != 16)
        return fail(ErrorCode::InvalidArgument,
                    "unsupported bit depth " + std::to_string(options.bitsPerSample) +
                        ": PNG export writes 8 or 16 bits");
    const bool wide = options.bitsPerSample == 16;
    OIIO::ImageSpec spec(doc.width(), doc.height(), 4,
                         wide ? OIIO::TypeDesc::UINT16 : OIIO::TypeDesc::UINT8);
    spec.attribute("oiio:ColorSpace", "sRGB");
    spec.attribute("oiio:UnassociatedAlpha", 1);  // we hand over straight alpha ourselves
    spec.attribute("XResolution", float(doc.dpi()));
    spec.attribute("YResolution", float(doc.dpi()));
    spec.attribute("ResolutionUnit", "inch");
    const bool lit = options.lighting == ExportLighting::Lit ||
                     (options.lighting == ExportLighting::AsDocument && doc.light().enabled);

    return writeAtomically(path, spec, [&](OIIO::ImageOutput& out) {
        // Strips of one tile row keep memory flat whatever the canvas size.
        Compositor compositor(doc);
        const int w = doc.width();
        std::vector<float> strip(std::size_t(w) * kTileSize * 4);
        std::vector<std::uint16_t> row16(wide ? std::size_t(w) * kTileSize * 4 : 0);
        std::vector<std::uint8_t> row8(wide ? 0 : std::size_t(w) * kTileSize * 4);
        bool ok = true;
        for (int y = 0; y < doc.height() && ok; y += kTileSize) {
            const int rows = std::min(kTileSize, doc.height() - y);
            compositor.compositeFloat({0, y, w, rows}, strip.data(), options.withBackground,
                                      options.threads, lit);
            if (wide) {
                unpremultiplyRow(strip.data(), row16.data(), w * rows, 65535.0f);
                ok = out.write_scanlines(y, y + rows, 0, OIIO::TypeDesc::UINT16, row16.data());
            } else {
                unpremultiplyRow(strip.data(), row8.data(), w * rows, 255.0f);
                ok = out.write_scanlines(y, y + rows, 0, OIIO::TypeDesc::UINT8, row8.data());
            }
            if (options.progress) options.progress(double(y + rows) / doc.height());
        }
        return ok;
    });
}

Result<void> exportThickness(Document& doc, const fs::path& path,
                             const ProgressCallback& progress)
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
    if (!in->read_image(0, 0, 0, channels, OIIO::TypeDesc::FLOAT, pixels.data()))
        return fail(ErrorCode::Corrupt, "cannot read '" + path.string() + "': " + in->geterror());
    GrayImage out{spec.width, spec.height, {}};
    out.values.resize(std::size_t(spec.width) * std::size_t(spec.height));
    const int alpha = spec.alpha_channel;
    for (std::size_t i = 0; i < out.values.size(); ++i) {
        const float* p = &pixels[i * std::size_t(channels)];
        float v = alpha >= 0 ? p[alpha]
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
    if (!in->read_image(0, 0, 0, channels, OIIO::TypeDesc::UINT16, values.data()))
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
