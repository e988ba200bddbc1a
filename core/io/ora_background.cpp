// SPDX-License-Identifier: GPL-3.0-or-later
// Signe's background colour as the bottom layer of an OpenRaster file, both ways.
#include "core/io/ora_background.h"

#include <algorithm>

#include "core/blend_mode.h"
#include "core/io/ora_zip.h"
#include "core/io/png_codec.h"

namespace signe::core::ora {

namespace {

constexpr const char* kBackgroundMark = "background";
constexpr const char* kRootMark = "root";
/// Rows decoded at a time while checking that a PNG is one colour.
constexpr int kRowsPerStrip = 64;

bool marked(const StackEntry& e, const char* mark)
{
    const auto it = e.signe.find(mark);
    return it != e.signe.end() && (it->second == "true" || it->second == "1");
}

std::string describe(const StackEntry& e)
{
    return "stack.xml line " + std::to_string(e.line) + ": " + (e.isStack ? "stack '" : "layer '") +
           e.name + "'";
}

bool blendsNormally(const StackEntry& e)
{
    const auto mode = parseBlendMode(e.compositeOp);
    return mode && *mode == BlendMode::Normal;
}

/// Why `e` (at `x`, `y` on the canvas) cannot be a background layer, or "" when it can, as far
/// as stack.xml tells: Signe writes it visible, opaque, normal, at 0,0.
std::string shapeProblem(const StackEntry& e, int x, int y)
{
    if (e.isStack) return "it is a stack";
    if (!e.visible) return "it is hidden";
    if (e.opacity != 1.0f) return "its opacity is not 1";
    if (!blendsNormally(e)) return "its composite-op is not normal";
    if (x != 0 || y != 0) return "it is not at 0,0";
    return {};
}

/// The one colour of every pixel of PNG `src` (straight, 16 bits), when it is `width` x
/// `height`; otherwise why not. Each row is compared with the first pixel repeated.
Result<Color16> uniformPngColour(const ZipReader& zip, const std::string& src, int width,
                                 int height)
{
    if (auto ok = checkEntryName(src); !ok) return tl::unexpected(ok.error());
    if (!zip.contains(src)) return fail(ErrorCode::Corrupt, "its file is missing");
    const std::string what = "'" + src + "'";
    auto head = zip.readHead(src, 64);
    if (!head) return tl::unexpected(head.error());
    auto header = parsePngHeader(*head, what);
    if (!header) return tl::unexpected(header.error());
    if (header->width != width || header->height != height)
        return fail(ErrorCode::Corrupt, "it is " + std::to_string(header->width) + "x" +
                                            std::to_string(header->height) + ", not the canvas' " +
                                            std::to_string(width) + "x" + std::to_string(height));
    // An interlaced PNG decodes whole, at any size: not worth it here (the layer then goes
    // through the normal decoding, which bounds it).
    if (header->interlaced) return fail(ErrorCode::Corrupt, "its PNG is interlaced");
    auto bytes = zip.read(src, pngByteLimit(*header));
    if (!bytes) return tl::unexpected(bytes.error());
    auto reader = PngReader::open(*bytes, what);
    if (!reader) return tl::unexpected(reader.error());
    const std::size_t channels = std::size_t(reader->channels());
    const std::size_t rowSamples = std::size_t(width) * channels;
    std::vector<std::uint16_t> strip(rowSamples * kRowsPerStrip), row(rowSamples);
    for (int y = 0; y < height; y += kRowsPerStrip) {
        const int rows = std::min(kRowsPerStrip, height - y);
        if (auto ok = reader->readRows(y, rows, strip.data()); !ok)
            return tl::unexpected(ok.error());
        if (y == 0)
            for (std::size_t i = 0; i < rowSamples; ++i) row[i] = strip[i % channels];
        for (int r = 0; r < rows; ++r)
            if (!std::equal(row.begin(), row.end(), strip.begin() + std::ptrdiff_t(r * rowSamples)))
                return fail(ErrorCode::Corrupt, "it is not one colour");
    }
    const bool grey = channels < 3;
    const bool alpha = reader->alphaChannel() >= 0;
    return Color16{row[0], row[grey ? 0 : 1], row[grey ? 0 : 2],
                   alpha ? row[channels - 1] : std::uint16_t(65535)};
}

/// Warns of every entry under `stack` marked `mark`, but `except`, and leaves them be.
void warnStrayMarks(const StackEntry& stack, const char* mark, const StackEntry* except,
                    const std::string& why, std::vector<std::string>& warnings)
{
    for (const StackEntry& e : stack.children) {
        if (&e != except && marked(e, mark))
            warnings.push_back(describe(e) + ": signe:" + mark + " " + why);
        if (e.isStack) warnStrayMarks(e, mark, except, why, warnings);
    }
}

/// Above a background candidate, the stack Signe wrote around the document's layers (alone
/// in the root stack, as Signe writes it) gives its children back to the root; returns the
/// stack without them.
std::optional<StackEntry> unwrapLayersStack(StackImage& image)
{
    auto& top = image.root.children;
    if (top.size() != 1 || !top.front().isStack || !marked(top.front(), kRootMark)) return {};
    StackEntry wrapper = std::move(top.front());
    if (!wrapper.visible || wrapper.opacity != 1.0f || !blendsNormally(wrapper)) {
        top.front() = std::move(wrapper);
        return {};
    }
    top = std::move(wrapper.children);
    wrapper.children.clear();
    for (StackEntry& child : top) {
        child.x += wrapper.x;
        child.y += wrapper.y;
    }
    return wrapper;
}

}  // namespace

bool writesBackgroundLayer(Color16 background)
{
    return background.a != 0;
}

bool layersNeedOwnStack(const Layer& root)
{
    for (const auto& child : root.children()) {
        const LayerProperties& p = child->properties();
        if (p.blendMode != BlendMode::Normal) return true;
        // A group the compositor passes through (core/stack_compositor.cpp) lets its children
        // blend with what lies below it.
        const bool passThrough = child->isGroup() && !p.isolated && p.opacity >= 1.0f;
        if (passThrough && layersNeedOwnStack(*child)) return true;
    }
    return false;
}

StackEntry backgroundLayerEntry(const std::string& src)
{
    StackEntry e;
    e.name = std::string(kBackgroundLayerName);
    e.src = src;
    e.signe[kBackgroundMark] = "true";
    return e;
}

StackEntry layersStackEntry()
{
    StackEntry e;
    e.isStack = true;
    e.name = std::string(kLayersStackName);
    e.isolate = true;
    e.signe[kRootMark] = "true";
    return e;
}

std::optional<BackgroundCandidate> takeBackgroundCandidate(StackImage& image, bool hasDocumentData,
                                                           std::vector<std::string>& warnings)
{
    auto& top = image.root.children;
    // The file lists the top first: the bottom entry is the last.
    const StackEntry* bottom = top.empty() ? nullptr : &top.back();
    warnStrayMarks(image.root, kBackgroundMark, bottom,
                   "is only read on the bottom layer; kept as a layer", warnings);
    std::optional<BackgroundCandidate> candidate;
    if (bottom) {
        const bool isMarked = marked(*bottom, kBackgroundMark);
        // Unmarked: a Signe file that lost Signe's data, or another program's own background.
        const bool byName =
            !hasDocumentData && bottom->name == kBackgroundLayerName && top.size() >= 2;
        const std::string problem =
            shapeProblem(*bottom, image.root.x + bottom->x, image.root.y + bottom->y);
        if (isMarked && !problem.empty())
            warnings.push_back(describe(*bottom) + ": signe:background is not read (" + problem +
                               "); kept as a layer");
        else if ((isMarked || byName) && problem.empty())
            candidate = BackgroundCandidate{*bottom, isMarked, std::nullopt};
    }
    if (candidate) {
        top.pop_back();
        candidate->layersStack = unwrapLayersStack(image);
    }
    warnStrayMarks(image.root, kRootMark, nullptr,
                   "is only read on the stack Signe writes above its background layer; kept as "
                   "a group",
                   warnings);
    return candidate;
}

Result<Color16> checkBackgroundPng(const BackgroundCandidate& candidate, const ZipReader& zip,
                                   int width, int height)
{
    auto colour = uniformPngColour(zip, candidate.layer.src, width, height);
    // Over the white that Signe gives a file without document data, a translucent layer shows
    // differently from a translucent background.
    if (colour && !candidate.marked && colour->a != 65535)
        return fail(ErrorCode::Corrupt, "it is not opaque");
    return colour;
}

void warnBackgroundRefused(const BackgroundCandidate& candidate, const Error& why,
                           std::vector<std::string>& warnings)
{
    if (!candidate.marked) return;
    warnings.push_back(describe(candidate.layer) + ": signe:background is not read (" +
                       why.message + "); kept as a layer");
    if (candidate.layersStack)
        warnings.push_back(describe(*candidate.layersStack) +
                           ": signe:root is only read above a background layer; kept as a group");
}

}  // namespace signe::core::ora
