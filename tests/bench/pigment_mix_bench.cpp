// SPDX-License-Identifier: GPL-3.0-or-later
// What mixing costs per pixel (docs/pigment-mixing.md, "Cost"): a smudge brush will mix every
// pixel under a dab, so the row function is what counts. Each model mixes a row of varied
// straight linear-light colours with another row at varied ratios; plain linear interpolation
// is the yardstick. Items are pixels, so ns per pixel = 1e9 / items_per_second.
//
//   signe_pigment_mix_bench
//   signe_pigment_mix_bench --benchmark_filter=Row/4096 --benchmark_repetitions=5
//
// Build it Release or RelWithDebInfo: a Debug build measures the compiler, not the code.
#include <benchmark/benchmark.h>

#include <cstdint>
#include <random>
#include <vector>

#include "core/color.h"
#include "core/pigment_mix.h"

using namespace signe::core;

namespace {

/// `count` pixels of 3 linear floats from random 8-bit sRGB codes (fixed seed).
std::vector<float> randomRow(std::size_t count, std::uint32_t seed)
{
    std::mt19937 rng(seed);
    std::vector<float> row(3 * count);
    for (float& v : row) v = srgb8ToLinear(std::uint8_t(rng() & 255));
    return row;
}

std::vector<float> randomRatios(std::size_t count, std::uint32_t seed)
{
    std::mt19937 rng(seed);
    std::uniform_real_distribution<float> share(0.01f, 0.99f);
    std::vector<float> ratios(count);
    for (float& t : ratios) t = share(rng);
    return ratios;
}

void mixRow(benchmark::State& state, MixModel model)
{
    const auto count = std::size_t(state.range(0));
    const auto a = randomRow(count, 1);
    const auto b = randomRow(count, 2);
    const auto ratio = randomRatios(count, 3);
    std::vector<float> out(3 * count);
    (void)spectralBasis();  // built once, outside the timing
    for (auto _ : state) {
        mixLinearRgbRow(model, a, b, ratio, out);
        benchmark::DoNotOptimize(out.data());
        benchmark::ClobberMemory();
    }
    state.SetItemsProcessed(state.iterations() * std::int64_t(count));
}

void BM_KubelkaMunkRow(benchmark::State& state)
{
    mixRow(state, MixModel::Pigment);
}
void BM_GeometricMeanRow(benchmark::State& state)
{
    mixRow(state, MixModel::GeometricMean);
}
void BM_LinearRgbRow(benchmark::State& state)
{
    mixRow(state, MixModel::LinearRgb);
}

// 64 pixels is a small dab's row, 4096 a large one (it still fits in L2: 4096 * 3 * 4 * 3 B).
BENCHMARK(BM_KubelkaMunkRow)->Arg(64)->Arg(4096);
BENCHMARK(BM_GeometricMeanRow)->Arg(64)->Arg(4096);
BENCHMARK(BM_LinearRgbRow)->Arg(64)->Arg(4096);

/// One colour pair through the whole 16-bit sRGB path, as `signe-cli mix` does it.
void BM_MixColors(benchmark::State& state)
{
    const Color16 blue{0, 0, 65535, 65535};
    const Color16 yellow{65535, 65535, 0, 65535};
    float ratio = 0.5f;
    for (auto _ : state) {
        benchmark::DoNotOptimize(mixColors(blue, yellow, ratio, MixModel::Pigment));
        ratio = ratio < 0.9f ? ratio + 0.001f : 0.1f;
    }
    state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_MixColors);

/// First use of the basis: the six Newton solves (paid once per process).
void BM_SolveBasis(benchmark::State& state)
{
    const SpectralProjection t = bandProjection();
    for (auto _ : state) {
        for (const auto& corner : {std::array<double, 3>{1, 0, 0},
                                   {0, 1, 0},
                                   {0, 0, 1},
                                   {0, 1, 1},
                                   {1, 0, 1},
                                   {1, 1, 0}})
            benchmark::DoNotOptimize(leastSlopeReflectance(t, corner, ReflectanceBound::BelowOne));
    }
}
BENCHMARK(BM_SolveBasis)->Unit(benchmark::kMicrosecond);

}  // namespace

BENCHMARK_MAIN();
