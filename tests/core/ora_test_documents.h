// SPDX-License-Identifier: GPL-3.0-or-later
// Building documents for the OpenRaster tests, comparing a document with what came back, and
// reading what a saved file shows.
#pragma once

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "core/document.h"
#include "core/io/ora_zip.h"
#include "core/io/png_codec.h"
#include "core/tile_store.h"
#include "test_files.h"

namespace signe::test {

/// A new layer or group on top of `parent`'s children (the document's top level if null).
inline std::shared_ptr<core::Layer> addNode(core::Document& doc, core::Layer* parent,
                                            core::LayerKind kind, core::LayerProperties p)
{
    auto node = std::make_shared<core::Layer>(doc.allocateId(), kind, std::move(p));
    if (parent)
        parent->children().push_back(node);
    else
        doc.insertNode(core::kNoLayer, -1, node);
    return node;
}

/// Straight colour `rgb` (0..1) with a horizontal alpha ramp from `a0` (left) to `a1` (right)
/// and a vertical shade from `shadeTop` to 1 times the colour, over `rect` (layer coordinates).
inline void paintRamp(core::Layer& layer, const core::Rect& rect, const float rgb[3], float a0,
                      float a1, float shadeTop = 0.6f)
{
    std::vector<core::Pixel16> px(std::size_t(rect.w) * std::size_t(rect.h));
    for (int y = 0; y < rect.h; ++y)
        for (int x = 0; x < rect.w; ++x) {
            const float a = a0 + (a1 - a0) * float(x) / float(std::max(1, rect.w - 1));
            const float shade =
                shadeTop + (1.0f - shadeTop) * float(y) / float(std::max(1, rect.h - 1));
            auto c = [&](float v) { return std::uint16_t(std::lround(v * shade * a * 65535.0f)); };
            px[std::size_t(y) * std::size_t(rect.w) + std::size_t(x)] = {
                c(rgb[0]), c(rgb[1]), c(rgb[2]), std::uint16_t(std::lround(a * 65535.0f))};
        }
    layer.tiles().writeRect(rect, px.data(), rect.w);
}

/// The same samples in two tile stores (colour, thickness or wetness) over both their bounds.
template <class T>
void expectSameSamples(const core::BasicTileStore<T>& a, const core::BasicTileStore<T>& b,
                       const std::string& what)
{
    const core::Rect r = a.bounds().united(b.bounds());
    std::vector<T> sa(std::size_t(r.w) * std::size_t(r.h)), sb(sa.size());
    a.readRect(r, sa.data(), r.w);
    b.readRect(r, sb.data(), r.w);
    EXPECT_TRUE(sa == sb) << what << " differs";
}

/// The same tree: kinds, properties, and every colour and thickness sample.
inline void expectSameTree(const core::Layer& a, const core::Layer& b, const std::string& path)
{
    SCOPED_TRACE(path);
    ASSERT_EQ(a.kind(), b.kind());
    EXPECT_EQ(a.properties(), b.properties());
    ASSERT_EQ(a.children().size(), b.children().size());
    for (std::size_t i = 0; i < a.children().size(); ++i)
        expectSameTree(*a.children()[i], *b.children()[i],
                       path + "/" + a.children()[i]->properties().name);
    if (a.isGroup()) return;
    EXPECT_EQ(a.tiles().bounds(), b.tiles().bounds());
    expectSameSamples(a.tiles(), b.tiles(), "colour");
    expectSameSamples(a.thickness(), b.thickness(), "thickness");
}

/// The merged image of a saved .ora, as straight 16-bit RGBA; sets its size.
inline std::vector<std::uint16_t> mergedImagePixels(const std::filesystem::path& ora, int& w,
                                                    int& h)
{
    auto zip = core::ora::ZipReader::open(ora).value();
    const auto bytes = zip.read("mergedimage.png", 1 << 28).value();
    auto reader = core::ora::PngReader::open(bytes, "mergedimage.png").value();
    w = reader.width();
    h = reader.height();
    EXPECT_EQ(reader.channels(), 4);
    std::vector<std::uint16_t> px(std::size_t(w) * std::size_t(h) * 4);
    EXPECT_TRUE(reader.readRows(0, h, px.data()));
    return px;
}

/// How far another program's rendering (`theirs`: floats, `channels` a pixel; a missing alpha
/// counts as opaque) is from Signe's straight 16-bit RGBA `ours`, in steps of 8 bits.
struct ImageDifference {
    double worst = 0;               ///< the largest difference of any channel of any pixel
    double mean = 0;                ///< over every channel of every pixel
    int x = 0, y = 0, channel = 0;  ///< where the worst is
};

inline ImageDifference differenceIn8BitSteps(const std::vector<std::uint16_t>& ours,
                                             const std::vector<float>& theirs, int channels, int w,
                                             int h)
{
    ImageDifference d;
    double sum = 0;
    for (int y = 0; y < h; ++y)
        for (int x = 0; x < w; ++x)
            for (int c = 0; c < 4; ++c) {
                const std::size_t i = std::size_t(y) * std::size_t(w) + std::size_t(x);
                const double a = ours[i * 4 + std::size_t(c)] / 65535.0;
                const double b =
                    c < channels ? theirs[i * std::size_t(channels) + std::size_t(c)] : 1.0;
                const double step = std::abs(a - b) * 255.0;
                sum += step;
                if (step > d.worst) d.worst = step, d.x = x, d.y = y, d.channel = c;
            }
    d.mean = sum / (double(w) * double(h) * 4.0);
    return d;
}

/// Signe's merged image of a saved `ora` next to another program's flattening of it (`png`,
/// read as floats), and how far apart they are.
struct FlattenComparison {
    std::vector<std::uint16_t> ours;  ///< straight 16-bit RGBA
    int width = 0, height = 0;
    OIIO::ImageSpec theirs;  ///< what the other program's file is
    ImageDifference difference;
};

inline FlattenComparison compareWithMergedImage(const std::filesystem::path& ora,
                                                const std::filesystem::path& png)
{
    FlattenComparison c;
    c.ours = mergedImagePixels(ora, c.width, c.height);
    const std::vector<float> theirs = readPixels<float>(png, OIIO::TypeDesc::FLOAT, c.theirs);
    if (c.theirs.width == c.width && c.theirs.height == c.height && c.theirs.nchannels >= 3)
        c.difference =
            differenceIn8BitSteps(c.ours, theirs, c.theirs.nchannels, c.width, c.height);
    return c;
}

}  // namespace signe::test
