// SPDX-License-Identifier: GPL-3.0-or-later
// openImageAsDocument and importImageAsLayer: any raster file OpenImageIO reads, PSD layers
// included, to Signe's premultiplied, sRGB-encoded 16-bit layers.
#include <OpenImageIO/imageio.h>
#include <OpenImageIO/strutil.h>

#include <algorithm>
#include <cstdint>
#include <string>
#include <vector>

#include "core/commands/insert_layer_command.h"
#include "core/io/image_io.h"
#include "core/io/oiio_files.h"
#include "core/io/pixel_encoding.h"

namespace signe::core {

namespace {

namespace fs = std::filesystem;

/// Channels beyond this are never read: the colour and alpha Signe needs sit at the front of
/// every layout OpenImageIO presents, and a strip of a file with hundreds of channels (an
/// OpenEXR full of render passes) would otherwise cost hundreds of times the memory.
constexpr int kMaxChannelsRead = 16;

/// One subimage to become one layer.
struct LayerSource {
    int subimage = 0;
    std::string name;
};

/// "cannot read 'file': why", on one line (OpenImageIO joins its messages with newlines).
std::string cannotRead(const fs::path& path, std::string why)
{
    while (!why.empty() && why.back() == '\n') why.pop_back();
    for (std::size_t i; (i = why.find('\n')) != std::string::npos;) why.replace(i, 1, "; ");
    return "cannot read '" + path.string() + "': " + why;
}

/// How the subimage's samples become pixels: which channels are colour and alpha, whether the
/// colour is linear and whether OpenImageIO hands it over premultiplied.
Result<io::SourceLayout> layoutOf(const fs::path& path, const OIIO::ImageSpec& spec,
                                  const std::string& formatName)
{
    io::SourceLayout layout;
    const int alpha = spec.alpha_channel;
    const int colourChannels = std::min(3, spec.nchannels) - (alpha >= 0 && alpha < 3 ? 1 : 0);
    if (colourChannels < 1 || (alpha >= 0 && alpha < colourChannels))
        return fail(ErrorCode::Unsupported,
                    cannotRead(path, "no colour channel before the alpha channel"));
    layout.grey = colourChannels < 3;
    layout.alpha = alpha;
    layout.channels = std::max(layout.grey ? 1 : 3, alpha + 1);
    if (layout.channels > kMaxChannelsRead)
        return fail(ErrorCode::Unsupported,
                    cannotRead(path, "its alpha is channel " + std::to_string(alpha) +
                                         "; Signe reads colour and alpha among the first " +
                                         std::to_string(kMaxChannelsRead) + " channels"));
    // We asked for the file's own straight alpha; a reader that cannot give it (OpenEXR,
    // whose alpha is premultiplied by definition, or OpenImageIO 2.4's WebP) leaves the
    // attribute unset and hands over premultiplied colour instead.
    layout.associated = alpha >= 0 && spec.get_int_attribute("oiio:UnassociatedAlpha", 0) == 0;
    const std::string space = spec.get_string_attribute("oiio:ColorSpace");
    layout.linear = formatName == "openexr" || formatName == "hdr" ||
                    OIIO::Strutil::iequals(space, "linear") ||
                    OIIO::Strutil::iequals(space, "scene_linear");
    return layout;
}

/// Decodes subimage `source.subimage` (already sought) into `layer`'s tiles, 64 rows at a
/// time, tile-aligned so each tile is written (and compacted) once. `progress` gets 0..1.
Result<void> decodeInto(OIIO::ImageInput& in, const fs::path& path, const LayerSource& source,
                        Layer& layer, const std::function<void(double)>& progress)
{
    const OIIO::ImageSpec spec = in.spec();
    auto layout = layoutOf(path, spec, in.format_name());
    if (!layout) return tl::unexpected(layout.error());
    // Integer sRGB samples are read as exact 16-bit codes; anything else as float.
    const bool asFloat =
        layout->linear || spec.format.is_floating_point() || spec.format.size() > 2;
    const int w = spec.width;
    const std::size_t stripSamples = std::size_t(w) * kTileSize * std::size_t(layout->channels);
    std::vector<float> floats(asFloat ? stripSamples : 0);
    std::vector<std::uint16_t> words(asFloat ? 0 : stripSamples);
    std::vector<Pixel16> pixels(std::size_t(w) * kTileSize);
    for (int y = 0; y < spec.height; y += kTileSize) {
        const int rows = std::min(kTileSize, spec.height - y);
        const int fileY = spec.y + y;
        bool ok = asFloat
                      ? in.read_scanlines(source.subimage, 0, fileY, fileY + rows, 0, 0,
                                          layout->channels, OIIO::TypeDesc::FLOAT, floats.data())
                      : in.read_scanlines(source.subimage, 0, fileY, fileY + rows, 0, 0,
                                          layout->channels, OIIO::TypeDesc::UINT16, words.data());
        // OpenImageIO 2.4 may return true from a read that hit the end of a cut-short file
        // (TIFF does) and leave only an error message: check both.
        if (!ok || in.has_error()) {
            std::string why = in.geterror();
            if (why.empty()) why = "the pixel data is damaged or cut short";
            return fail(ErrorCode::Corrupt,
                        cannotRead(path, "rows " + std::to_string(y) + " to " +
                                             std::to_string(y + rows - 1) + ": " + why));
        }
        if (asFloat)
            io::toPixels(floats.data(), *layout, pixels.data(), w * rows);
        else
            io::toPixels(words.data(), *layout, pixels.data(), w * rows);
        layer.tiles().writeRect({0, y, w, rows}, pixels.data(), w);
        if (progress) progress(double(y + rows) / spec.height);
    }
    return {};
}

/// A new paint layer holding subimage `source`, placed where the file puts it relative to
/// (originX, originY), the top-left of the picture.
Result<std::shared_ptr<Layer>> readLayer(OIIO::ImageInput& in, const fs::path& path,
                                         const LayerSource& source, int maxSide, int originX,
                                         int originY, LayerId id,
                                         const std::function<void(double)>& progress)
{
    if (!in.seek_subimage(source.subimage, 0))
        return fail(ErrorCode::Corrupt,
                    cannotRead(path, "cannot reach layer " + std::to_string(source.subimage) +
                                         ": " + in.geterror()));
    const OIIO::ImageSpec& spec = in.spec();
    if (spec.width < 1 || spec.height < 1 || spec.width > maxSide || spec.height > maxSide)
        return fail(
            ErrorCode::InvalidArgument,
            cannotRead(path, "layer '" + source.name + "' is " + std::to_string(spec.width) + "x" +
                                 std::to_string(spec.height) + "; the limit is " +
                                 std::to_string(maxSide) + " a side"));
    LayerProperties props{source.name};
    props.offsetX = spec.x - originX;
    props.offsetY = spec.y - originY;
    auto layer = std::make_shared<Layer>(id, LayerKind::Paint, std::move(props));
    if (auto decoded = decodeInto(in, path, source, *layer, progress); !decoded)
        return tl::unexpected(decoded.error());
    return layer;
}

/// Opens `path` asking for the file's own (straight) alpha where the format has it.
Result<std::unique_ptr<OIIO::ImageInput>> openForImport(const fs::path& path, int maxSide)
{
    OIIO::ImageSpec config;
    config.attribute("oiio:UnassociatedAlpha", 1);
    auto in = io::openImage(path, maxSide, &config);
    if (!in) return in;
    const OIIO::ImageSpec& spec = (*in)->spec();
    // The picture's size is its display window; refuse a huge one as well as a huge data
    // window (openImage checked that) before decoding anything.
    if (spec.full_width > maxSide || spec.full_height > maxSide)
        return fail(ErrorCode::InvalidArgument,
                    "'" + path.string() + "' is " + std::to_string(spec.full_width) + "x" +
                        std::to_string(spec.full_height) + "; the limit is " +
                        std::to_string(maxSide) + " a side");
    return in;
}

/// The layers of the file: for a PSD with layers, each layer OpenImageIO exposes as a
/// subimage after the first (subimage 0 is the merged picture), bottom to top; else the
/// picture itself, named after the file.
std::vector<LayerSource> layerSources(OIIO::ImageInput& in, const fs::path& path)
{
    std::vector<LayerSource> sources;
    if (std::string(in.format_name()) == "psd") {
        for (int s = 1; in.seek_subimage(s, 0); ++s) {
            std::string name = in.spec().get_string_attribute("oiio:subimagename");
            if (name.empty()) name = "Layer " + std::to_string(s);
            sources.push_back({s, name});
        }
        in.seek_subimage(0, 0);
    }
    if (sources.empty()) sources.push_back({0, path.stem().string()});
    return sources;
}

/// The file's resolution in dots per inch, or `fallback` when it names none.
double resolutionOf(const OIIO::ImageSpec& spec, double fallback)
{
    const float x = spec.get_float_attribute("XResolution", 0.0f);
    const std::string unit = spec.get_string_attribute("ResolutionUnit");
    if (!(x > 0.0f)) return fallback;
    if (unit == "in" || unit == "inch") return x;
    if (unit == "cm") return x * 2.54;
    return fallback;
}

}  // namespace

Result<std::unique_ptr<Document>> openImageAsDocument(const fs::path& path,
                                                      const ImportOptions& options)
{
    auto opened = openForImport(path, options.maxSide);
    if (!opened) return tl::unexpected(opened.error());
    OIIO::ImageInput& in = **opened;
    const OIIO::ImageSpec picture = in.spec();
    const int width = picture.full_width > 0 ? picture.full_width : picture.width;
    const int height = picture.full_height > 0 ? picture.full_height : picture.height;
    auto created = Document::createEmpty(width, height, options.background,
                                         resolutionOf(picture, options.dpi));
    if (!created) return tl::unexpected(created.error());
    std::unique_ptr<Document> doc = std::move(*created);

    const std::vector<LayerSource> sources = layerSources(in, path);
    for (std::size_t i = 0; i < sources.size(); ++i) {
        auto progress = [&](double f) {
            if (options.progress) options.progress((double(i) + f) / double(sources.size()));
        };
        auto layer = readLayer(in, path, sources[i], options.maxSide, picture.full_x,
                               picture.full_y, doc->allocateId(), progress);
        if (!layer) return tl::unexpected(layer.error());
        // A new document has no history: the layers go straight into the tree.
        doc->insertNode(kNoLayer, -1, std::move(*layer));
    }
    return doc;
}

Result<LayerId> importImageAsLayer(Document& doc, const fs::path& path,
                                   const ImportOptions& options, LayerId parent, int index)
{
    LayerId parentId = doc.root().id();
    if (parent != kNoLayer) {
        const Layer* group = doc.layer(parent);
        if (!group) return fail(ErrorCode::NotFound, "no layer with id " + std::to_string(parent));
        if (!group->isGroup())
            return fail(
                ErrorCode::InvalidArgument,
                "cannot import into layer '" + group->properties().name + "': it is not a group");
        parentId = parent;
    }
    auto opened = openForImport(path, options.maxSide);
    if (!opened) return tl::unexpected(opened.error());
    OIIO::ImageInput& in = **opened;
    const OIIO::ImageSpec picture = in.spec();
    // The merged picture, even of a layered PSD: one file, one layer.
    auto layer = readLayer(in, path, {0, path.stem().string()}, options.maxSide, picture.full_x,
                           picture.full_y, doc.allocateId(), options.progress);
    if (!layer) return tl::unexpected(layer.error());
    const LayerId id = (*layer)->id();
    // One history entry that inserts the finished layer, pixels and all, so one undo removes
    // it (an empty layer followed by a paint transaction would take two).
    auto command =
        std::make_unique<InsertLayerCommand>("Import image", parentId, index, std::move(*layer));
    command->redo(doc);
    doc.history().push(std::move(command));
    // The pixels came from a file the journal cannot replay: it snapshots the document.
    DocumentOperation op{DocumentOperation::Kind::Pixels};
    op.name = "Import image";
    doc.reportOperation(op);
    return id;
}

}  // namespace signe::core
