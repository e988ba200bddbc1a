// SPDX-License-Identifier: GPL-3.0-or-later
// Paper and canvas grain. The shipped textures in resources/grains/ must equal their generators;
// run with SIGNE_UPDATE_GOLDEN=1 to rewrite them (then look at them again).
#include "brushes/grain.h"

#include <OpenImageIO/imageio.h>
#include <gtest/gtest.h>

#include <cmath>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

using signe::brushes::Grain;
using signe::brushes::ShippedGrain;
using signe::brushes::shippedGrains;
using signe::core::ErrorCode;
namespace fs = std::filesystem;

namespace {

const fs::path kSource = SIGNE_SOURCE_DIR;

/// A scratch folder removed at the end of the test.
struct TempDir {
    fs::path path =
        fs::temp_directory_path() /
        ("signe_grain_test_" + std::to_string(::testing::UnitTest::GetInstance()->random_seed()) +
         "_" + ::testing::UnitTest::GetInstance()->current_test_info()->name());
    TempDir() { fs::create_directories(path); }
    ~TempDir() { fs::remove_all(path); }
};

/// Writes `channels` x `w` x `h` values of `type` (UINT8 or UINT16) to a PNG.
template <class T>
bool writePng(const fs::path& path, int w, int h, int channels, const std::vector<T>& px)
{
    const OIIO::TypeDesc type = sizeof(T) == 1 ? OIIO::TypeDesc::UINT8 : OIIO::TypeDesc::UINT16;
    auto out = OIIO::ImageOutput::create(path.string());
    if (!out) return false;
    OIIO::ImageSpec spec(w, h, channels, type);
    spec.attribute("png:compressionLevel", 9);
    return out->open(path.string(), spec) && out->write_image(type, px.data()) && out->close();
}

Grain make(const ShippedGrain& kind, int size, std::uint32_t seed)
{
    auto grain = kind.make(size, seed);
    EXPECT_TRUE(grain.has_value()) << (grain ? "" : grain.error().message);
    return std::move(*grain);
}

Grain ramp(int w, int h)
{
    std::vector<float> heights(std::size_t(w) * std::size_t(h));
    for (int y = 0; y < h; ++y)
        for (int x = 0; x < w; ++x)
            heights[std::size_t(y * w + x)] = float((x * 7 + y * 13) % 17) / 16.0f;
    return std::move(*Grain::fromHeights(w, h, std::move(heights)));
}

/// The mean of the coverage left after modulating a full-coverage square of canvas.
double deposit(const Grain& grain, float scale, float strength, float pressure, int side = 512)
{
    double sum = 0;
    std::vector<float> row(std::size_t(side), 1.0f);
    for (int y = 0; y < side; ++y) {
        std::fill(row.begin(), row.end(), 1.0f);
        grain.modulateRow(row.data(), side, -37, y - 11, scale, strength, pressure);
        for (float c : row) sum += c;
    }
    return sum / (double(side) * side);
}

}  // namespace

// --- The generated textures --------------------------------------------------------------------

TEST(Grain, GeneratedTexturesTileSeamlessly)
{
    for (const ShippedGrain& kind : shippedGrains())
        for (int size : {256, 200}) {
            const Grain g = make(kind, size, 3);
            // The step across each wrap edge is no larger than steps inside the tile.
            double insideX = 0, insideY = 0, seamX = 0, seamY = 0, maxInside = 0, maxSeam = 0;
            for (int j = 0; j < size; ++j) {
                for (int i = 0; i + 1 < size; ++i) {
                    const double dx = std::fabs(g.texel(i + 1, j) - g.texel(i, j));
                    const double dy = std::fabs(g.texel(j, i + 1) - g.texel(j, i));
                    insideX += dx;
                    insideY += dy;
                    maxInside = std::max({maxInside, dx, dy});
                }
                const double dx = std::fabs(g.texel(0, j) - g.texel(size - 1, j));
                const double dy = std::fabs(g.texel(j, 0) - g.texel(j, size - 1));
                seamX += dx;
                seamY += dy;
                maxSeam = std::max({maxSeam, dx, dy});
            }
            insideX /= double(size) * (size - 1);
            insideY /= double(size) * (size - 1);
            seamX /= size;
            seamY /= size;
            SCOPED_TRACE(std::string(kind.file) + " at " + std::to_string(size));
            EXPECT_LT(seamX, 1.5 * insideX);
            EXPECT_LT(seamY, 1.5 * insideY);
            EXPECT_LE(maxSeam, maxInside);
            // Sampling across the edge is continuous too.
            for (double y : {3.25, 77.5})
                EXPECT_NEAR(g.at(size - 1e-4, y, 1.0f), g.at(size + 1e-4, y, 1.0f), 1e-3);
        }
}

TEST(Grain, GeneratedTexturesHaveAFlatHistogramAndStructure)
{
    for (const ShippedGrain& kind : shippedGrains()) {
        const int n = 256;
        const Grain g = make(kind, n, 5);
        double sum = 0, sumSq = 0, step = 0;  // mean step to the right and down
        int low = 0, high = 0;
        for (int j = 0; j < n; ++j)
            for (int i = 0; i < n; ++i) {
                const double h = g.texel(i, j);
                sum += h;
                sumSq += h * h;
                step += 0.5 * (std::fabs(g.texel(i + 1, j) - h) + std::fabs(g.texel(i, j + 1) - h));
                low += h < 0.1;
                high += h > 0.9;
            }
        const double count = double(n) * n;
        const double mean = sum / count, sd = std::sqrt(sumSq / count - mean * mean);
        SCOPED_TRACE(kind.file);
        EXPECT_NEAR(mean, 0.5, 0.005);
        EXPECT_NEAR(sd, std::sqrt(1.0 / 12), 0.005);  // uniform on 0..1
        EXPECT_NEAR(low / count, 0.1, 0.005);
        EXPECT_NEAR(high / count, 0.1, 0.005);
        // Neighbours are alike (independent uniform values would differ by 1/3 on average),
        // but not flat: there is grain at the scale of a few texels.
        EXPECT_LT(step / count, 0.25);
        EXPECT_GT(step / count, 0.03);
    }
}

TEST(Grain, GeneratorsAreDeterministicAndSeeded)
{
    for (const ShippedGrain& kind : shippedGrains()) {
        const Grain a = make(kind, 64, 9), b = make(kind, 64, 9), c = make(kind, 64, 10);
        int same = 0, differ = 0;
        for (int j = 0; j < 64; ++j)
            for (int i = 0; i < 64; ++i) {
                same += a.texel(i, j) == b.texel(i, j);
                differ += a.texel(i, j) != c.texel(i, j);
            }
        EXPECT_EQ(same, 64 * 64) << kind.file;
        EXPECT_GT(differ, 64 * 64 / 2) << kind.file;
    }
}

TEST(Grain, GeneratorsRefuseBadSizes)
{
    for (int size : {0, 15, 4097}) {
        auto g = Grain::paper(size, 1);
        ASSERT_FALSE(g.has_value());
        EXPECT_NE(g.error().message.find(std::to_string(size)), std::string::npos)
            << g.error().message;
    }
    EXPECT_TRUE(Grain::canvas(16, 1).has_value());
    EXPECT_TRUE(Grain::laid(17, 1).has_value());
}

TEST(Grain, ShippedTexturesMatchTheirGenerators)
{
    for (const ShippedGrain& kind : shippedGrains()) {
        const fs::path file = kSource / "resources/grains" / kind.file;
        const Grain generated = make(kind, kind.size, kind.seed);
        if (std::getenv("SIGNE_UPDATE_GOLDEN")) {
            std::vector<std::uint8_t> px(std::size_t(kind.size) * std::size_t(kind.size));
            for (int j = 0; j < kind.size; ++j)
                for (int i = 0; i < kind.size; ++i)
                    px[std::size_t(j * kind.size + i)] =
                        std::uint8_t(std::lround(generated.texel(i, j) * 255.0f));
            ASSERT_TRUE(writePng(file, kind.size, kind.size, 1, px)) << file;
        }
        auto shipped = Grain::load(file);
        ASSERT_TRUE(shipped.has_value()) << shipped.error().message;
        ASSERT_EQ(shipped->width(), kind.size) << file;
        ASSERT_EQ(shipped->height(), kind.size) << file;
        double worst = 0;
        for (int j = 0; j < kind.size; ++j)
            for (int i = 0; i < kind.size; ++i)
                worst = std::max(worst,
                                 double(std::fabs(shipped->texel(i, j) - generated.texel(i, j))));
        EXPECT_LE(worst, 1.0 / 255) << file;
        EXPECT_LT(fs::file_size(file), 100u * 1024u) << file;
    }
}

// --- The response ------------------------------------------------------------------------------

TEST(Grain, StrengthZeroLeavesCoverageBitIdentical)
{
    const Grain g = make(shippedGrains()[0], 64, 1);
    std::vector<float> coverage(300);
    for (std::size_t i = 0; i < coverage.size(); ++i) coverage[i] = float(i % 37) / 36.0f;
    coverage[5] = 1e-30f;  // a denormal-ish value must survive as it is too
    const std::vector<float> before = coverage;
    for (float strength : {0.0f, -0.5f, std::nanf("")}) {
        g.modulateRow(coverage.data(), int(coverage.size()), 10, 20, 1.3f, strength, 0.3f);
        EXPECT_EQ(std::memcmp(coverage.data(), before.data(), before.size() * sizeof(float)), 0);
    }
}

TEST(Grain, FullPressureLeavesCoverage)
{
    for (const ShippedGrain& kind : shippedGrains()) {
        const Grain g = make(kind, 128, 1);
        std::vector<float> coverage(500), before;
        for (std::size_t i = 0; i < coverage.size(); ++i) coverage[i] = float(i % 11) / 10.0f;
        before = coverage;
        g.modulateRow(coverage.data(), int(coverage.size()), -250, 7, 1.7f, 1.0f, 1.0f);
        // Every height >= 0 lies above the band at full pressure: factor exactly 1.
        EXPECT_EQ(coverage, before) << kind.file;
        EXPECT_GE(deposit(g, 1.0f, 1.0f, 1.0f), 0.9) << kind.file;
    }
}

TEST(Grain, DepositGrowsWithPressure)
{
    for (const ShippedGrain& kind : shippedGrains()) {
        const Grain g = make(kind, 256, 1);
        for (float scale : {1.0f, 2.5f}) {
            SCOPED_TRACE(std::string(kind.file) + " at scale " + std::to_string(scale));
            const double heavy = deposit(g, scale, 1.0f, 1.0f);
            double previous = -1;
            for (int k = 0; k <= 10; ++k) {
                const float p = k / 10.0f;
                const double d = deposit(g, scale, 1.0f, p);
                EXPECT_GT(d, previous) << "pressure " << p;
                previous = d;
                // A flat histogram makes the deposit about 1.25 p - 0.125 between the ends;
                // interpolating a magnified texture narrows its histogram a little.
                if (k >= 2 && k <= 8) {
                    EXPECT_NEAR(d, 1.25 * p - 0.125, scale == 1.0f ? 0.03 : 0.08)
                        << "pressure " << p;
                }
            }
            const double light = deposit(g, scale, 1.0f, 0.25f);
            EXPECT_LT(light / heavy, 0.25);
            EXPECT_LT(deposit(g, scale, 1.0f, 0.0f), 0.01);
            // Half strength takes half as much away.
            EXPECT_NEAR(deposit(g, scale, 0.5f, 0.25f), 0.5 + 0.5 * light, 1e-4);
        }
    }
}

TEST(Grain, ResponseFollowsTheDocumentedFormula)
{
    for (float p : {0.0f, 0.2f, 0.5f, 0.8f, 1.0f})
        for (float h : {0.0f, 0.1f, 0.37f, 0.5f, 0.75f, 0.9f, 1.0f}) {
            const double lo = 1 - 1.25 * p;
            const double x = std::clamp((h - lo) / 0.25, 0.0, 1.0);
            EXPECT_NEAR(Grain::response(h, p), x * x * (3 - 2 * x), 1e-6) << h << " " << p;
        }
    EXPECT_EQ(Grain::response(0.0f, 1.0f), 1.0f);
    EXPECT_EQ(Grain::response(1.0f, 0.0f), 0.0f);
    EXPECT_EQ(Grain::response(0.5f, 2.0f), 1.0f);            // pressure clamped to 1
    EXPECT_EQ(Grain::response(0.99f, std::nanf("")), 0.0f);  // NaN pressure reads as 0
}

// --- Sampling -----------------------------------------------------------------------------------

TEST(Grain, ScaleOneReadsTexelsExactly)
{
    const Grain g = ramp(13, 7);
    const float p = 0.6f;
    for (int y : {-20, -1, 0, 6, 7, 100}) {
        std::vector<float> coverage(60, 1.0f);
        g.modulateRow(coverage.data(), 60, -31, y, 1.0f, 1.0f, p);
        for (int i = 0; i < 60; ++i) {
            ASSERT_EQ(g.at(-31 + i + 0.5, y + 0.5, 1.0f), g.texel(-31 + i, y));
            ASSERT_EQ(coverage[std::size_t(i)], Grain::response(g.texel(-31 + i, y), p))
                << i << "," << y;
        }
    }
}

TEST(Grain, ScaleTwoSamplesAtHalfCoordinates)
{
    const Grain g = make(shippedGrains()[1], 64, 2);
    for (double y : {-5.3, 0.0, 17.25, 130.5})
        for (double x = -70; x < 200; x += 3.7)
            ASSERT_EQ(g.at(x, y, 2.0f), g.at(x / 2, y / 2, 1.0f)) << x << "," << y;
    const float p = 0.45f;
    for (int y : {-3, 0, 41, 200}) {
        std::vector<float> coverage(400, 1.0f);
        g.modulateRow(coverage.data(), 400, -100, y, 2.0f, 1.0f, p);
        for (int i = 0; i < 400; ++i) {
            const float h = g.at((-100 + i + 0.5) / 2, (y + 0.5) / 2, 1.0f);
            ASSERT_NEAR(coverage[std::size_t(i)], Grain::response(h, p), 1e-4) << i << "," << y;
        }
    }
}

TEST(Grain, PixelsDoNotDependOnWhereTheRowStarts)
{
    const Grain g = make(shippedGrains()[0], 100, 4);  // not a power of two
    for (float scale : {1.0f, 0.3f, 1.37f, 3.0f}) {
        std::vector<float> whole(1000, 0.8f);
        g.modulateRow(whole.data(), 1000, -480, 33, scale, 0.9f, 0.4f);
        for (int start : {1, 7, 8, 333, 999}) {
            std::vector<float> part(1000, 0.8f);
            g.modulateRow(part.data(), start, -480, 33, scale, 0.9f, 0.4f);
            g.modulateRow(part.data() + start, 1000 - start, -480 + start, 33, scale, 0.9f, 0.4f);
            ASSERT_EQ(std::memcmp(part.data(), whole.data(), whole.size() * sizeof(float)), 0)
                << "scale " << scale << " split at " << start;
        }
    }
}

TEST(Grain, SamplingWrapsAndInterpolates)
{
    const Grain g = ramp(13, 7);
    EXPECT_FLOAT_EQ(g.at(5.5 + 13 * 4, 2.5 - 7 * 3, 1.0f), g.texel(5, 2));
    // Halfway between texel centres: the mean of the two.
    EXPECT_FLOAT_EQ(g.at(6.0, 2.5, 1.0f), 0.5f * (g.texel(5, 2) + g.texel(6, 2)));
    EXPECT_FLOAT_EQ(g.at(13.0, 2.5, 1.0f), 0.5f * (g.texel(12, 2) + g.texel(0, 2)));
    EXPECT_FLOAT_EQ(g.at(0.0, 0.0, 1.0f),
                    0.25f * (g.texel(0, 0) + g.texel(12, 0) + g.texel(0, 6) + g.texel(12, 6)));
    // Scales outside the range are clamped; NaN reads as 1.
    EXPECT_EQ(g.at(3.3, 4.4, 1000.0f), g.at(3.3, 4.4, Grain::kMaxScale));
    EXPECT_EQ(g.at(3.3, 4.4, 0.0f), g.at(3.3, 4.4, Grain::kMinScale));
    EXPECT_EQ(g.at(3.3, 4.4, std::nanf("")), g.at(3.3, 4.4, 1.0f));
}

// --- Loading -----------------------------------------------------------------------------------

TEST(Grain, FromHeightsRefusesBadInput)
{
    auto message = [](int w, int h, std::vector<float> v) {
        auto g = Grain::fromHeights(w, h, std::move(v));
        EXPECT_FALSE(g.has_value());
        return g ? std::string() : g.error().message;
    };
    EXPECT_NE(message(0, 4, {}).find("0x4"), std::string::npos);
    EXPECT_NE(message(4097, 1, std::vector<float>(4097)).find("4096"), std::string::npos);
    EXPECT_NE(message(2, 2, {0, 0, 0}).find("needs 4"), std::string::npos);
    EXPECT_NE(message(2, 2, {0, 0, 1.5f, 0}).find("(0, 1)"), std::string::npos);
    EXPECT_NE(message(2, 2, {0, 0, 0, std::nanf("")}).find("not a number"), std::string::npos);
    auto one = Grain::fromHeights(1, 1, {0.25f});
    ASSERT_TRUE(one.has_value());
    EXPECT_EQ(one->at(-1234.5, 99.9, 1.7f), 0.25f);
}

TEST(Grain, LoadsGreyAndRgbAt8And16Bits)
{
    TempDir dir;
    const int w = 5, h = 3;
    std::vector<std::uint8_t> grey8(w * h);
    std::vector<std::uint16_t> grey16(w * h), rgb16(w * h * 3);
    for (int i = 0; i < w * h; ++i) {
        grey8[std::size_t(i)] = std::uint8_t(i * 17);
        grey16[std::size_t(i)] = std::uint16_t(i * 4369 + 1);
        rgb16[std::size_t(3 * i)] = std::uint16_t(i * 4000);
        rgb16[std::size_t(3 * i + 1)] = std::uint16_t(65535 - i * 4000);
        rgb16[std::size_t(3 * i + 2)] = std::uint16_t(i * 100);
    }
    ASSERT_TRUE(writePng(dir.path / "g8.png", w, h, 1, grey8));
    ASSERT_TRUE(writePng(dir.path / "g16.png", w, h, 1, grey16));
    ASSERT_TRUE(writePng(dir.path / "rgb16.png", w, h, 3, rgb16));
    auto g8 = Grain::load(dir.path / "g8.png");
    auto g16 = Grain::load(dir.path / "g16.png");
    auto rgb = Grain::load(dir.path / "rgb16.png");
    ASSERT_TRUE(g8 && g16 && rgb);
    ASSERT_EQ(g16->width(), w);
    ASSERT_EQ(g16->height(), h);
    for (int i = 0; i < w * h; ++i) {
        const int x = i % w, y = i / w;
        EXPECT_NEAR(g8->texel(x, y), i * 17 / 255.0, 1e-6);
        EXPECT_NEAR(g16->texel(x, y), (i * 4369 + 1) / 65535.0, 1e-6);
        const double luma =
            (0.2126 * i * 4000 + 0.7152 * (65535 - i * 4000) + 0.0722 * i * 100) / 65535.0;
        EXPECT_NEAR(rgb->texel(x, y), luma, 1e-5);
    }
}

TEST(Grain, LoadErrorsNameTheFile)
{
    TempDir dir;
    auto expectError = [](const fs::path& file, ErrorCode code) {
        auto g = Grain::load(file);
        ASSERT_FALSE(g.has_value()) << file;
        EXPECT_EQ(g.error().code, code) << g.error().message;
        EXPECT_NE(g.error().message.find(file.string()), std::string::npos) << g.error().message;
    };
    expectError(dir.path / "missing.png", ErrorCode::NotFound);

    std::ofstream(dir.path / "empty.png").close();
    expectError(dir.path / "empty.png", ErrorCode::Corrupt);

    std::ofstream(dir.path / "garbage.png") << "\x89PNG\r\n\x1a\n this is not a PNG body";
    expectError(dir.path / "garbage.png", ErrorCode::Corrupt);

    ASSERT_TRUE(writePng(dir.path / "huge.png", 4097, 1, 1, std::vector<std::uint8_t>(4097)));
    expectError(dir.path / "huge.png", ErrorCode::InvalidArgument);

    ASSERT_TRUE(writePng(dir.path / "alpha.png", 4, 4, 4, std::vector<std::uint8_t>(64, 200)));
    expectError(dir.path / "alpha.png", ErrorCode::Unsupported);
}

TEST(Grain, GrainPathForLooksBesideThePresets)
{
    const fs::path preset = kSource / "resources/presets/pencil.json";
    EXPECT_EQ(signe::brushes::grainPathFor(preset, "paper.png"),
              kSource / "resources/grains/paper.png");
    EXPECT_EQ(signe::brushes::grainPathFor("/nowhere/x.json", "paper.png"),
              fs::path("/nowhere/paper.png"));
}
