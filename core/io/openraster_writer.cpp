// SPDX-License-Identifier: GPL-3.0-or-later
// saveOpenRaster: the document as stack.xml plus PNGs in a zip (docs/openraster.md).
#include <algorithm>
#include <cmath>
#include <thread>

#include "core/compositor.h"
#include "core/io/durable_file.h"
#include "core/io/openraster.h"
#include "core/io/ora_progress.h"
#include "core/io/ora_channels.h"
#include "core/io/ora_document_data.h"
#include "core/io/ora_pixels.h"
#include "core/io/ora_stack.h"
#include "core/io/ora_zip.h"
#include "core/io/png_codec.h"
#include "core/parallel_for.h"

namespace signe::core {

namespace {

namespace fs = std::filesystem;
using ora::StackEntry;

constexpr int kThumbnailSide = 256;
/// How the PNGs are compressed, from OraSaveOptions::compression. Chosen by measurement
/// (docs/openraster.md, "Costs"; `signe_ora_bench --codec-matrix 1`): painted 16-bit rows
/// after a filter are mostly small, noisy differences with runs where the paint is flat, so
/// zlib's default search for long matches costs several times the time for a few per cent of
/// size; its run-length strategy (Z_RLE) codes the runs and the noise about as well.
/// The filter is the other cost: libpng's Paeth (the smallest files) is plain C, byte by byte,
/// both ways; Up is nearly free both ways and makes files about 17% larger.
ora::PngEncoding encoding(int channels, int bits, bool srgb, int compression)
{
    ora::PngEncoding e{
        channels, bits, srgb, compression, ora::PngFilter::Paeth, ora::PngDeflate::Rle};
    if (compression == 0) {  // stored: no filter either
        e.filter = ora::PngFilter::None;
        e.strategy = ora::PngDeflate::Default;
    } else if (compression <= 3) {  // fastest
        e.filter = ora::PngFilter::Up;
    } else if (compression >= 7) {  // smallest: libpng's adaptive filters, full deflate search
        e.filter = ora::PngFilter::Adaptive;
        e.strategy = ora::PngDeflate::Default;
    }
    return e;
}

/// One PNG to encode: what goes in it and where it goes in the archive.
struct PngJob {
    enum class Kind { Colour, Channel, Merged } kind = Kind::Colour;
    const Layer* layer = nullptr;
    const ora::ExtraChannel* channel = nullptr;
    Rect rect;  ///< layer coordinates (Colour, Channel) or canvas (Merged)
    std::string name;
    std::vector<std::uint8_t> bytes;
    std::vector<std::uint8_t> thumbnail;  ///< Merged: the thumbnail's PNG too
    std::uint64_t work = 0;               ///< pixels, for progress
};


/// Builds the stack entry for `layer` and queues the PNGs it needs.
StackEntry describe(const Layer& layer, std::vector<PngJob>& jobs)
{
    const LayerProperties& p = layer.properties();
    StackEntry e;
    e.isStack = layer.isGroup();
    e.name = p.name;
    e.visible = p.visible;
    e.opacity = p.opacity;
    e.compositeOp = std::string(blendModeName(p.blendMode));
    e.editLocked = p.editLock;
    if (p.alphaLock) e.signe["alpha-lock"] = "true";
    if (p.drying.mode != DryingMode::Inherit) e.signe["drying"] = dryingName(p.drying);
    // The layer's own offset: x and y below carry offset + crop origin, which other readers
    // need, but Signe's painter expects the offset back unchanged.
    if (p.offsetX != 0 || p.offsetY != 0) {
        e.signe["offset-x"] = std::to_string(p.offsetX);
        e.signe["offset-y"] = std::to_string(p.offsetY);
    }
    if (layer.isGroup()) {
        e.isolate = p.isolated;
        // Stacks stay at 0,0: children carry canvas positions (a group's offset moves nothing
        // in Signe's compositor, so it is only recorded above).
        for (auto it = layer.children().rbegin(); it != layer.children().rend(); ++it)
            e.children.push_back(describe(**it, jobs));
        return e;
    }
    PngJob colour;
    colour.layer = &layer;
    colour.rect = layer.tiles().bounds();
    // The spec wants a PNG for every layer: an empty layer gets one transparent pixel.
    if (colour.rect.isEmpty()) colour.rect = {0, 0, 1, 1};
    colour.name = "data/layer-" + std::to_string(jobs.size()) + ".png";
    colour.work = std::uint64_t(colour.rect.w) * std::uint64_t(colour.rect.h);
    e.src = colour.name;
    e.x = colour.rect.x + p.offsetX;
    e.y = colour.rect.y + p.offsetY;
    jobs.push_back(std::move(colour));
    for (const ora::ExtraChannel& channel : ora::kExtraChannels) {
        if (channel.isEmpty(layer)) continue;
        PngJob job;
        job.kind = PngJob::Kind::Channel;
        job.layer = &layer;
        job.channel = &channel;
        job.rect = channel.bounds(layer);
        job.name = "signe/" + std::string(channel.key) + "-" + std::to_string(jobs.size()) + ".png";
        job.work = std::uint64_t(job.rect.w) * std::uint64_t(job.rect.h);
        const std::string key(channel.key);
        e.signe[key] = job.name;
        e.signe[key + "-x"] = std::to_string(job.rect.x + p.offsetX);
        e.signe[key + "-y"] = std::to_string(job.rect.y + p.offsetY);
        jobs.push_back(std::move(job));
    }
    return e;
}

Result<void> encodeColour(PngJob& job, const OraSaveOptions& options,
                          ora::ThreadedProgress& progress)
{
    std::vector<Pixel16> strip(std::size_t(job.rect.w) * kTileSize);
    auto png = ora::encodePng(
        job.rect.w, job.rect.h, encoding(4, 16, true, options.compression), kTileSize,
        [&](int y, int rows, void* out) {
            const Rect r{job.rect.x, job.rect.y + y, job.rect.w, rows};
            job.layer->tiles().readRect(r, strip.data(), job.rect.w);
            ora::unpremultiplyRow16(strip.data(), static_cast<std::uint16_t*>(out),
                                    std::size_t(job.rect.w) * std::size_t(rows));
            progress.add(std::uint64_t(job.rect.w) * std::uint64_t(rows));
        },
        job.name);
    if (!png) return tl::unexpected(png.error());
    job.bytes = std::move(*png);
    return {};
}

Result<void> encodeChannel(PngJob& job, const OraSaveOptions& options,
                           ora::ThreadedProgress& progress)
{
    auto png = ora::encodePng(
        job.rect.w, job.rect.h, encoding(job.channel->samples, 16, false, options.compression),
        kTileSize,
        [&](int y, int rows, void* out) {
            const Rect r{job.rect.x, job.rect.y + y, job.rect.w, rows};
            job.channel->read(*job.layer, r, static_cast<std::uint16_t*>(out));
            progress.add(std::uint64_t(job.rect.w) * std::uint64_t(rows));
        },
        job.name);
    if (!png) return tl::unexpected(png.error());
    job.bytes = std::move(*png);
    return {};
}

/// mergedimage.png (8-bit, as other applications write it) and the thumbnail, from one pass
/// of the compositor in strips. The merged image is the layer stack alone, as the spec asks:
/// no background (Signe's background is not a layer), impasto lit as the canvas shows it.
Result<void> encodeMerged(PngJob& job, const Document& doc, const Compositor& compositor,
                          const OraSaveOptions& options, ora::ThreadedProgress& progress)
{
    const int w = doc.width(), h = doc.height();
    const double scale = double(kThumbnailSide) / double(std::max(w, h));
    const int tw = scale < 1.0 ? std::max(1, int(std::lround(w * scale))) : w;
    const int th = scale < 1.0 ? std::max(1, int(std::lround(h * scale))) : h;
    // Box filter into the thumbnail: premultiplied sums and counts per thumbnail pixel.
    std::vector<double> sums(std::size_t(tw) * std::size_t(th) * 4, 0.0);
    std::vector<std::uint32_t> counts(std::size_t(tw) * std::size_t(th), 0);
    std::vector<float> strip(std::size_t(w) * kTileSize * 4);
    auto png = ora::encodePng(
        w, h, encoding(4, 8, true, options.compression), kTileSize,
        [&](int y, int rows, void* out) {
            compositor.compositeFloat({0, y, w, rows}, strip.data(), false, 1, doc.light().enabled);
            auto* bytes = static_cast<std::uint8_t*>(out);
            for (int row = 0; row < rows; ++row) {
                const int ty = int(std::int64_t(y + row) * th / h);
                for (int x = 0; x < w; ++x) {
                    const float* px =
                        &strip[(std::size_t(row) * std::size_t(w) + std::size_t(x)) * 4];
                    const float a = std::clamp(px[3], 0.0f, 1.0f);
                    const float inv = a > 0.0f ? 1.0f / a : 0.0f;
                    std::uint8_t* o =
                        &bytes[(std::size_t(row) * std::size_t(w) + std::size_t(x)) * 4];
                    for (int c = 0; c < 3; ++c)
                        o[c] = std::uint8_t(std::clamp(px[c] * inv, 0.0f, 1.0f) * 255.0f + 0.5f);
                    o[3] = std::uint8_t(a * 255.0f + 0.5f);
                    const std::size_t t =
                        std::size_t(ty) * std::size_t(tw) + std::size_t(std::int64_t(x) * tw / w);
                    for (int c = 0; c < 4; ++c) sums[t * 4 + std::size_t(c)] += px[c];
                    ++counts[t];
                }
            }
            progress.add(std::uint64_t(w) * std::uint64_t(rows));
        },
        "mergedimage.png");
    if (!png) return tl::unexpected(png.error());
    job.bytes = std::move(*png);

    auto thumb = ora::encodePng(
        tw, th, encoding(4, 8, true, options.compression), th,
        [&](int, int, void* out) {
            auto* bytes = static_cast<std::uint8_t*>(out);
            for (std::size_t i = 0; i < counts.size(); ++i) {
                const double n = std::max<std::uint32_t>(counts[i], 1);
                const double a = std::clamp(sums[i * 4 + 3] / n, 0.0, 1.0);
                for (int c = 0; c < 3; ++c)
                    bytes[i * 4 + std::size_t(c)] = std::uint8_t(
                        std::clamp(a > 0 ? sums[i * 4 + std::size_t(c)] / n / a : 0.0, 0.0, 1.0) *
                            255.0 +
                        0.5);
                bytes[i * 4 + 3] = std::uint8_t(a * 255.0 + 0.5);
            }
        },
        "Thumbnails/thumbnail.png");
    if (!thumb) return tl::unexpected(thumb.error());
    job.thumbnail = std::move(*thumb);
    return {};
}

std::vector<std::uint8_t> bytesOf(std::string_view text)
{
    return {text.begin(), text.end()};
}

}  // namespace

Result<void> saveOpenRaster(Document& doc, const fs::path& path, const OraSaveOptions& options)
{
    if (options.compression < 0 || options.compression > 9)
        return fail(ErrorCode::InvalidArgument, "PNG compression level " +
                                                    std::to_string(options.compression) +
                                                    " is out of range: it must be 0 to 9");
    ora::StackImage image;
    image.width = doc.width();
    image.height = doc.height();
    image.xres = doc.dpi();
    image.signe["document"] = std::string(ora::kDocumentDataPath);
    std::vector<PngJob> jobs;
    for (auto it = doc.root().children().rbegin(); it != doc.root().children().rend(); ++it)
        image.root.children.push_back(describe(**it, jobs));
    PngJob& merged = jobs.emplace_back();
    merged.kind = PngJob::Kind::Merged;
    merged.name = "mergedimage.png";
    merged.work = std::uint64_t(doc.width()) * std::uint64_t(doc.height());
    // Built here, on the caller's thread: the compositor registers a listener on the document.
    const Compositor compositor(doc);

    ora::ThreadedProgress progress;
    progress.callback = &options.progress;
    progress.scale = 0.95;  // the zip is the rest
    progress.total = 1;
    for (const PngJob& job : jobs) progress.total += job.work;

    // Largest first, so a big layer does not start last and leave one core idle at the end.
    std::vector<std::size_t> order(jobs.size());
    for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
    // The merged image composites every layer before it encodes: it costs several layers' work,
    // so it starts first (started last, it left one core idle for seconds at the end).
    merged.work *= std::max<std::size_t>(1, jobs.size() / 2);
    std::stable_sort(order.begin(), order.end(),
                     [&](std::size_t a, std::size_t b) { return jobs[a].work > jobs[b].work; });
    std::vector<Result<void>> results(jobs.size());
    const int threads = options.threads > 0
                            ? options.threads
                            : int(std::max(1u, std::thread::hardware_concurrency()));
    struct NoState {};
    parallelFor<NoState>(int(jobs.size()), threads, [&](int i, NoState&) {
        PngJob& job = jobs[order[std::size_t(i)]];
        Result<void>& result = results[order[std::size_t(i)]];
        switch (job.kind) {
            case PngJob::Kind::Colour:
                result = encodeColour(job, options, progress);
                break;
            case PngJob::Kind::Channel:
                result = encodeChannel(job, options, progress);
                break;
            case PngJob::Kind::Merged:
                result = encodeMerged(job, doc, compositor, options, progress);
                break;
        }
    });
    for (const Result<void>& r : results)
        if (!r)
            return fail(r.error().code,
                        "cannot save '" + path.string() + "': " + r.error().message);

    // Beside the target, so the final rename stays on one file system and is atomic.
    fs::path partial = path;
    partial += ".signe-partial";
    auto writer = ora::ZipWriter::create(partial);
    if (!writer) return tl::unexpected(writer.error());
    auto add = [&](const std::string& name, std::vector<std::uint8_t> bytes, bool compress) {
        return writer->add(name, std::move(bytes), compress);
    };
    // The spec: "mimetype" first, stored, so that `file` and desktops can sniff the type.
    Result<void> ok = add("mimetype", bytesOf("image/openraster"), false);
    if (ok) ok = add("stack.xml", bytesOf(ora::writeStackXml(image)), true);
    if (ok)
        ok = add(std::string(ora::kDocumentDataPath),
                 ora::writeDocumentData(doc, options.lastPreset), true);
    for (PngJob& job : jobs) {
        if (!ok) break;
        ok = add(job.name, std::move(job.bytes), false);
        if (ok && job.kind == PngJob::Kind::Merged)
            ok = add("Thumbnails/thumbnail.png", std::move(job.thumbnail), false);
    }
    if (ok) ok = writer->close();
    std::error_code ec;
    if (ok) ok = flushToDisk(partial);
    if (!ok) {
        fs::remove(partial, ec);
        return fail(ok.error().code, "cannot save '" + path.string() + "': " + ok.error().message);
    }
    fs::rename(partial, path, ec);
    if (ec) {
        fs::remove(partial, ec);
        return fail(ErrorCode::IoError, "cannot replace '" + path.string() + "': " + ec.message());
    }
    flushFolderOf(path);
    if (options.progress) options.progress(1.0);
    return {};
}

}  // namespace signe::core
