// SPDX-License-Identifier: GPL-3.0-or-later
// saveOpenRaster: the document as stack.xml plus PNGs in a zip (docs/openraster.md).
#include <algorithm>
#include <atomic>
#include <cmath>
#include <exception>
#include <memory>
#include <new>
#include <thread>
#include <utility>

#include "core/compositor.h"
#include "core/io/durable_file.h"
#include "core/io/openraster.h"
#include "core/io/ora_background.h"
#include "core/io/ora_progress.h"
#include "core/io/ora_save_plan.h"
#include "core/io/ora_channels.h"
#include "core/io/ora_document_data.h"
#include "core/io/ora_merged_image.h"
#include "core/io/ora_pixels.h"
#include "core/io/ora_stack.h"
#include "core/io/ora_zip.h"
#include "core/io/png_codec.h"
#include "core/io/png_encoder.h"
#include "core/parallel_for.h"

namespace signe::core {

namespace {

namespace fs = std::filesystem;
using ora::StackEntry;

/// Layers are encoded in bands of this many rows, so that two threads share a large layer
/// and none is left with a whole layer to itself at the end of a save.
constexpr int kBandRows = 1024;
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
    enum class Kind { Colour, Channel, Background, Merged } kind = Kind::Colour;
    const Layer* layer = nullptr;
    const ora::ExtraChannel* channel = nullptr;
    Color16 background;  ///< Background: the document's, straight, over the whole canvas
    Rect rect;  ///< layer coordinates (Colour, Channel) or canvas (Background, Merged)
    std::string name;
    std::vector<std::uint8_t> bytes;
    std::vector<std::uint8_t> thumbnail;  ///< Merged: the thumbnail's PNG too
    std::uint64_t work = 0;               ///< pixels, for progress
    int bits = 16;  ///< Colour, Background: 8 when that holds the pixels exactly
    /// Colour and Channel PNGs are encoded in bands, possibly on several threads at once;
    /// whichever thread finishes the last band assembles the PNG.
    std::vector<Result<ora::PngBand>> bands;
    std::unique_ptr<std::atomic<int>> bandsLeft = std::make_unique<std::atomic<int>>(0);
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

/// The background layer: one colour over the whole canvas, so that other programs show the
/// paper Signe shows (core/io/ora_background.h). Its PNG is the canvas' size, although one
/// pixel would say the same, because the spec has no way to stretch a layer. Queued last, it
/// is the bottom of the stack.
void queueBackground(const Document& doc, std::vector<PngJob>& jobs)
{
    PngJob job;
    job.kind = PngJob::Kind::Background;
    job.background = doc.background();
    job.rect = doc.bounds();
    job.name = "data/background.png";
    const Color16 c = job.background;
    if (c.r % 257 == 0 && c.g % 257 == 0 && c.b % 257 == 0 && c.a % 257 == 0) job.bits = 8;
    // Its rows cost little more than deflating zeros: about a tenth of a painted layer's
    // (docs/openraster.md, "The background as a layer").
    job.work = std::max<std::uint64_t>(1, std::uint64_t(job.rect.w) * job.rect.h / 10);
    jobs.push_back(std::move(job));
}

ora::PngEncoding layerEncoding(const PngJob& job, const OraSaveOptions& options)
{
    if (job.kind == PngJob::Kind::Background) {
        ora::PngEncoding e = encoding(4, job.bits, true, options.compression);
        // Every row equals the one above: Up turns all but the first into zeros, as Paeth
        // would, and costs the least to undo when the file is read.
        if (e.filter != ora::PngFilter::None) e.filter = ora::PngFilter::Up;
        return e;
    }
    if (job.kind == PngJob::Kind::Colour) return encoding(4, job.bits, true, options.compression);
    return encoding(job.channel->samples, 16, false, options.compression);
}

/// Fills `count` pixels of PNG samples (8 or 16 bits) with one straight colour.
void fillColour(void* out, std::size_t count, Color16 c, int bits)
{
    if (bits == 8) {
        const std::uint8_t px[4] = {std::uint8_t(c.r >> 8), std::uint8_t(c.g >> 8),
                                    std::uint8_t(c.b >> 8), std::uint8_t(c.a >> 8)};
        auto* bytes = static_cast<std::uint8_t*>(out);
        for (std::size_t i = 0; i < count; ++i) std::copy(px, px + 4, bytes + i * 4);
        return;
    }
    const std::uint16_t px[4] = {c.r, c.g, c.b, c.a};
    auto* samples = static_cast<std::uint16_t*>(out);
    for (std::size_t i = 0; i < count; ++i) std::copy(px, px + 4, samples + i * 4);
}

/// Whether every straight-alpha sample of a layer's colour is a multiple of 257, so that an
/// 8-bit PNG holds it exactly (readers scale 8-bit samples by 257, Signe's too): half the
/// bytes to deflate and to store. Layers that came from 8-bit files (Krita's .ora, JPEG,
/// 8-bit PNG) are like this; painted 16-bit ones fail at their first soft edge, within the
/// first strip, so the check costs them next to nothing.
bool fitsEightBits(const PngJob& job)
{
    const std::size_t w = std::size_t(job.rect.w);
    std::vector<Pixel16> strip(w * kTileSize);
    std::vector<std::uint16_t> straight(w * kTileSize * 4);
    for (int y = 0; y < job.rect.h; y += kTileSize) {
        const int rows = std::min(kTileSize, job.rect.h - y);
        job.layer->tiles().readRect({job.rect.x, job.rect.y + y, job.rect.w, rows}, strip.data(),
                                    job.rect.w);
        const std::size_t n = w * std::size_t(rows);
        ora::unpremultiplyRow16(strip.data(), straight.data(), n);
        for (std::size_t i = 0; i < n * 4; ++i)
            if (straight[i] % 257 != 0) return false;
    }
    return true;
}

/// Rows [y, y + rows) of a layer's colour (straight alpha), of one of its extra channels or of
/// the background layer.
Result<ora::PngBand> encodeBand(const PngJob& job, int y, int rows, const OraSaveOptions& options,
                                ora::ThreadedProgress& progress)
{
    const bool colour = job.kind == PngJob::Kind::Colour;
    const std::size_t stripPixels = colour ? std::size_t(job.rect.w) * kTileSize : 0;
    std::vector<Pixel16> strip(stripPixels);
    std::vector<std::uint16_t> straight(job.bits == 8 ? stripPixels * 4 : 0);
    return ora::encodePngBand(
        job.rect.w, job.rect.h, y, rows, layerEncoding(job, options), kTileSize,
        [&](int top, int count, void* out) {
            const Rect r{job.rect.x, job.rect.y + top, job.rect.w, count};
            const std::size_t n = std::size_t(job.rect.w) * std::size_t(count);
            if (job.kind == PngJob::Kind::Background) {
                fillColour(out, n, job.background, job.bits);
            } else if (colour && job.bits == 8) {
                job.layer->tiles().readRect(r, strip.data(), job.rect.w);
                ora::unpremultiplyRow16(strip.data(), straight.data(), n);
                auto* bytes = static_cast<std::uint8_t*>(out);
                for (std::size_t i = 0; i < n * 4; ++i) bytes[i] = std::uint8_t(straight[i] >> 8);
            } else if (colour) {
                job.layer->tiles().readRect(r, strip.data(), job.rect.w);
                ora::unpremultiplyRow16(strip.data(), static_cast<std::uint16_t*>(out), n);
            } else {
                job.channel->read(*job.layer, r, static_cast<std::uint16_t*>(out));
            }
            // The row above the band, read for the filters, is another band's progress.
            // Counted in the job's own units of work (8-bit and background PNGs weigh less).
            if (top >= y)
                progress.add(job.work * std::uint64_t(count) / std::uint64_t(job.rect.h));
        },
        job.name);
}

/// mergedimage.png and the thumbnail (core/io/ora_merged_image.h), 8-bit as other
/// applications write them.
Result<void> encodeMerged(PngJob& job, const Document& doc, const Compositor& compositor,
                          const OraSaveOptions& options, ora::ThreadedProgress& progress)
{
    auto pngs = ora::encodeMergedImage(doc, compositor, encoding(4, 8, true, options.compression),
                                       progress);
    if (!pngs) return tl::unexpected(pngs.error());
    job.bytes = std::move(pngs->merged);
    job.thumbnail = std::move(pngs->thumbnail);
    return {};
}

/// Runs one task of the plan. Never throws, and returns the job's PNG(s) in job.bytes (and
/// job.thumbnail) when it was the job's last task, so that the caller hands them, or the
/// error, to the archive writer, which waits for every entry.
/// Returns false while other bands of the job are still being encoded.
bool runTask(const ora::EncodeTask& task, PngJob& job, const Document& doc,
             const Compositor& compositor, const OraSaveOptions& options,
             ora::ThreadedProgress& progress, const std::atomic<bool>& writeFailed,
             Result<void>& outcome)
{
    auto attempt = [&](auto&& work) -> Result<void> {
        if (writeFailed) return fail(ErrorCode::IoError, "the save was abandoned");
        try {
            return work();
        } catch (const std::bad_alloc&) {
            return fail(ErrorCode::IoError, "out of memory while encoding '" + job.name + "'");
        } catch (const std::exception& e) {
            return fail(ErrorCode::IoError, "cannot encode '" + job.name + "': " + e.what());
        }
    };
    if (job.kind == PngJob::Kind::Merged) {
        outcome = attempt([&] { return encodeMerged(job, doc, compositor, options, progress); });
        return true;
    }
    Result<void> band = attempt([&]() -> Result<void> {
        job.bands[std::size_t(task.band)] = encodeBand(job, task.y, task.rows, options, progress);
        return {};
    });
    if (!band) job.bands[std::size_t(task.band)] = tl::unexpected(band.error());
    if (job.bandsLeft->fetch_sub(1, std::memory_order_acq_rel) != 1) return false;
    // The last band: every other band's result is visible here (acquire above).
    outcome = attempt([&]() -> Result<void> {
        std::vector<ora::PngBand> bands;
        for (auto& b : job.bands) {
            if (!b) return tl::unexpected(b.error());
            bands.push_back(std::move(*b));
        }
        job.bands.clear();
        auto png = ora::assemblePng(job.rect.w, job.rect.h, layerEncoding(job, options), bands,
                                    job.name);
        if (!png) return tl::unexpected(png.error());
        job.bytes = std::move(*png);
        return {};
    });
    return true;
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
    const bool background = ora::writesBackgroundLayer(doc.background());
    std::vector<StackEntry>* layers = &image.root.children;
    if (background && ora::layersNeedOwnStack(doc.root()))
        layers = &image.root.children.emplace_back(ora::layersStackEntry()).children;
    for (auto it = doc.root().children().rbegin(); it != doc.root().children().rend(); ++it)
        layers->push_back(describe(**it, jobs));
    if (background) {
        queueBackground(doc, jobs);
        image.root.children.push_back(ora::backgroundLayerEntry(jobs.back().name));
    }
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

    const int threads = options.threads > 0
                            ? options.threads
                            : int(std::max(1u, std::thread::hardware_concurrency()));
    // The merged image composites every layer before it encodes: it costs a few layers' work,
    // and it is one task (its thumbnail needs every row), so it starts first.
    merged.work *= std::max<std::size_t>(1, jobs.size() / 4);
    struct NoState {};
    parallelFor<NoState>(int(jobs.size()), threads, [&](int i, NoState&) {
        PngJob& job = jobs[std::size_t(i)];
        if (job.kind == PngJob::Kind::Colour && fitsEightBits(job)) {
            job.bits = 8;
            job.work /= 2;
        }
    });
    std::vector<ora::PngJobSize> sizes;
    for (const PngJob& job : jobs)
        sizes.push_back({job.rect.h, job.work, job.kind != PngJob::Kind::Merged});
    const ora::SavePlan plan = ora::planSave(sizes, threads, kBandRows);
    for (std::size_t j = 0; j < jobs.size(); ++j) {
        jobs[j].bands.resize(std::size_t(plan.bands[j]),
                             fail(ErrorCode::IoError, "band not encoded"));
        *jobs[j].bandsLeft = plan.bands[j];
    }

    // Beside the target, so the final rename stays on one file system and is atomic.
    fs::path partial = path;
    partial += ".signe-partial";
    auto writer = ora::ZipWriter::create(partial);
    if (!writer) return tl::unexpected(writer.error());
    // The spec: "mimetype" first, stored, so that `file` and desktops can sniff the type.
    Result<void> ok = writer->add("mimetype", bytesOf("image/openraster"), false);
    if (ok) ok = writer->add("stack.xml", bytesOf(ora::writeStackXml(image)), true);
    if (ok)
        ok = writer->add(std::string(ora::kDocumentDataPath),
                         ora::writeDocumentData(doc, options.lastPreset), true);
    // The PNGs are written into the archive while they are still being encoded, each as soon
    // as it is done and then dropped, in the order they are expected to finish: a save does
    // not hold the whole file in memory, nor write it alone at the end.
    std::vector<std::size_t> slot(jobs.size());
    std::size_t thumbnailSlot = 0;
    for (std::size_t j : plan.archiveOrder) {
        if (!ok) break;
        auto added = writer->addPending(jobs[j].name);
        if (!added) ok = tl::unexpected(added.error());
        if (ok) slot[j] = *added;
        if (ok && jobs[j].kind == PngJob::Kind::Merged) {
            added = writer->addPending("Thumbnails/thumbnail.png");
            if (!added) ok = tl::unexpected(added.error());
            if (ok) thumbnailSlot = *added;
        }
    }
    if (!ok)
        return fail(ok.error().code, "cannot save '" + path.string() + "': " + ok.error().message);

    std::atomic<bool> writeFailed{false};
    std::thread archiveWriter([&] {
        ok = writer->close();
        if (!ok) writeFailed = true;
    });
    parallelFor<NoState>(int(plan.tasks.size()), threads, [&](int i, NoState&) {
        const ora::EncodeTask& task = plan.tasks[std::size_t(i)];
        PngJob& job = jobs[task.job];
        Result<void> outcome;
        if (!runTask(task, job, doc, compositor, options, progress, writeFailed, outcome)) return;
        // Every pending entry is supplied, bytes or error, or the archive writer would wait
        // for it forever.
        const auto output = [&](std::vector<std::uint8_t>& bytes)
            -> Result<std::vector<std::uint8_t>> {
            if (!outcome) return tl::unexpected(outcome.error());
            return std::move(bytes);
        };
        writer->supply(slot[task.job], output(job.bytes));
        if (job.kind == PngJob::Kind::Merged) writer->supply(thumbnailSlot, output(job.thumbnail));
    });
    archiveWriter.join();
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
