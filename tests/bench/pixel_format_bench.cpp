// SPDX-License-Identifier: GPL-3.0-or-later
// What the choice of stored encoding costs (docs/architecture.md, "Pixels"). Layer blending must
// happen on sRGB-encoded values and brush work in linear light, so one of the two pays for
// conversions: this measures both bills per pixel.
//
//   signe_pixel_format_bench
#include <benchmark/benchmark.h>

#include <algorithm>
#include <random>
#include <vector>

#include "core/blend_mode.h"
#include "core/color.h"
#include "core/tile.h"

using namespace signe::core;

namespace {

/// A tile of varied premultiplied pixels with partial alpha.
std::vector<std::uint16_t> randomTile(std::uint32_t seed)
{
    std::mt19937 rng(seed);
    std::vector<std::uint16_t> px(std::size_t(kTilePixels) * 4);
    for (int i = 0; i < kTilePixels; ++i) {
        const std::uint16_t a = std::uint16_t(rng() % 65536);
        for (int ch = 0; ch < 3; ++ch) px[std::size_t(i * 4 + ch)] = std::uint16_t(rng() % (a + 1u));
        px[std::size_t(i * 4 + 3)] = a;
    }
    return px;
}

/// Stored sRGB-encoded (Signe's choice): the compositor blends stored values directly.
void BM_CompositeFromSrgbStorage(benchmark::State& state)
{
    const auto src = randomTile(1);
    std::vector<float> acc(std::size_t(kTilePixels) * 4, 0.0f);
    for (auto _ : state) {
        blendRow16(BlendMode::Normal, src.data(), acc.data(), kTilePixels, 0.8f);
        benchmark::ClobberMemory();
    }
    state.SetItemsProcessed(state.iterations() * kTilePixels);
}
BENCHMARK(BM_CompositeFromSrgbStorage);

/// Stored linear (the alternative): every layer pixel must be re-encoded to sRGB before the
/// W3C formulas apply, on every repaint.
void BM_CompositeFromLinearStorage(benchmark::State& state)
{
    const auto src = randomTile(2);
    std::vector<std::uint16_t> encoded(src.size());
    std::vector<float> acc(std::size_t(kTilePixels) * 4, 0.0f);
    for (auto _ : state) {
        for (int i = 0; i < kTilePixels; ++i) {
            const std::uint16_t* p = &src[std::size_t(i) * 4];
            const float a = p[3] / 65535.0f;
            const float inv = a > 0 ? 1.0f / a : 0.0f;
            for (int ch = 0; ch < 3; ++ch)
                encoded[std::size_t(i * 4 + ch)] = std::uint16_t(
                    linearToSrgb16(std::min(1.0f, p[ch] / 65535.0f * inv)) * a + 0.5f);
            encoded[std::size_t(i * 4 + 3)] = p[3];
        }
        blendRow16(BlendMode::Normal, encoded.data(), acc.data(), kTilePixels, 0.8f);
        benchmark::ClobberMemory();
    }
    state.SetItemsProcessed(state.iterations() * kTilePixels);
}
BENCHMARK(BM_CompositeFromLinearStorage);

/// Stored sRGB-encoded: what a brush pays per dab pixel to work in linear light and store back.
void BM_DabRoundTripThroughLinear(benchmark::State& state)
{
    auto px = randomTile(3);
    for (auto _ : state) {
        for (int i = 0; i < kTilePixels; ++i) {
            std::uint16_t* p = &px[std::size_t(i) * 4];
            const float a = p[3] / 65535.0f;
            const float inv = a > 0 ? 1.0f / a : 0.0f;
            for (int ch = 0; ch < 3; ++ch) {
                const std::uint16_t straight =
                    std::uint16_t(std::min(65535.0f, p[ch] * inv + 0.5f));
                const float linear = srgb16ToLinear(straight) * 0.999f;  // the "paint" step
                p[ch] = std::uint16_t(linearToSrgb16(linear) * a + 0.5f);
            }
        }
        benchmark::ClobberMemory();
    }
    state.SetItemsProcessed(state.iterations() * kTilePixels);
}
BENCHMARK(BM_DabRoundTripThroughLinear);

}  // namespace

BENCHMARK_MAIN();
