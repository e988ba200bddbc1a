// SPDX-License-Identifier: GPL-3.0-or-later
// Signe's own PNG writer and row filters (core/io/png_encoder.h, ora_png_filters.h): the PNG
// spec's filters both ways, and images deflated in bands on several threads that decode, in
// our reader and in libpng's (through OpenImageIO), to exactly the pixels written.
#include "core/io/png_encoder.h"

#include <gtest/gtest.h>

#include <cstdint>
#include <cstdlib>
#include <fstream>
#include <random>
#include <thread>
#include <vector>

#include "core/io/ora_png_filters.h"
#include "core/io/png_codec.h"
#include "test_files.h"

namespace signe::core::ora {
namespace {

std::vector<std::uint8_t> randomBytes(std::size_t n, unsigned seed, int spread)
{
    std::mt19937 rng(seed);
    std::vector<std::uint8_t> v(n);
    // Small steps from byte to byte, like paint, with some large jumps: every Paeth branch.
    int value = 128;
    for (auto& b : v) {
        value =
            rng() % 16 == 0 ? int(rng() % 256) : (value + int(rng() % (2 * spread + 1)) - spread);
        b = std::uint8_t(value & 0xff);
    }
    return v;
}

/// The Paeth predictor as the PNG spec (section 9.4) writes it.
std::uint8_t paethSpec(int a, int b, int c)
{
    const int p = a + b - c;
    const int pa = std::abs(p - a), pb = std::abs(p - b), pc = std::abs(p - c);
    if (pa <= pb && pa <= pc) return std::uint8_t(a);
    if (pb <= pc) return std::uint8_t(b);
    return std::uint8_t(c);
}

TEST(PngFilters, EveryFilterRoundTripsForEveryPixelSize)
{
    for (std::size_t bpp : {1u, 2u, 3u, 4u, 6u, 8u}) {
        for (int type = 0; type <= 4; ++type) {
            SCOPED_TRACE("bpp " + std::to_string(bpp) + ", filter " + std::to_string(type));
            const std::size_t bytes = bpp * 67;
            const auto prev = randomBytes(bytes, unsigned(bpp * 10 + type), 9);
            const auto row = randomBytes(bytes, unsigned(bpp * 10 + type + 100), 9);
            std::vector<std::uint8_t> filtered(bytes);
            pngFilterRow(type, row.data(), prev.data(), filtered.data(), bytes, bpp);
            ASSERT_TRUE(pngUnfilterRow(type, filtered.data(), prev.data(), bytes, bpp));
            EXPECT_EQ(filtered, row);
        }
    }
}

TEST(PngFilters, PaethDecodingFollowsTheSpec)
{
    // Decoding by the spec's own formula, byte by byte, against the fast paths (SSE2 for
    // 8-byte pixels, the unrolled loops for 2, 4, 6, the generic one for 3).
    for (std::size_t bpp : {2u, 3u, 4u, 6u, 8u}) {
        SCOPED_TRACE("bpp " + std::to_string(bpp));
        const std::size_t bytes = bpp * 513;
        const auto prev = randomBytes(bytes, unsigned(bpp), 40);
        const auto filtered = randomBytes(bytes, unsigned(bpp + 50), 40);
        std::vector<std::uint8_t> want = filtered;
        for (std::size_t i = 0; i < bytes; ++i) {
            const int a = i >= bpp ? want[i - bpp] : 0;
            const int c = i >= bpp ? prev[i - bpp] : 0;
            want[i] = std::uint8_t(want[i] + paethSpec(a, prev[i], c));
        }
        std::vector<std::uint8_t> got = filtered;
        ASSERT_TRUE(pngUnfilterRow(4, got.data(), prev.data(), bytes, bpp));
        EXPECT_EQ(got, want);
    }
}

TEST(PngFilters, UnknownFilterTypeIsRefused)
{
    std::vector<std::uint8_t> row(16), prev(16);
    EXPECT_FALSE(pngUnfilterRow(5, row.data(), prev.data(), row.size(), 8));
}

/// A 16-bit RGBA test image: a gradient with noise in the low bits and a flat region.
std::vector<std::uint16_t> testImage(int w, int h)
{
    std::mt19937 rng(7);
    std::vector<std::uint16_t> px(std::size_t(w) * std::size_t(h) * 4);
    for (int y = 0; y < h; ++y)
        for (int x = 0; x < w; ++x)
            for (int c = 0; c < 4; ++c) {
                const std::size_t i =
                    (std::size_t(y) * std::size_t(w) + std::size_t(x)) * 4 + std::size_t(c);
                px[i] = x > w / 2
                            ? std::uint16_t(40000)
                            : std::uint16_t((x * 300 + y * 97 + c * 5000) % 60000 + rng() % 256);
            }
    return px;
}

PngRowSource rowsOf(const std::vector<std::uint16_t>& px, int w)
{
    return [&px, w](int y, int rows, void* out) {
        const std::size_t row = std::size_t(w) * 4;
        std::memcpy(out, px.data() + std::size_t(y) * row, std::size_t(rows) * row * 2);
    };
}

std::vector<std::uint16_t> decodeOurs(const std::vector<std::uint8_t>& png)
{
    auto reader = PngReader::open(png, "test.png");
    EXPECT_TRUE(reader) << (reader ? "" : reader.error().message);
    if (!reader) return {};
    std::vector<std::uint16_t> out(std::size_t(reader->width()) * std::size_t(reader->height()) *
                                   std::size_t(reader->channels()));
    EXPECT_TRUE(reader->readRows(0, reader->height(), out.data()));
    return out;
}

TEST(PngBands, BandsEncodedOnThreadsDecodeToTheSamePixels)
{
    const int w = 301, h = 257;
    const auto px = testImage(w, h);
    const PngEncoding encoding;  // 16-bit RGBA, Paeth, run-length deflate
    const auto whole = encodePng(w, h, encoding, 64, rowsOf(px, w), "whole.png");
    ASSERT_TRUE(whole);
    EXPECT_EQ(decodeOurs(*whole), px);

    const auto dir = test::tempDir("signe-png-bands-");
    for (int bands : {2, 3, 7}) {
        SCOPED_TRACE(std::to_string(bands) + " bands");
        std::vector<Result<PngBand>> parts(std::size_t(bands), PngBand{});
        std::vector<std::thread> threads;
        for (int b = 0; b < bands; ++b) {
            const int y = b * h / bands, end = (b + 1) * h / bands;
            threads.emplace_back([&, b, y, end] {
                parts[std::size_t(b)] =
                    encodePngBand(w, h, y, end - y, encoding, 32, rowsOf(px, w), "band.png");
            });
        }
        for (auto& t : threads) t.join();
        std::vector<PngBand> done;
        for (auto& p : parts) {
            ASSERT_TRUE(p);
            done.push_back(std::move(*p));
        }
        const auto png = assemblePng(w, h, encoding, done, "bands.png");
        ASSERT_TRUE(png);
        EXPECT_EQ(decodeOurs(*png), px);
        // libpng too (through OpenImageIO), which checks the zlib stream's Adler-32.
        const auto file = dir / ("bands-" + std::to_string(bands) + ".png");
        std::ofstream(file, std::ios::binary)
            .write(reinterpret_cast<const char*>(png->data()), std::streamsize(png->size()));
        OIIO::ImageSpec spec;
        EXPECT_EQ(test::readPixels<std::uint16_t>(file, OIIO::TypeDesc::UINT16, spec), px);
        EXPECT_EQ(spec.width, w);
        EXPECT_EQ(spec.height, h);
    }
    std::filesystem::remove_all(dir);
}

TEST(PngBands, BandsThatDoNotCoverTheImageAreRefused)
{
    const int w = 16, h = 40;
    const auto px = testImage(w, h);
    const PngEncoding encoding;
    auto top = encodePngBand(w, h, 0, 20, encoding, 8, rowsOf(px, w), "x.png");
    ASSERT_TRUE(top);
    const std::vector<PngBand> bands = {*top};
    const auto png = assemblePng(w, h, encoding, bands, "x.png");
    ASSERT_FALSE(png);
    EXPECT_NE(png.error().message.find("x.png"), std::string::npos);
    EXPECT_FALSE(encodePngBand(w, h, 30, 20, encoding, 8, rowsOf(px, w), "x.png"));
}

}  // namespace
}  // namespace signe::core::ora
