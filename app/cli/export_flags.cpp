// SPDX-License-Identifier: GPL-3.0-or-later
#include "app/cli/export_flags.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <thread>

#include "app/cli/document_files.h"
#include "core/io/raster_format.h"

namespace signe::cli {

using core::ErrorCode;
using core::fail;

const char* const kExportFlagsUsage =
    R"(  --bits 8|16|32      bits a channel: PNG 8 or 16, TIFF 8, 16 or 32 (float), JPEG and
                      WebP 8 (default 8)
  --quality N         JPEG and WebP quality, 1 to 100 (default 90)
  --exr half|float    OpenEXR sample type (default half)
  --exr-layers        OpenEXR: one more part per visible paint layer, named after it
  --scale F           resize by the factor F (above 0)
  --width N, --height N
                      resize to N pixels wide or high (the other side keeps the aspect
                      ratio unless given too); not with --scale
  --no-background     leave the background colour out (transparent where nothing is
                      painted; JPEG shows white there)
  --threads N         threads to read, composite and write with (default: one per core)
)";

std::vector<std::string> exportValueNames()
{
    return {"bits", "quality", "exr", "scale", "width", "height", "threads"};
}

std::vector<std::string> exportSwitchNames()
{
    return {"exr-layers", "no-background"};
}

namespace {

core::Result<long> wholeNumber(const CliOptions& o, const std::string& name, long lo, long hi,
                               const std::string& rule)
{
    const std::string text = *o.value(name);
    long v = 0;
    const auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
    if (text.empty() || ec != std::errc() || ptr != text.data() + text.size() || v < lo || v > hi)
        return fail(ErrorCode::InvalidArgument, "--" + name + ": '" + text + "' " + rule);
    return v;
}

}  // namespace

core::Result<ExportFlags> readExportFlags(const CliOptions& o)
{
    ExportFlags out;
    core::ExportOptions& e = out.options;
    auto rasterOnly = [&](const std::string& name) { out.rasterOnly.push_back("--" + name); };

    if (o.has("bits")) {
        const std::string text = *o.value("bits");
        if (text != "8" && text != "16" && text != "32")
            return fail(ErrorCode::InvalidArgument, "--bits: '" + text + "' must be 8, 16 or 32");
        e.bitsPerSample = std::stoi(text);
        rasterOnly("bits");
    }
    if (o.has("quality")) {
        auto v = wholeNumber(o, "quality", 1, 100, "must be a whole number from 1 to 100");
        if (!v) return tl::unexpected(v.error());
        e.quality = int(*v);
        rasterOnly("quality");
    }
    if (o.has("exr")) {
        const std::string text = *o.value("exr");
        if (text == "half") {
            e.exrSamples = core::ExrSamples::Half;
        } else if (text == "float") {
            e.exrSamples = core::ExrSamples::Float;
        } else {
            return fail(ErrorCode::InvalidArgument,
                        "--exr: unknown sample type '" + text + "': expected half or float");
        }
        rasterOnly("exr");
    }
    if (o.flag("exr-layers")) {
        e.exrLayerParts = true;
        rasterOnly("exr-layers");
    }
    if (o.has("scale")) {
        const std::string text = *o.value("scale");
        double v = 0;
        const auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
        if (text.empty() || ec != std::errc() || ptr != text.data() + text.size() ||
            !std::isfinite(v) || !(v > 0.0))
            return fail(ErrorCode::InvalidArgument,
                        "--scale: '" + text + "' must be a number above 0");
        e.scale = v;
        rasterOnly("scale");
    }
    for (const char* name : {"width", "height"}) {
        if (!o.has(name)) continue;
        // The canvas limit bounds what a target size can sensibly be; the exporter checks the
        // size it works out from the aspect ratio.
        auto v = wholeNumber(
            o, name, 1, long(core::kMaxCanvasSide),
            "must be a whole number of pixels from 1 to " + std::to_string(core::kMaxCanvasSide));
        if (!v) return tl::unexpected(v.error());
        (std::string(name) == "width" ? e.width : e.height) = int(*v);
        rasterOnly(name);
    }
    if (o.has("scale") && (o.has("width") || o.has("height")))
        return fail(ErrorCode::InvalidArgument,
                    "--scale and --width/--height cannot be used together: choose one");
    if (o.flag("no-background")) {
        e.withBackground = false;
        rasterOnly("no-background");
    }
    e.threads = int(std::max(1u, std::thread::hardware_concurrency()));
    if (o.has("threads")) {
        auto v = wholeNumber(o, "threads", 1, 1024, "must be a whole number from 1 to 1024");
        if (!v) return tl::unexpected(v.error());
        e.threads = int(*v);
    }
    return out;
}

core::Result<void> checkExportFlagsFit(const ExportFlags& flags, const std::filesystem::path& out)
{
    const std::string file = "'" + out.string() + "'";
    if (isOpenRasterPath(out)) {
        if (flags.rasterOnly.empty()) return {};
        return fail(ErrorCode::InvalidArgument, flags.rasterOnly.front() +
                                                    " applies to flattened images only, not to "
                                                    "the OpenRaster file " +
                                                    file);
    }
    auto format = core::rasterFormatForPath(out);
    if (!format) return tl::unexpected(format.error());
    const std::string name(core::rasterFormatName(*format));
    auto given = [&](const char* flag) {
        return std::find(flags.rasterOnly.begin(), flags.rasterOnly.end(), flag) !=
               flags.rasterOnly.end();
    };
    auto refuse = [&](const std::string& why) {
        return fail(ErrorCode::InvalidArgument, why + " (writing " + file + ")");
    };
    const core::ExportOptions& e = flags.options;
    const std::string bits = "--bits " + std::to_string(e.bitsPerSample);
    using core::RasterFormat;
    switch (*format) {
        case RasterFormat::Png:
            if (e.bitsPerSample == 32) return refuse(bits + ": PNG holds 8 or 16 bits a channel");
            break;
        case RasterFormat::Jpeg:
        case RasterFormat::WebP:
            if (e.bitsPerSample != 8) return refuse(bits + ": " + name + " holds 8 bits a channel");
            break;
        case RasterFormat::OpenExr:
            if (given("--bits"))
                return refuse(
                    "--bits does not apply to OpenEXR: choose its samples with --exr "
                    "half|float");
            break;
        case RasterFormat::Tiff:
            break;
    }
    const bool exr = *format == RasterFormat::OpenExr;
    if (given("--quality") && *format != RasterFormat::Jpeg && *format != RasterFormat::WebP)
        return refuse("--quality applies to JPEG and WebP only, not to " + name);
    if (given("--exr") && !exr) return refuse("--exr applies to OpenEXR only, not to " + name);
    if (given("--exr-layers") && !exr)
        return refuse("--exr-layers applies to OpenEXR only, not to " + name);
    return {};
}

}  // namespace signe::cli
