// SPDX-License-Identifier: GPL-3.0-or-later
// exportFlattened: the flattened picture (and, for OpenEXR, each layer) to PNG, JPEG, TIFF,
// OpenEXR or WebP through OpenImageIO.
#include <OpenImageIO/imagebuf.h>
#include <OpenImageIO/imagebufalgo.h>
#include <OpenImageIO/imageio.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <string>
#include <vector>

#include "core/compositor.h"
#include "core/io/image_io.h"
#include "core/io/oiio_files.h"
#include "core/io/pixel_encoding.h"

namespace signe::core {

namespace {

namespace fs = std::filesystem;

constexpr int kDefaultQuality = 90;

/// Everything exportFlattened decided from the options, checked before anything is written.
struct ExportPlan {
    RasterFormat format = RasterFormat::Png;
    OIIO::TypeDesc sampleType = OIIO::TypeDesc::UINT8;  ///< what the file stores
    int channels = 4;
    int width = 0;  ///< output size, after scaling
    int height = 0;
    bool resized = false;
    int quality = kDefaultQuality;
    bool lossless = false;  ///< WebP
};

/// OpenImageIO before 2.5 writes WebP through YUV even when asked for lossless, and takes
/// every RGBA it is handed as premultiplied in linear light, whatever oiio:UnassociatedAlpha
/// says (measured with Debian's 2.4.7; see toWebPWriterInput).
bool webpWriterIgnoresStraightAlpha()
{
    return OIIO::openimageio_version() < 20500;
}

/// "2.4.7" for the OpenImageIO library loaded (its version number is 20407).
std::string oiioVersion()
{
    const int v = OIIO::openimageio_version();
    return std::to_string(v / 10000) + "." + std::to_string(v / 100 % 100) + "." +
           std::to_string(v % 100);
}

Result<ExportPlan> planExport(const Document& doc, const fs::path& path,
                              const ExportOptions& options)
{
    auto format = rasterFormatForPath(path);
    if (!format) return tl::unexpected(format.error());
    ExportPlan plan;
    plan.format = *format;
    const std::string name(rasterFormatName(plan.format));
    auto reject = [&](const std::string& what) {
        return fail(ErrorCode::InvalidArgument,
                    "cannot export '" + path.string() + "' as " + name + ": " + what);
    };

    const int bits = options.bitsPerSample;
    switch (plan.format) {
        case RasterFormat::Png:
            if (bits != 8 && bits != 16)
                return reject("bitsPerSample " + std::to_string(bits) + " is not 8 or 16");
            plan.sampleType = bits == 16 ? OIIO::TypeDesc::UINT16 : OIIO::TypeDesc::UINT8;
            break;
        case RasterFormat::Tiff:
            if (bits != 8 && bits != 16 && bits != 32)
                return reject("bitsPerSample " + std::to_string(bits) +
                              " is not 8, 16 or 32 (float)");
            plan.sampleType = bits == 32   ? OIIO::TypeDesc::FLOAT
                              : bits == 16 ? OIIO::TypeDesc::UINT16
                                           : OIIO::TypeDesc::UINT8;
            break;
        case RasterFormat::Jpeg:
        case RasterFormat::WebP:
            if (bits != 8)
                return reject("bitsPerSample " + std::to_string(bits) +
                              " is not possible: " + name + " holds 8 bits a channel");
            plan.channels = plan.format == RasterFormat::Jpeg ? 3 : 4;
            break;
        case RasterFormat::OpenExr:
            plan.sampleType = options.exrSamples == ExrSamples::Float ? OIIO::TypeDesc::FLOAT
                                                                      : OIIO::TypeDesc::HALF;
            break;
    }
    const bool exr = plan.format == RasterFormat::OpenExr;
    if (!exr && options.exrSamples != ExrSamples::Half)
        return reject("exrSamples applies to OpenEXR only");
    if (!exr && options.exrLayerParts) return reject("exrLayerParts applies to OpenEXR only");

    const bool compressed = plan.format == RasterFormat::Jpeg || plan.format == RasterFormat::WebP;
    if (options.quality != 0) {
        if (!compressed) return reject("quality applies to JPEG and WebP only");
        if (options.quality < 1 || options.quality > 100)
            return reject("quality " + std::to_string(options.quality) +
                          " is out of range: it must be between 1 and 100");
        if (options.lossless) return reject("quality does not apply to lossless WebP");
        plan.quality = options.quality;
    }
    plan.lossless = options.lossless;
    if (options.lossless) {
        if (plan.format != RasterFormat::WebP) return reject("lossless applies to WebP only");
        if (webpWriterIgnoresStraightAlpha())
            return fail(ErrorCode::Unsupported,
                        "cannot export '" + path.string() + "' as lossless WebP: OpenImageIO " +
                            oiioVersion() +
                            " writes lossy WebP only (lossless needs OpenImageIO 2.5 or later)");
    }

    // Output size: a factor or a target size, never both.
    if (options.width < 0 || options.height < 0)
        return reject("a target size cannot be negative (" + std::to_string(options.width) + "x" +
                      std::to_string(options.height) + ")");
    const bool target = options.width > 0 || options.height > 0;
    if (!(options.scale > 0.0) || !std::isfinite(options.scale))
        return reject("scale " + std::to_string(options.scale) + " must be above 0");
    if (target && options.scale != 1.0) return reject("give a scale or a target size, not both");
    const double w = doc.width(), h = doc.height();
    double outW = w * options.scale, outH = h * options.scale;
    if (target) {
        outW = options.width > 0 ? options.width : w * options.height / h;
        outH = options.height > 0 ? options.height : h * options.width / w;
    }
    outW = std::max(1.0, std::round(outW));
    outH = std::max(1.0, std::round(outH));
    if (outW > double(kMaxCanvasSide) || outH > double(kMaxCanvasSide))
        return reject("the scaled size " + std::to_string(std::llround(outW)) + "x" +
                      std::to_string(std::llround(outH)) + " is above the limit of " +
                      std::to_string(kMaxCanvasSide) + " pixels a side");
    plan.width = int(outW);
    plan.height = int(outH);
    plan.resized = plan.width != doc.width() || plan.height != doc.height();
    return plan;
}

/// One part of the file: the flattened picture (layer == nullptr) or one paint layer.
struct PartSource {
    std::string name;
    const Layer* layer = nullptr;
    float opacity = 1.0f;  ///< the layer's times its groups'
};

/// The visible paint layers under `group`, bottom to top, with their effective opacity.
void collectVisibleLayers(const Layer& group, float opacity, std::vector<PartSource>& out)
{
    for (const auto& child : group.children()) {
        const LayerProperties& p = child->properties();
        if (!p.visible) continue;
        if (child->isGroup())
            collectVisibleLayers(*child, opacity * p.opacity, out);
        else
            out.push_back({p.name, child.get(), opacity * p.opacity});
    }
}

/// Makes part names unique (OpenEXR requires it): a repeated name gets " 2", " 3"...
void uniquifyNames(std::vector<PartSource>& parts)
{
    std::vector<std::string> taken;
    for (PartSource& part : parts) {
        std::string name = part.name.empty() ? std::string("Layer") : part.name;
        for (int n = 2; std::find(taken.begin(), taken.end(), name) != taken.end(); ++n)
            name = part.name + " " + std::to_string(n);
        part.name = name;
        taken.push_back(name);
    }
}

/// Fills `out` with the premultiplied, sRGB-encoded float RGBA of canvas rows `rect`.
class StripSource {
public:
    StripSource(Document& doc, const ExportOptions& options)
        : m_compositor(doc),
          m_options(options),
          m_lit(options.lighting == ExportLighting::Lit ||
                (options.lighting == ExportLighting::AsDocument && doc.light().enabled))
    {
    }

    void fill(const PartSource& part, const Rect& rect, float* out)
    {
        if (!part.layer) {
            m_compositor.compositeFloat(rect, out, m_options.withBackground, m_options.threads,
                                        m_lit);
            return;
        }
        const LayerProperties& p = part.layer->properties();
        m_pixels.resize(std::size_t(rect.w) * std::size_t(rect.h));
        part.layer->tiles().readRect(rect.translated(-p.offsetX, -p.offsetY), m_pixels.data(),
                                     rect.w);
        const float k = part.opacity / 65535.0f;
        for (std::size_t i = 0; i < m_pixels.size(); ++i) {
            const Pixel16 px = m_pixels[i];
            out[i * 4 + 0] = float(px.r) * k;
            out[i * 4 + 1] = float(px.g) * k;
            out[i * 4 + 2] = float(px.b) * k;
            out[i * 4 + 3] = float(px.a) * k;
        }
    }

private:
    Compositor m_compositor;
    const ExportOptions& m_options;
    bool m_lit;
    std::vector<Pixel16> m_pixels;
};

/// Converts premultiplied sRGB float rows to what the file stores and writes them.
class RowWriter {
public:
    explicit RowWriter(const ExportPlan& plan) : m_plan(plan) {}

    bool write(OIIO::ImageOutput& out, int y, int rows, const float* src)
    {
        const int n = m_plan.width * rows;
        const std::size_t samples = std::size_t(n) * std::size_t(m_plan.channels);
        switch (m_plan.format) {
            case RasterFormat::Jpeg:
                m_bytes.resize(samples);
                io::toOpaqueOverWhite8(src, m_bytes.data(), n);
                return out.write_scanlines(y, y + rows, 0, OIIO::TypeDesc::UINT8, m_bytes.data());
            case RasterFormat::OpenExr:
                m_floats.resize(samples);
                io::toLinearPremultiplied(src, m_floats.data(), n);
                // OpenImageIO rounds to half when the part stores half.
                return out.write_scanlines(y, y + rows, 0, OIIO::TypeDesc::FLOAT, m_floats.data());
            case RasterFormat::WebP:
                if (webpWriterIgnoresStraightAlpha()) {
                    m_floats.resize(samples);
                    io::toWebPWriterInput(src, m_floats.data(), n);
                    return out.write_scanlines(y, y + rows, 0, OIIO::TypeDesc::FLOAT,
                                               m_floats.data());
                }
                break;
            case RasterFormat::Png:
            case RasterFormat::Tiff:
                break;
        }
        if (m_plan.sampleType == OIIO::TypeDesc::FLOAT) {
            m_floats.resize(samples);
            io::toStraightFloat(src, m_floats.data(), n);
            return out.write_scanlines(y, y + rows, 0, OIIO::TypeDesc::FLOAT, m_floats.data());
        }
        if (m_plan.sampleType == OIIO::TypeDesc::UINT16) {
            m_words.resize(samples);
            io::toStraight16(src, m_words.data(), n);
            return out.write_scanlines(y, y + rows, 0, OIIO::TypeDesc::UINT16, m_words.data());
        }
        m_bytes.resize(samples);
        io::toStraight8(src, m_bytes.data(), n);
        return out.write_scanlines(y, y + rows, 0, OIIO::TypeDesc::UINT8, m_bytes.data());
    }

private:
    const ExportPlan& m_plan;
    std::vector<std::uint8_t> m_bytes;
    std::vector<std::uint16_t> m_words;
    std::vector<float> m_floats;
};

OIIO::ImageSpec partSpec(const Document& doc, const ExportPlan& plan, const PartSource& part)
{
    OIIO::ImageSpec spec(plan.width, plan.height, plan.channels, plan.sampleType);
    // Keep the printed size: a picture scaled to half its pixels gets half the resolution.
    const float dpi = float(doc.dpi() * plan.width / doc.width());
    spec.attribute("XResolution", dpi);
    spec.attribute("YResolution", dpi);
    spec.attribute("ResolutionUnit", "inch");
    switch (plan.format) {
        case RasterFormat::OpenExr: {
            spec.attribute("oiio:ColorSpace", "Linear");
            // Rec. 709 primaries and D65 white: the sRGB primaries, now in linear light.
            const float chromaticities[8] = {0.64f, 0.33f, 0.30f,   0.60f,
                                             0.15f, 0.06f, 0.3127f, 0.3290f};
            spec.attribute("chromaticities", OIIO::TypeDesc(OIIO::TypeDesc::FLOAT, 8),
                           chromaticities);
            spec.attribute("oiio:subimagename", part.name);
            break;
        }
        case RasterFormat::Jpeg:
            spec.attribute("oiio:ColorSpace", "sRGB");
            spec.attribute("Compression", "jpeg:" + std::to_string(plan.quality));
            break;
        case RasterFormat::WebP:
            spec.attribute("oiio:ColorSpace", "sRGB");
            spec.attribute("oiio:UnassociatedAlpha", 1);
            spec.attribute("Compression", plan.lossless ? std::string("lossless")
                                                        : "webp:" + std::to_string(plan.quality));
            break;
        case RasterFormat::Png:
        case RasterFormat::Tiff:
            spec.attribute("oiio:ColorSpace", "sRGB");
            spec.attribute("oiio:UnassociatedAlpha", 1);  // we hand over straight alpha ourselves
            break;
    }
    return spec;
}

}  // namespace

Result<void> exportFlattened(Document& doc, const fs::path& path, const ExportOptions& options)
{
    auto planned = planExport(doc, path, options);
    if (!planned) return tl::unexpected(planned.error());
    const ExportPlan& plan = *planned;

    std::vector<PartSource> parts{{"Flattened", nullptr, 1.0f}};
    if (options.exrLayerParts) collectVisibleLayers(doc.root(), 1.0f, parts);
    uniquifyNames(parts);
    std::vector<OIIO::ImageSpec> specs;
    for (const PartSource& part : parts) specs.push_back(partSpec(doc, plan, part));

    StripSource source(doc, options);
    RowWriter writer(plan);
    const int w = doc.width(), h = doc.height();
    const double share = 1.0 / double(parts.size());
    auto report = [&](int part, double within) {
        if (options.progress) options.progress((part + within) * share);
    };

    return io::writeAtomically(path, specs, [&](OIIO::ImageOutput& out, int partIndex) {
        const PartSource& part = parts[std::size_t(partIndex)];
        if (!plan.resized) {
            // Strips of one tile row keep memory flat whatever the canvas size.
            std::vector<float> strip(std::size_t(w) * kTileSize * 4);
            for (int y = 0; y < h; y += kTileSize) {
                const int rows = std::min(kTileSize, h - y);
                source.fill(part, {0, y, w, rows}, strip.data());
                if (!writer.write(out, y, rows, strip.data())) return false;
                report(partIndex, double(y + rows) / h);
            }
            return true;
        }
        // Resampling needs the whole picture: composite it, resize it premultiplied (so
        // transparent pixels lend no colour to their neighbours), then write it.
        OIIO::ImageBuf full(OIIO::ImageSpec(w, h, 4, OIIO::TypeDesc::FLOAT));
        auto* pixels = static_cast<float*>(full.localpixels());
        for (int y = 0; y < h; y += kTileSize) {
            const int rows = std::min(kTileSize, h - y);
            source.fill(part, {0, y, w, rows}, pixels + std::size_t(y) * std::size_t(w) * 4);
            report(partIndex, 0.8 * (y + rows) / h);
        }
        OIIO::ImageBuf scaled(OIIO::ImageSpec(plan.width, plan.height, 4, OIIO::TypeDesc::FLOAT));
        if (!OIIO::ImageBufAlgo::resize(scaled, full, "", 0.0f, {}, std::max(1, options.threads))) {
            out.errorfmt("resize failed: {}", scaled.geterror());
            return false;
        }
        full.reset();  // free the full-size picture before writing
        const auto* resized = static_cast<const float*>(scaled.localpixels());
        for (int y = 0; y < plan.height; y += kTileSize) {
            const int rows = std::min(kTileSize, plan.height - y);
            if (!writer.write(out, y, rows, resized + std::size_t(y) * std::size_t(plan.width) * 4))
                return false;
            report(partIndex, 0.8 + 0.2 * (y + rows) / plan.height);
        }
        return true;
    });
}

}  // namespace signe::core
