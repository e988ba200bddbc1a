// SPDX-License-Identifier: GPL-3.0-or-later
// loadOpenRaster: stack.xml plus PNGs in a zip, from Signe or any other writer, read as if the
// file were hostile (docs/openraster.md, "Reading untrusted files").
#include <algorithm>
#include <charconv>
#include <functional>
#include <optional>
#include <span>
#include <thread>

#include "core/io/openraster.h"
#include "core/io/ora_background.h"
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

constexpr std::uint64_t kMaxStackXmlBytes = std::uint64_t(16) << 20;
/// Layers may lie partly off the canvas (MyPaint's canvas is infinite), but not absurdly far.
constexpr std::int64_t kMaxPosition = 4 * kMaxCanvasSide;
/// An interlaced PNG is decoded whole (png_codec.h); beyond this many pixels (512 MiB at 16-bit
/// RGBA) that buffer is refused. Non-interlaced PNGs are read in strips, whatever their size.
constexpr std::int64_t kMaxInterlacedPixels = std::int64_t(1) << 26;
constexpr std::uint64_t kProgressPerJob = 1 << 20;

/// One PNG to decode into a layer.
struct DecodeJob {
    Layer* layer = nullptr;
    const ora::ExtraChannel* channel = nullptr;  ///< null: colour
    std::string src;
    int x = 0, y = 0;   ///< where the PNG's pixel (0, 0) goes, in layer coordinates
    std::string where;  ///< "stack.xml line 7: layer 'Ink'" for messages
};


std::optional<int> parseInt(const std::string& text)
{
    try {
        std::size_t used = 0;
        const long v = std::stol(text, &used);
        if (used != text.size() || v < -kMaxPosition || v > kMaxPosition) return std::nullopt;
        return int(v);
    } catch (...) {
        return std::nullopt;
    }
}

class Loader {
public:
    Loader(Document& doc, std::vector<std::string>& warnings) : m_doc(doc), m_warnings(warnings) {}

    Result<std::shared_ptr<Layer>> build(const StackEntry& e, std::int64_t parentX,
                                         std::int64_t parentY)
    {
        const std::string where = "stack.xml line " + std::to_string(e.line) + ": " +
                                  (e.isStack ? "stack '" : "layer '") + e.name + "'";
        LayerProperties p;
        p.name = e.name;
        p.visible = e.visible;
        p.opacity = e.opacity;
        p.blendMode = blendMode(e.compositeOp, where);
        p.editLock = e.editLocked;
        if (e.isStack) p.isolated = e.isolate;  // paint layers keep the default
        p.alphaLock = signeBool(e, "alpha-lock");
        p.drying = signeDrying(e, where);
        p.offsetX = signeOffset(e, "offset-x", where);
        p.offsetY = signeOffset(e, "offset-y", where);
        const std::int64_t x = parentX + e.x, y = parentY + e.y;
        if (std::abs(x) > kMaxPosition || std::abs(y) > kMaxPosition)
            return fail(ErrorCode::Corrupt, where + " is at " + std::to_string(x) + "," +
                                                std::to_string(y) + ", more than " +
                                                std::to_string(kMaxPosition) +
                                                " pixels from the canvas");
        auto layer = std::make_shared<Layer>(m_doc.allocateId(),
                                             e.isStack ? LayerKind::Group : LayerKind::Paint, p);
        if (e.selected && m_selected == kNoLayer) m_selected = layer->id();
        if (e.isStack) {
            // The file lists the top first; Signe keeps the bottom first.
            for (auto it = e.children.rbegin(); it != e.children.rend(); ++it) {
                auto child = build(*it, x, y);
                if (!child) return child;
                layer->children().push_back(std::move(*child));
            }
            return layer;
        }
        m_jobs.push_back(
            {layer.get(), nullptr, e.src, int(x) - p.offsetX, int(y) - p.offsetY, where});
        for (const ora::ExtraChannel& channel : ora::kExtraChannels) {
            const std::string key(channel.key);
            const auto src = e.signe.find(key);
            if (src == e.signe.end()) continue;
            const auto cx = e.signe.find(key + "-x"), cy = e.signe.find(key + "-y");
            const auto px = cx == e.signe.end() ? std::nullopt : parseInt(cx->second);
            const auto py = cy == e.signe.end() ? std::nullopt : parseInt(cy->second);
            if (!px || !py) {
                m_warnings.push_back(where + ": signe:" + key + " has no valid signe:" + key +
                                     "-x and -y; its " + key + " is not loaded");
                continue;
            }
            m_jobs.push_back({layer.get(), &channel, src->second, *px - p.offsetX, *py - p.offsetY,
                              where + " (" + key + ")"});
        }
        return layer;
    }

    std::vector<DecodeJob>& jobs() { return m_jobs; }
    LayerId selected() const { return m_selected; }

private:
    BlendMode blendMode(const std::string& op, const std::string& where)
    {
        if (auto mode = parseBlendMode(op)) return *mode;
        if (op == "mypaint:spectral-wgm")
            m_warnings.push_back(where +
                                 ": composite-op 'mypaint:spectral-wgm' (MyPaint's "
                                 "pigment mode) has no Signe layer mode; using normal");
        else
            m_warnings.push_back(where + ": unknown composite-op '" + op + "'; using normal");
        return BlendMode::Normal;
    }

    static bool signeBool(const StackEntry& e, const char* key)
    {
        const auto it = e.signe.find(key);
        return it != e.signe.end() && (it->second == "true" || it->second == "1");
    }

    Drying signeDrying(const StackEntry& e, const std::string& where)
    {
        const auto it = e.signe.find("drying");
        if (it == e.signe.end()) return {DryingMode::Inherit, 0};
        auto drying = parseDrying(it->second);
        if (drying) return *drying;
        m_warnings.push_back(where + ": signe:drying: " + drying.error().message +
                             "; following the document");
        return {DryingMode::Inherit, 0};
    }

    int signeOffset(const StackEntry& e, const char* key, const std::string& where)
    {
        const auto it = e.signe.find(key);
        if (it == e.signe.end()) return 0;
        const auto v = parseInt(it->second);
        // Document::setLayerProperties' own limit.
        if (!v || std::abs(std::int64_t(*v)) > 2 * kMaxCanvasSide) {
            m_warnings.push_back(where + ": signe:" + key + "='" + it->second +
                                 "' is not a valid offset; using 0");
            return 0;
        }
        return *v;
    }

    Document& m_doc;
    std::vector<std::string>& m_warnings;
    std::vector<DecodeJob> m_jobs;
    LayerId m_selected = kNoLayer;
};

/// Reads one PNG into its layer's colour or channel tiles, strip by strip along the tile
/// grid, so memory follows what the layer really holds.
Result<void> decode(const DecodeJob& job, const ora::ZipReader& zip,
                    ora::ThreadedProgress& progress)
{
    if (auto ok = ora::checkEntryName(job.src); !ok)
        return fail(ErrorCode::Corrupt, job.where + ": " + ok.error().message);
    const std::string what = "'" + job.src + "'";
    std::optional<ora::PngHeader> header;
    auto bytes = zip.read(
        job.src, std::uint64_t(-1),
        [&](std::span<const std::uint8_t> head) -> Result<std::uint64_t> {
            auto h = ora::parsePngHeader(head, what);
            if (!h) return tl::unexpected(h.error());
            if (h->width > kMaxCanvasSide || h->height > kMaxCanvasSide)
                return fail(ErrorCode::Corrupt, what + " is " + std::to_string(h->width) + "x" +
                                                    std::to_string(h->height) +
                                                    "; a layer may be at most " +
                                                    std::to_string(kMaxCanvasSide) + " a side");
            if (h->interlaced && std::int64_t(h->width) * h->height > kMaxInterlacedPixels)
                return fail(ErrorCode::Corrupt,
                            what + " is an interlaced PNG of " + std::to_string(h->width) + "x" +
                                std::to_string(h->height) + ", too large to decode whole");
            header = *h;
            return ora::pngByteLimit(*h);
        });
    if (!bytes) return fail(bytes.error().code, job.where + ": " + bytes.error().message);
    auto reader = ora::PngReader::open(*bytes, what);
    if (!reader) return fail(reader.error().code, job.where + ": " + reader.error().message);
    const int w = reader->width(), h = reader->height(), channels = reader->channels();
    if (!header || w != header->width || h != header->height)
        return fail(ErrorCode::Corrupt,
                    job.where + ": " + what + " decodes to a size its header does not declare");
    if (job.channel && channels != job.channel->samples)
        return fail(ErrorCode::Corrupt, job.where + ": " + what + " has " +
                                            std::to_string(channels) + " channels; Signe's " +
                                            std::string(job.channel->key) + " files have " +
                                            std::to_string(job.channel->samples));

    std::vector<std::uint16_t> samples;
    std::vector<Pixel16> pixels;
    int y = 0;
    while (y < h) {
        // Strips end on the layer's tile rows, so each tile is written once, whole.
        const int layerY = job.y + y;
        const int rows =
            std::min(h - y, kTileSize - (layerY - floorDiv(layerY, kTileSize) * kTileSize));
        samples.resize(std::size_t(w) * std::size_t(rows) * std::size_t(channels));
        if (auto ok = reader->readRows(y, rows, samples.data()); !ok)
            return fail(ok.error().code, job.where + ": " + ok.error().message);
        const Rect strip{job.x, layerY, w, rows};
        if (job.channel) {
            // All-zero tiles are never made: they would only be compacted away again.
            const std::ptrdiff_t stride = std::ptrdiff_t(w) * channels;
            for (int tx = floorDiv(strip.x, kTileSize); tx * kTileSize < strip.right(); ++tx) {
                const Rect part = strip.intersected({tx * kTileSize, layerY, kTileSize, rows});
                const std::uint16_t* first = samples.data() + (part.x - strip.x) * channels;
                bool any = false;
                for (int r = 0; r < rows && !any; ++r)
                    any = std::any_of(first + std::ptrdiff_t(r) * stride,
                                      first + std::ptrdiff_t(r) * stride + part.w * channels,
                                      [](std::uint16_t v) { return v != 0; });
                if (any) job.channel->write(*job.layer, part, first, stride);
            }
        } else {
            pixels.resize(std::size_t(w) * std::size_t(rows));
            ora::premultiplyRow16(samples.data(), channels, pixels.data(), pixels.size());
            TileStore& store = job.layer->tiles();
            for (int tx = floorDiv(strip.x, kTileSize); tx * kTileSize < strip.right(); ++tx) {
                const Rect part = strip.intersected({tx * kTileSize, layerY, kTileSize, rows});
                const Pixel16* first = pixels.data() + (part.x - strip.x);
                bool any = false;
                for (int r = 0; r < rows && !any; ++r)
                    any = std::any_of(first + std::ptrdiff_t(r) * w,
                                      first + std::ptrdiff_t(r) * w + part.w, [](const Pixel16& p) {
                                          return p.a != 0 || p.r != 0 || p.g != 0 || p.b != 0;
                                      });
                if (any) store.writeRect(part, first, w);
            }
        }
        progress.add(kProgressPerJob * std::uint64_t(y + rows) / std::uint64_t(h) -
                     kProgressPerJob * std::uint64_t(y) / std::uint64_t(h));
        y += rows;
    }
    return {};
}

/// Signe's document data (core/io/ora_document_data.h). Anything wrong in it costs a
/// warning and the default, never the painting.
ora::DocumentDataRead readDocumentData(const ora::ZipReader& zip, Document& doc,
                                       std::vector<std::string>& warnings)
{
    const std::string name(ora::kDocumentDataPath);
    if (!zip.contains(name)) return {};
    auto bytes = zip.read(name, ora::kMaxDocumentDataBytes);
    if (!bytes) {
        warnings.push_back(bytes.error().message + "; ignored");
        return {};
    }
    return ora::readDocumentData(*bytes, doc, warnings);
}

/// The colour of the background layer Signe writes for other programs (core/io/ora_background.h)
/// becomes the document's background again. signe/document.json's value, when it has one, is
/// the authority: it is the document's own, written by Signe alone, while the layer is a copy
/// made for other programs, which may change it; the layer's colour stands in only for a file
/// whose document data is gone or damaged.
void applyBackground(Color16 layerColour, const ora::DocumentDataRead& data, Document& doc,
                     std::vector<std::string>& warnings)
{
    if (!data.hasBackground)
        doc.setBackgroundDirect(layerColour);
    else if (layerColour != doc.background())
        warnings.push_back("the Background layer's colour differs from the background in " +
                           std::string(ora::kDocumentDataPath) + "; using the latter");
}

/// Puts a background candidate whose PNG was refused back in the tree as it was in the file:
/// the stack it was taken out of around the root's layers, then the layer at the bottom. They
/// get the last ids (the others' are those of a file without them). Their PNGs are decoded by
/// the caller: the jobs the loader queued last.
Result<void> putBackgroundBack(const ora::BackgroundCandidate& candidate,
                               const ora::StackImage& image, Loader& loader, Document& doc)
{
    Layer& root = doc.mutableRoot();
    if (candidate.layersStack) {
        auto group = loader.build(*candidate.layersStack, image.root.x, image.root.y);
        if (!group) return tl::unexpected(group.error());
        (*group)->children() = std::move(root.children());
        root.children().clear();
        doc.insertNode(kNoLayer, -1, std::move(*group));
    }
    auto layer = loader.build(candidate.layer, image.root.x, image.root.y);
    if (!layer) return tl::unexpected(layer.error());
    doc.insertNode(kNoLayer, 0, std::move(*layer));
    return {};
}

/// Decodes `jobs` on up to `threads` threads, each with a zip reader of its own (libzip
/// handles are not shared between threads). `alongside`, when given, runs first, as one more
/// task of one job's weight.
Result<void> decodeAll(const fs::path& path, std::span<const DecodeJob> jobs, int threads,
                       ora::ThreadedProgress& progress,
                       const std::function<void(const ora::ZipReader&)>& alongside = {})
{
    const std::size_t extra = alongside ? 1 : 0;
    std::vector<Result<void>> results(jobs.size() + extra);
    struct State {
        std::optional<ora::ZipReader> zip;
    };
    parallelFor<State>(int(results.size()), threads, [&](int i, State& state) {
        const std::size_t at = std::size_t(i);
        if (!state.zip) {
            auto z = ora::ZipReader::open(path);
            if (!z) {
                results[at] = tl::unexpected(z.error());
                return;
            }
            state.zip = std::move(*z);
        }
        if (at < extra) {
            alongside(*state.zip);
            progress.add(kProgressPerJob);
            return;
        }
        results[at] = decode(jobs[at - extra], *state.zip, progress);
    });
    for (const Result<void>& r : results)
        if (!r) return r;
    return {};
}

/// Stamps name strokes of the paint clock; one past its count would read as paint laid in
/// the future (wet for ever). Such a layer's wetness is dropped (its paint is dry).
void checkStamps(Layer& layer, WetStamp strokes, std::vector<std::string>& warnings)
{
    for (auto& child : layer.children()) checkStamps(*child, strokes, warnings);
    WetStore& stamps = layer.wetness();
    WetStamp newest = kDry;
    for (const TileCoord c : stamps.coords()) {
        const WetTile* tile = stamps.peek(c);
        if (tile->isUniform())
            newest = std::max(newest, tile->uniformValue());
        else
            newest =
                std::max(newest, *std::max_element(tile->pixels(), tile->pixels() + kTilePixels));
    }
    if (newest <= strokes) return;
    warnings.push_back("layer '" + layer.properties().name + "': wetness names stroke " +
                       std::to_string(newest) + " but the paint clock has " +
                       std::to_string(strokes) + " strokes; its paint is dry");
    stamps.clear();
}

}  // namespace

Result<LoadedDocument> loadOpenRaster(const fs::path& path, const OraLoadOptions& options)
{
    auto opened = ora::ZipReader::open(path);
    if (!opened) return tl::unexpected(opened.error());
    const ora::ZipReader& zip = *opened;
    const std::string file = "'" + path.filename().string() + "'";
    LoadedDocument out;
    auto& warnings = out.warnings;

    if (!zip.contains("stack.xml"))
        return fail(ErrorCode::Corrupt, file + " has no stack.xml: it is not an OpenRaster file");
    if (!zip.contains("mimetype")) {
        warnings.push_back(file + " has no mimetype entry");
    } else if (auto mime = zip.read("mimetype", 1024); !mime) {
        warnings.push_back(mime.error().message);
    } else if (std::string(mime->begin(), mime->end()) != "image/openraster") {
        warnings.push_back(
            file + ": mimetype is '" +
            std::string(mime->begin(), mime->begin() + std::min<std::size_t>(mime->size(), 64)) +
            "', not 'image/openraster'");
    }

    auto xml = zip.read("stack.xml", kMaxStackXmlBytes);
    if (!xml) return tl::unexpected(xml.error());
    auto image = ora::parseStackXml(
        std::string_view(reinterpret_cast<const char*>(xml->data()), xml->size()), warnings);
    if (!image) return tl::unexpected(image.error());
    if (auto ok = Document::validateSize(image->width, image->height); !ok)
        return fail(ErrorCode::Corrupt, "stack.xml: " + ok.error().message);
    // MyPaint 2 may have blended the layers in linear light; Signe blends the stored sRGB
    // values, as the spec's formulas do. The pixels load exactly; the picture can differ.
    double eotf = 1.0;
    const std::string& eotfText = image->myPaintEotf;
    std::from_chars(eotfText.data(), eotfText.data() + eotfText.size(), eotf);
    if (eotf != 1.0)
        warnings.push_back("stack.xml: mypaint:eotf='" + image->myPaintEotf +
                           "': MyPaint blended these layers in linear light; Signe blends the "
                           "stored sRGB values, so soft edges and blend modes can look different");
    const double dpi = image->xres > 0.0 && image->xres <= 100000.0 ? image->xres : 72.0;
    auto created =
        Document::createEmpty(image->width, image->height, {65535, 65535, 65535, 65535}, dpi);
    if (!created) return tl::unexpected(created.error());
    Document& doc = **created;
    const ora::DocumentDataRead data = readDocumentData(zip, doc, warnings);
    out.lastPreset = data.lastPreset;
    // Signe's background layer leaves the tree before it is built, so that the layers get the
    // ids they would without it; its PNG is checked while they are decoded.
    const bool hasDocumentData = zip.contains(std::string(ora::kDocumentDataPath));
    const auto background = ora::takeBackgroundCandidate(*image, hasDocumentData, warnings);
    // Signe renders its own composite, but a merged image of another size means the file
    // does not hang together: worth a word.
    if (zip.contains("mergedimage.png")) {
        auto head = zip.readHead("mergedimage.png", 64);
        auto header = head ? ora::parsePngHeader(*head, "mergedimage.png")
                           : Result<ora::PngHeader>(tl::unexpected(head.error()));
        if (!header)
            warnings.push_back(header.error().message);
        else if (header->width != doc.width() || header->height != doc.height())
            warnings.push_back("mergedimage.png is " + std::to_string(header->width) + "x" +
                               std::to_string(header->height) +
                               " but stack.xml says the canvas is " + std::to_string(doc.width()) +
                               "x" + std::to_string(doc.height()));
    }

    Loader loader(doc, warnings);
    std::vector<std::shared_ptr<Layer>> top;
    for (auto it = image->root.children.rbegin(); it != image->root.children.rend(); ++it) {
        auto layer = loader.build(*it, image->root.x, image->root.y);
        if (!layer) return tl::unexpected(layer.error());
        top.push_back(std::move(*layer));
    }
    for (auto& layer : top) doc.insertNode(kNoLayer, -1, std::move(layer));

    ora::ThreadedProgress progress;
    progress.callback = &options.progress;
    // Each PNG counts the same (their sizes are only known once each is opened), spread over
    // its rows, so one large layer still reports as it goes.
    progress.total =
        std::max<std::size_t>(1, loader.jobs().size() + (background ? 1 : 0)) * kProgressPerJob;
    const int threads = options.threads > 0
                            ? options.threads
                            : int(std::max(1u, std::thread::hardware_concurrency()));
    Result<Color16> backgroundColour = fail(ErrorCode::Corrupt, "not checked");
    std::function<void(const ora::ZipReader&)> checkBackground;
    if (background)
        checkBackground = [&](const ora::ZipReader& reader) {
            backgroundColour =
                ora::checkBackgroundPng(*background, reader, doc.width(), doc.height());
        };
    Result<void> ok = decodeAll(path, loader.jobs(), threads, progress, checkBackground);
    if (!ok) return tl::unexpected(ok.error());
    if (background && backgroundColour) {
        applyBackground(*backgroundColour, data, doc, warnings);
    } else if (background) {
        ora::warnBackgroundRefused(*background, backgroundColour.error(), warnings);
        const std::size_t decoded = loader.jobs().size();
        if (auto back = putBackgroundBack(*background, *image, loader, doc); !back)
            return tl::unexpected(back.error());
        ok = decodeAll(path, std::span(loader.jobs()).subspan(decoded), threads, progress);
        if (!ok) return tl::unexpected(ok.error());
    }

    checkStamps(doc.mutableRoot(), doc.clock().strokes(), warnings);
    out.selected = loader.selected();
    out.document = std::move(*created);
    if (options.progress) options.progress(1.0);
    return out;
}

}  // namespace signe::core
