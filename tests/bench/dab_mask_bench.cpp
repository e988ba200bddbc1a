// SPDX-License-Identifier: GPL-3.0-or-later
// Dab rasterisation throughput: what one dab's coverage mask costs, before any painting.
//
// The goal (issue #3): the whole engine paints over 2,500 radius-200 round dabs a second on
// one core, so the mask must stay well under 1 ns per pixel of its bounding box; and small dabs
// (radius 2 and 5, hardness 1, 0.8 and 0.3) well under 150 ns each, where a brush's cost is the
// mask's fixed costs rather than its pixels.
//
//     signe_dab_mask_bench                                   # every case
//     signe_dab_mask_bench --benchmark_filter='Dab/200'      # the radius-200 cases
//
// Counters: ns_per_px is time per bounding-box pixel, dabs_per_s whole masks per second,
// box_px the bounding box of the last dab. Centres move by odd fractions of a pixel from one
// iteration to the next, as along a stroke. Build Release or RelWithDebInfo: a Debug build
// measures the compiler, not the code.

#include <benchmark/benchmark.h>

#include <cmath>
#include <vector>

#include "brushes/brush_tip.h"
#include "brushes/dab_mask.h"

namespace signe::brushes {
namespace {

void report(benchmark::State& state, const DabMask& mask, double pixels)
{
    // kInvert turns an iteration-invariant rate into seconds per pixel (printed as e.g. 180ps).
    state.counters["ns_per_px"] = benchmark::Counter(
        pixels, benchmark::Counter::kIsIterationInvariantRate | benchmark::Counter::kInvert);
    state.counters["dabs_per_s"] =
        benchmark::Counter(1, benchmark::Counter::kIsIterationInvariantRate);
    state.counters["box_px"] = double(mask.box.w) * mask.box.h;
}

/// Args: radius, hardness in percent, aspect ratio in percent, angle in degrees.
void BM_Dab(benchmark::State& state)
{
    const DabShape shape{float(state.range(0)), state.range(1) / 100.0f, state.range(2) / 100.0f,
                         float(state.range(3))};
    DabMask mask;
    rasterizeDab(shape, 0, 0, mask);  // the first call sizes the storage
    double pixels = 0;
    long i = 0;
    for (auto _ : state) {
        const double t = double(i++);
        rasterizeDab(shape, 1000 + t * 0.173, 1000 + t * 0.0931, mask);
        benchmark::DoNotOptimize(mask.coverage.data());
        benchmark::ClobberMemory();
        pixels += double(mask.box.w) * mask.box.h;
    }
    report(state, mask, i > 0 ? pixels / double(i) : 0);
}

void dabArgs(benchmark::internal::Benchmark* b)
{
    b->ArgNames({"radius", "hardness%", "aspect%", "angle"});
    for (int radius : {2, 5, 20, 200})
        for (int hardness : {100, 80, 30}) b->Args({radius, hardness, 100, 0});
    b->Args({200, 0, 100, 0});     // fully soft
    b->Args({200, 100, 30, 30});   // a rotated hard ellipse
    b->Args({1000, 100, 100, 0});  // the largest
}
BENCHMARK(BM_Dab)->Apply(dabArgs);

/// Args: tip side in texels, radius, angle in degrees.
void BM_BrushTip(benchmark::State& state)
{
    const int side = int(state.range(0));
    std::vector<float> texels(std::size_t(side) * std::size_t(side));
    for (int y = 0; y < side; ++y)
        for (int x = 0; x < side; ++x)
            texels[std::size_t(y * side + x)] =
                float(0.5 + 0.5 * std::sin(x * 0.37) * std::cos(y * 0.21));
    const BrushTip tip = *BrushTip::fromCoverage(side, side, std::move(texels));
    const DabShape shape{float(state.range(1)), 1.0f, 1.0f, float(state.range(2))};
    DabMask mask;
    tip.rasterize(shape, 0, 0, mask);
    double pixels = 0;
    long i = 0;
    for (auto _ : state) {
        const double t = double(i++);
        tip.rasterize(shape, 1000 + t * 0.173, 1000 + t * 0.0931, mask);
        benchmark::DoNotOptimize(mask.coverage.data());
        benchmark::ClobberMemory();
        pixels += double(mask.box.w) * mask.box.h;
    }
    report(state, mask, i > 0 ? pixels / double(i) : 0);
}
BENCHMARK(BM_BrushTip)
    ->ArgNames({"side", "radius", "angle"})
    ->Args({256, 20, 0})
    ->Args({256, 200, 0})
    ->Args({256, 200, 30})
    ->Args({512, 3, 30});

}  // namespace
}  // namespace signe::brushes

BENCHMARK_MAIN();
