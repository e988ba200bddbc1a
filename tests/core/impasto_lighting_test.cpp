// SPDX-License-Identifier: GPL-3.0-or-later
// Impasto lighting: flat identity, the direction of the light, no seams at tile edges, the
// dirty region, and export with and without light.
#include "core/impasto_lighting.h"

#include <OpenImageIO/imageio.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <cstring>
#include <filesystem>
#include <vector>

#include "core/color.h"
#include "core/compositor.h"
#include "core/height_field.h"
#include "core/io/image_io.h"
#include "core/transaction.h"
#include "test_files.h"

using namespace signe::core;
namespace fs = std::filesystem;

namespace {

constexpr Pixel16 kGrey{32768, 32768, 32768, 65535};  // sRGB 0.5, opaque

std::unique_ptr<Document> newDoc(int w, int h, Color16 bg = {65535, 65535, 65535, 65535})
{
    return std::move(*Document::create(w, h, bg));
}
LayerId firstLayer(const Document& doc)
{
    return doc.root().children().at(0)->id();
}

void fill(Document& doc, LayerId id, const Rect& r, Pixel16 value)
{
    Transaction tx(doc, "paint");
    tx.target(id)->fillRect(r, value);
    tx.commit();
}

/// Writes thickness f(x, y) over `r` (layer coordinates) in one transaction.
template <class F>
void sculpt(Document& doc, LayerId id, const Rect& r, F&& f)
{
    std::vector<Thickness16> samples(std::size_t(r.w) * std::size_t(r.h));
    for (int y = 0; y < r.h; ++y)
        for (int x = 0; x < r.w; ++x)
            samples[std::size_t(y * r.w + x)] = Thickness16(f(r.x + x, r.y + y));
    Transaction tx(doc, "Impasto");
    tx.target(id)->writeThicknessRect(r, samples.data(), r.w);
    tx.commit();
}

std::array<int, 4> displayPixel(Compositor& c, int x, int y)
{
    const std::uint8_t* t = c.displayTile(0, {x / kTileSize, y / kTileSize});
    const std::uint8_t* p = t + ((y % kTileSize) * kTileSize + x % kTileSize) * 4;
    return {p[0], p[1], p[2], p[3]};
}

/// Every display byte of the canvas, row-major RGBA.
std::vector<std::uint8_t> displayImage(Compositor& view, const Document& doc)
{
    std::vector<std::uint8_t> out(std::size_t(doc.width()) * std::size_t(doc.height()) * 4);
    for (int y = 0; y < doc.height(); ++y)
        for (int x = 0; x < doc.width(); ++x) {
            const auto p = displayPixel(view, x, y);
            for (int ch = 0; ch < 4; ++ch)
                out[(std::size_t(y) * std::size_t(doc.width()) + std::size_t(x)) * 4 +
                    std::size_t(ch)] = std::uint8_t(p[std::size_t(ch)]);
        }
    return out;
}

/// The shading of docs/architecture.md, "Impasto", in double, written out again on its own:
/// the 8-bit sRGB code of straight sRGB `colour` on a surface of gradient (gx, gy).
int expectedCode(double colour, double gx, double gy, const Light& light)
{
    const double d = M_PI / 180.0;
    const double az = light.azimuth * d, el = light.elevation * d;
    const double lx = std::sin(az) * std::cos(el), ly = -std::cos(az) * std::cos(el);
    const double lz = std::sin(el);
    const double hn = std::sqrt(lx * lx + ly * ly + (lz + 1) * (lz + 1));
    const double hx = lx / hn, hy = ly / hn, hz = (lz + 1) / hn;
    const double n = std::sqrt(gx * gx + gy * gy + 1);
    const double nx = -gx / n, ny = -gy / n, nz = 1 / n;
    const double s = light.strength, amb = 1 - s;
    const double diffuse = (amb + s * std::max(0.0, nx * lx + ny * ly + nz * lz)) / (amb + s * lz);
    const double ndh = std::max(0.0, nx * hx + ny * hy + nz * hz);
    const double spec =
        light.shine * std::max(0.0, std::pow(ndh, light.shininess) - std::pow(hz, light.shininess));
    const double lit = srgbToLinear(float(colour)) * diffuse + spec;
    return int(std::lround(
        std::clamp(double(linearToSrgb(float(std::clamp(lit, 0.0, 1.0)))), 0.0, 1.0) * 255));
}

fs::path tempDir()
{
    return signe::test::tempDir("signe-impasto-test-");
}

using signe::test::readPixels;

/// A smooth bump: peak `peak` at (cx, cy) (pixel centres at +0.5), Gaussian of `sigma` px.
auto bump(double cx, double cy, double sigma, double peak)
{
    return [=](int x, int y) {
        const double dx = x + 0.5 - cx, dy = y + 0.5 - cy;
        return std::lround(peak * std::exp(-(dx * dx + dy * dy) / (2 * sigma * sigma)));
    };
}

}  // namespace

TEST(ImpastoLighting, FlatSurfaceIsExactlyUnchangedForAnyLight)
{
    for (float az : {0.0f, 123.0f, 270.0f})
        for (float el : {5.0f, 45.0f, 90.0f}) {
            Light l;
            l.azimuth = az;
            l.elevation = el;
            l.strength = 1.0f;
            l.shine = 1.0f;
            const auto r = ImpastoLighting(l).response(0.0f, 0.0f);
            EXPECT_EQ(r.diffuse, 1.0f);
            EXPECT_EQ(r.specular, 0.0f);
        }
    // A tilt too small to matter comes out as good as flat too (normalised, not just skipped).
    Light l;
    const auto r = ImpastoLighting(l).response(1e-6f, 0.0f);
    EXPECT_NEAR(r.diffuse, 1.0f, 1e-5f);
    EXPECT_NEAR(r.specular, 0.0f, 1e-5f);
}

TEST(ImpastoLighting, FlatDocumentIsBitIdenticalLitAndUnlit)
{
    auto doc = newDoc(200, 150, {62708, 61423, 59110, 65535});
    const LayerId a = firstLayer(*doc);
    const LayerId b = *doc->addPaintLayer("B");
    fill(*doc, a, {10, 10, 150, 100}, {40000, 10000, 3000, 65535});
    fill(*doc, b, {50, 30, 100, 100}, {0, 20000, 30000, 40000});
    // Uniform thickness everywhere on one layer: as flat as none at all.
    Transaction tx(*doc, "Impasto");
    tx.target(b)->fillThicknessRect({-64, -64, 400, 400}, 20000);
    tx.commit();

    Compositor lit(*doc);
    const auto litBytes = displayImage(lit, *doc);
    ASSERT_TRUE(doc->setLightEnabled(false));
    Compositor unlit(*doc);
    EXPECT_EQ(displayImage(unlit, *doc), litBytes);
    EXPECT_EQ(lit.litTileCount(), 0u) << "flat tiles skip lighting altogether";

    std::vector<float> f1(std::size_t(200) * 150 * 4), f2(f1.size());
    unlit.compositeFloat(doc->bounds(), f1.data(), true, 1, false);
    unlit.compositeFloat(doc->bounds(), f2.data(), true, 1, true);
    EXPECT_EQ(std::memcmp(f1.data(), f2.data(), f1.size() * sizeof(float)), 0);
}

TEST(ImpastoLighting, ARidgeLitFromTheLeftIsBrighterOnItsLeftSlope)
{
    auto doc = newDoc(128, 64);
    const LayerId a = firstLayer(*doc);
    fill(*doc, a, doc->bounds(), kGrey);
    // A ridge along y: rising 512 a pixel to x = 63.5, then falling.
    sculpt(*doc, a, doc->bounds(), [](int x, int) { return x < 64 ? x * 512 : (127 - x) * 512; });
    Light l;
    l.azimuth = 270.0f;  // from the left
    l.elevation = 45.0f;
    l.strength = 0.75f;
    l.shine = 0.0f;
    l.relief = 16.0f;
    ASSERT_TRUE(doc->setLight(l));
    Compositor view(*doc);

    const double slope = 512.0 * 16.0 / 65535.0;  // canvas pixels of height a pixel
    const int up = expectedCode(0.5, slope, 0, l), down = expectedCode(0.5, -slope, 0, l);
    EXPECT_EQ(displayPixel(view, 30, 20)[0], up);
    EXPECT_EQ(displayPixel(view, 100, 20)[0], down);
    EXPECT_GT(up, 128);
    EXPECT_LT(down, 128);
    EXPECT_EQ(displayPixel(view, 30, 20)[1], up) << "grey stays grey";
    EXPECT_EQ(displayPixel(view, 30, 20)[3], 255);
    // At the crest the central difference is zero: unchanged.
    EXPECT_EQ(displayPixel(view, 63, 20)[0], expectedCode(0.5, 0.5 * 512 * 16 / 65535.0, 0, l));

    // From the right it is the other way round.
    l.azimuth = 90.0f;
    ASSERT_TRUE(doc->setLight(l));
    EXPECT_EQ(displayPixel(view, 30, 20)[0], down);
    EXPECT_EQ(displayPixel(view, 100, 20)[0], up);

    // A highlight only adds light, and most where the slope faces the half vector.
    l.shine = 0.5f;
    l.shininess = 20.0f;
    ASSERT_TRUE(doc->setLight(l));
    EXPECT_EQ(displayPixel(view, 100, 20)[0], expectedCode(0.5, -slope, 0, l));
    EXPECT_GE(displayPixel(view, 100, 20)[0], up);
}

TEST(ImpastoLighting, NoSeamAtTileEdges)
{
    auto doc = newDoc(256, 256);
    const LayerId a = firstLayer(*doc);
    const LayerId b = *doc->addPaintLayer("B");
    fill(*doc, a, doc->bounds(), kGrey);
    fill(*doc, b, {100, 0, 156, 256}, {20000, 5000, 9000, 40000});
    // A bump centred on the corner shared by tiles (1,1), (2,1), (1,2), (2,2).
    sculpt(*doc, a, {64, 64, 128, 128}, bump(128, 128, 14, 30000));
    // And one on an unaligned layer, straddling a vertical tile edge of the canvas.
    LayerProperties p = doc->layer(b)->properties();
    p.offsetX = 37;
    p.offsetY = -5;
    ASSERT_TRUE(doc->setLayerProperties(b, p));
    sculpt(*doc, b, {120, 20, 100, 80}, bump(192 - 37, 60 + 5, 9, 20000));
    Light l;
    l.azimuth = 270.0f;
    l.shine = 0.3f;
    ASSERT_TRUE(doc->setLight(l));
    Compositor view(*doc);
    const auto tiles = displayImage(view, *doc);

    // The same formula on one buffer for the whole canvas, with no tiles at all.
    const int w = doc->width(), h = doc->height(), hw = w + 2;
    std::vector<float> height(std::size_t(hw) * std::size_t(h + 2), 0.0f);
    accumulateThickness(doc->root(), doc->bounds().inflated(1), l.relief / 65535.0f, height.data(),
                        hw);
    std::vector<float> rgba(std::size_t(w) * std::size_t(h) * 4);
    view.compositeFloat(doc->bounds(), rgba.data(), true);
    ImpastoLighting(l).shade(height.data() + hw + 1, hw, rgba.data(), w, w, h);
    std::vector<std::uint8_t> whole(rgba.size());
    for (std::size_t i = 0; i < rgba.size(); ++i)
        whole[i] = std::uint8_t(std::clamp(int(rgba[i] * 255.0f + 0.5f), 0, 255));
    EXPECT_EQ(tiles, whole);

    // And on its own terms: lit from the left, the first bump is mirror-symmetric about
    // y = 128, which runs between two rows of tiles: rows 127 and 128 read each other.
    for (int x = 70; x < 100; ++x)
        for (int k = 0; k < 40; ++k)
            ASSERT_EQ(displayPixel(view, x, 127 - k), displayPixel(view, x, 128 + k))
                << x << ", " << k;
    // The bump really is lit: brighter on the left slope than on the right.
    EXPECT_GT(displayPixel(view, 118, 128)[0], displayPixel(view, 138, 128)[0] + 10);
}

TEST(ImpastoLighting, ThicknessChangeRelightsOnlyItsTileAndTheNeighboursItTouches)
{
    auto doc = newDoc(512, 512);
    const LayerId a = firstLayer(*doc);
    fill(*doc, a, doc->bounds(), kGrey);
    Compositor view(*doc);
    EXPECT_EQ(view.update(0, doc->bounds()), 64);
    EXPECT_EQ(view.update(0, doc->bounds()), 0);

    auto dab = [&](const Rect& r) {
        sculpt(*doc, a, r, [](int x, int y) { return 1000 + (x * 37 + y * 11) % 900; });
        return view.update(0, doc->bounds());
    };
    EXPECT_EQ(dab({80, 80, 20, 20}), 1) << "inside tile (1, 1)";
    EXPECT_EQ(view.litTileCount(), 1u);
    EXPECT_EQ(dab({120, 80, 8, 8}), 2) << "reaching its right edge: (2, 1) reads that column";
    EXPECT_EQ(dab({128, 70, 4, 4}), 2) << "on the left edge of (2, 1): (1, 1) reads it";
    EXPECT_EQ(dab({188, 188, 4, 4}), 4) << "the corner of (2, 2): four tiles";
    doc->undo();
    EXPECT_EQ(view.update(0, doc->bounds()), 9)
        << "undo restores whole tiles: (2, 2) and the eight round it";

    // Off: thickness changes repaint nothing; switching on or off relights what has relief
    // (thickness tiles (1, 1) and (2, 1)) and the ring of tiles whose border touches it.
    ASSERT_TRUE(doc->setLightEnabled(false));
    EXPECT_EQ(view.update(0, doc->bounds()), 4 * 3) << "tiles (0..3, 0..2)";
    EXPECT_EQ(dab({300, 300, 10, 10}), 0);
    ASSERT_TRUE(doc->setLightEnabled(true));
    EXPECT_EQ(view.update(0, doc->bounds()), 4 * 3 + 3 * 3) << "and (3..5, 3..5) for (4, 4)";
    // A colour change never touches the neighbours, light or not.
    fill(*doc, a, {80, 80, 10, 10}, kGrey);
    fill(*doc, a, {80, 80, 10, 10}, {1000, 2000, 3000, 65535});
    EXPECT_EQ(view.update(0, doc->bounds()), 1);
}

TEST(ImpastoLighting, DocumentsWithoutImpastoNeverLight)
{
    auto doc = newDoc(512, 512);
    fill(*doc, firstLayer(*doc), {0, 0, 300, 300}, kGrey);
    Compositor view(*doc);
    view.update(0, doc->bounds(), 2);
    view.update(3, doc->bounds(), 2);
    EXPECT_EQ(view.litTileCount(), 0u);
}

TEST(ImpastoLighting, MipLevelsAreBoxFiltersOfTheLitLevel)
{
    auto doc = newDoc(128, 128);
    const LayerId a = firstLayer(*doc);
    fill(*doc, a, doc->bounds(), kGrey);
    sculpt(*doc, a, doc->bounds(), bump(64, 64, 10, 30000));
    Compositor view(*doc);
    const std::uint8_t* mip = view.displayTile(1, {0, 0});
    std::vector<std::uint8_t> level1(mip, mip + Compositor::kTileBytes);
    for (int y : {20, 31, 32, 40})
        for (int x : {25, 31, 33, 50}) {
            int sum = 0;
            for (int q = 0; q < 4; ++q)
                sum += displayPixel(view, 2 * x + (q & 1), 2 * y + (q >> 1))[0];
            EXPECT_EQ(level1[std::size_t(y * kTileSize + x) * 4], (sum + 2) / 4);
        }
}

TEST(ImpastoExport, LitAndUnlitFlattenedPngs)
{
    auto doc = newDoc(150, 70);
    const LayerId a = firstLayer(*doc);
    fill(*doc, a, {0, 0, 150, 70}, kGrey);
    sculpt(*doc, a, {0, 0, 150, 70}, bump(75, 35, 8, 30000));
    Light l;
    l.azimuth = 270.0f;
    ASSERT_TRUE(doc->setLight(l));
    const fs::path dir = tempDir();
    ExportOptions options;  // as the document: lit
    ASSERT_TRUE(exportFlattened(*doc, dir / "as-doc.png", options));
    options.lighting = ExportLighting::Unlit;
    ASSERT_TRUE(exportFlattened(*doc, dir / "unlit.png", options));
    ASSERT_TRUE(doc->setLightEnabled(false));
    options.lighting = ExportLighting::Lit;
    ASSERT_TRUE(exportFlattened(*doc, dir / "lit.png", options));
    options.lighting = ExportLighting::AsDocument;
    ASSERT_TRUE(exportFlattened(*doc, dir / "as-doc-off.png", options));

    OIIO::ImageSpec spec;
    const auto asDoc = readPixels<std::uint8_t>(dir / "as-doc.png", OIIO::TypeDesc::UINT8, spec);
    const auto lit = readPixels<std::uint8_t>(dir / "lit.png", OIIO::TypeDesc::UINT8, spec);
    const auto unlit = readPixels<std::uint8_t>(dir / "unlit.png", OIIO::TypeDesc::UINT8, spec);
    const auto asDocOff =
        readPixels<std::uint8_t>(dir / "as-doc-off.png", OIIO::TypeDesc::UINT8, spec);
    EXPECT_EQ(asDoc, lit);
    EXPECT_EQ(asDocOff, unlit);
    EXPECT_EQ(unlit[0], 128);
    EXPECT_EQ(unlit[std::size_t(35 * 150 + 68) * 4], 128);
    EXPECT_GT(lit[std::size_t(35 * 150 + 68) * 4], 128 + 5) << "left slope, facing the light";
    EXPECT_LT(lit[std::size_t(35 * 150 + 82) * 4], 128 - 5);
    EXPECT_EQ(lit[0], 128) << "flat away from the bump";

    // The exported lit picture is what the canvas shows.
    ASSERT_TRUE(doc->setLightEnabled(true));
    Compositor view(*doc);
    for (int y = 0; y < 70; ++y)
        for (int x = 0; x < 150; ++x)
            ASSERT_EQ(int(lit[std::size_t(y * 150 + x) * 4]), displayPixel(view, x, y)[0])
                << x << "," << y;
    fs::remove_all(dir);
}

TEST(ImpastoExport, ThicknessPngRoundTripsExactly)
{
    auto doc = newDoc(130, 70);
    const LayerId a = firstLayer(*doc);
    sculpt(*doc, a, {0, 0, 130, 70}, [](int x, int y) { return (x * 7919 + y * 104729) % 65536; });
    const fs::path dir = tempDir();
    ASSERT_TRUE(exportThickness(*doc, dir / "height.png"));
    OIIO::ImageSpec spec;
    const auto px = readPixels<std::uint16_t>(dir / "height.png", OIIO::TypeDesc::UINT16, spec);
    EXPECT_EQ(spec.nchannels, 1);
    EXPECT_EQ(spec.format, OIIO::TypeDesc::UINT16);
    ASSERT_EQ(px.size(), std::size_t(130 * 70));
    for (int y = 0; y < 70; ++y)
        for (int x = 0; x < 130; ++x)
            ASSERT_EQ(px[std::size_t(y * 130 + x)], doc->layer(a)->thickness().pixel(x, y))
                << x << "," << y;
    EXPECT_FALSE(fs::exists(dir / "height.png.signe-partial.png"));

    // Two layers at half opacity sum; a hidden one does not count.
    const LayerId b = *doc->addPaintLayer("B");
    const LayerId c = *doc->addPaintLayer("C");
    sculpt(*doc, b, {0, 0, 130, 70}, [](int, int) { return 60000; });
    sculpt(*doc, c, {0, 0, 130, 70}, [](int, int) { return 5000; });
    ASSERT_TRUE(doc->setLayerOpacity(b, 0.5f));
    ASSERT_TRUE(doc->setLayerVisible(c, false));
    ASSERT_TRUE(exportThickness(*doc, dir / "height.png"));
    const auto sum = readPixels<std::uint16_t>(dir / "height.png", OIIO::TypeDesc::UINT16, spec);
    EXPECT_EQ(sum[0], std::min(65535, 0 + 30000));
    EXPECT_EQ(sum[std::size_t(1 * 130 + 1)], std::min(65535, (7919 + 104729) % 65536 + 30000));
    fs::remove_all(dir);
}
