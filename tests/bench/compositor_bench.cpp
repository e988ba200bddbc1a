// SPDX-License-Identifier: GPL-3.0-or-later
// Display compositing throughput, measured against the memory-bandwidth bound of the same work.
//
// The goal (issue text): compositing 10 fully painted 4096x4096 normal layers into display tiles
// runs at least at half the speed of merely copying the same layer bytes, on one core and on
// two; an untouched region composites in next to no time.
//
//     signe_compositor_bench                      # full run: 10 x 4096^2 layers, ~1.4 GB of RAM
//     signe_compositor_bench --canvas=1024        # the same on a smaller canvas
//     signe_compositor_bench --benchmark_filter='Display|Copy' --benchmark_repetitions=3
//     signe_compositor_bench --benchmark_filter='Lit|Relight'     # impasto lighting
//
// The painted canvas also holds an 11th layer, "Relief": thickness only (no colour) over the
// whole canvas, hidden, with the document's light on. So BM_CompositeDisplay measures what a
// document without visible impasto pays with the light on (the per-tile check that finds no
// relief), and BM_CompositeLit shows the layer: every tile is lit.
//
// Build it Release or RelWithDebInfo: a Debug build measures the compiler, not the code.
// After the benchmarks a summary (composite / copy per thread count) goes to stderr, so that
// --benchmark_format=json keeps stdout parseable.

#include <benchmark/benchmark.h>

#include <algorithm>
#include <array>
#include <atomic>
#include <chrono>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <thread>
#include <utility>
#include <vector>

#include "core/compositor.h"
#include "core/document.h"
#include "core/transaction.h"

namespace signe::core {
namespace {

constexpr int kLayers = 10;
constexpr std::size_t kLayerTileBytes = kTilePixels * sizeof(Pixel16);  // 32 KiB

int g_side = 4096;  // canvas side in pixels; --canvas=N changes it (the CI smoke run uses 256)

[[noreturn]] void die(const std::string& why)
{
    std::fprintf(stderr, "signe_compositor_bench: %s\n", why.c_str());
    std::exit(2);
}

// --- Content ------------------------------------------------------------------------------------

// Every pixel differs, so no tile compacts to a uniform one (which would composite from 8 bytes
// instead of 32 KiB), and alpha is always partial, so every layer shows through the one above
// and neither an opaque-source nor an empty-source shortcut could skip work.
Pixel16 samplePixel(int layer, int x, int y)
{
    std::uint64_t h = std::uint64_t(std::uint32_t(x)) * 0x9E3779B97F4A7C15ull ^
                      std::uint64_t(std::uint32_t(y)) * 0xC2B2AE3D27D4EB4Full ^
                      std::uint64_t(layer + 1) * 0x165667B19E3779F9ull;
    h ^= h >> 29;
    h *= 0xBF58476D1CE4E5B9ull;
    h ^= h >> 32;
    const std::uint32_t a = 8192 + std::uint32_t(((h & 0xFFFF) * 49152) >> 16);  // 8192..57343
    // Colour scaled by alpha, so the pixel is validly premultiplied (colour <= alpha).
    auto channel = [&](int shift) { return std::uint16_t((((h >> shift) & 0xFFFF) * a) >> 16); };
    return {channel(16), channel(32), channel(48), std::uint16_t(a)};
}

/// Paints the tile-aligned `area` of layer `id` with samplePixel(), as one undoable transaction,
/// the way a tool would: through PaintTarget, so history and change notification are real.
void paintArea(Document& doc, LayerId id, int layerIndex, const Rect& area)
{
    Transaction tx(doc, "Benchmark fill");
    auto target = tx.target(id);
    if (!target) die(target.error().message);
    for (int ty = area.y / kTileSize; ty < area.bottom() / kTileSize; ++ty)
        for (int tx0 = area.x / kTileSize; tx0 < area.right() / kTileSize; ++tx0) {
            Pixel16* px = target->writableTile({tx0, ty}).pixels();
            for (int y = 0; y < kTileSize; ++y)
                for (int x = 0; x < kTileSize; ++x)
                    px[y * kTileSize + x] =
                        samplePixel(layerIndex, tx0 * kTileSize + x, ty * kTileSize + y);
        }
    target->markDirty(area);
    tx.commit();
}

// --- Fixtures (built once, on first use, outside any timed region) ------------------------------

/// Relief on every pixel: overlapping ripples a few dozen pixels across, never flat.
Thickness16 sampleThickness(int x, int y)
{
    const double v = std::sin(x * 0.11) * std::cos(y * 0.07) + 0.5 * std::sin((x + y) * 0.05);
    return Thickness16(20000 + 12000 * v);
}

/// 10 fully painted normal layers over the whole canvas, a compositor on them, and for the copy
/// bound the same layer tiles listed per canvas tile plus one display tile of output per tile.
/// Plus the hidden "Relief" layer (see the top of the file).
struct PaintedCanvas {
    std::unique_ptr<Document> doc;
    LayerId relief = kNoLayer;
    std::unique_ptr<Compositor> view;  // declared after doc: destroyed first, it listens to doc
    std::vector<std::array<const Pixel16*, kLayers>> sources;  // canvas tiles, row-major
    std::vector<std::uint8_t> copyOut;  // Compositor::kTileBytes per canvas tile
};

PaintedCanvas& paintedCanvas()
{
    static PaintedCanvas canvas = [] {
        PaintedCanvas c;
        auto doc = Document::createEmpty(g_side, g_side, {65535, 65535, 65535, 65535}, 300.0);
        if (!doc) die(doc.error().message);
        c.doc = std::move(*doc);
        std::vector<LayerId> ids;
        for (int i = 0; i < kLayers; ++i) {
            auto id = c.doc->addPaintLayer("Layer " + std::to_string(i + 1));
            if (!id) die(id.error().message);
            paintArea(*c.doc, *id, i, c.doc->bounds());
            ids.push_back(*id);
        }
        const int tiles = g_side / kTileSize;
        for (int ty = 0; ty < tiles; ++ty)
            for (int tx = 0; tx < tiles; ++tx) {
                std::array<const Pixel16*, kLayers> row{};
                for (int i = 0; i < kLayers; ++i) {
                    const TilePtr t = c.doc->layer(ids[std::size_t(i)])->tiles().tile({tx, ty});
                    if (!t || t->isUniform()) die("fixture tile is missing or uniform");
                    row[std::size_t(i)] = t->pixels();  // the layer's store keeps it alive
                }
                c.sources.push_back(row);
            }
        {
            auto id = c.doc->addPaintLayer("Relief");
            if (!id) die(id.error().message);
            c.relief = *id;
            Transaction tx(*c.doc, "Benchmark relief");
            auto target = tx.target(c.relief);
            for (int ty = 0; ty < tiles; ++ty)
                for (int tx0 = 0; tx0 < tiles; ++tx0) {
                    Thickness16* px = target->writableThicknessTile({tx0, ty}).pixels();
                    for (int y = 0; y < kTileSize; ++y)
                        for (int x = 0; x < kTileSize; ++x)
                            px[y * kTileSize + x] =
                                sampleThickness(tx0 * kTileSize + x, ty * kTileSize + y);
                }
            tx.commit();
            if (!c.doc->setLayerVisible(c.relief, false)) die("cannot hide the relief layer");
            if (!c.doc->light().enabled) die("the light should be on by default");
        }
        c.copyOut.assign(c.sources.size() * Compositor::kTileBytes, 0);  // touched now, not timed
        c.view = std::make_unique<Compositor>(*c.doc);
        return c;
    }();
    return canvas;
}

/// A canvas 4x the side (16384 px for the default) with one small painted patch in its top-left
/// corner; the benchmark composites a side x side region in the opposite corner.
struct SparseCanvas {
    std::unique_ptr<Document> doc;
    std::unique_ptr<Compositor> view;
    Rect region;
};

SparseCanvas& sparseCanvas()
{
    static SparseCanvas canvas = [] {
        SparseCanvas c;
        auto doc = Document::create(4 * g_side, 4 * g_side);
        if (!doc) die(doc.error().message);
        c.doc = std::move(*doc);
        const int patch = std::max(kTileSize, g_side / 16 / kTileSize * kTileSize);
        paintArea(*c.doc, c.doc->root().children().front()->id(), 0, {0, 0, patch, patch});
        c.region = {3 * g_side, 3 * g_side, g_side, g_side};
        c.view = std::make_unique<Compositor>(*c.doc);
        return c;
    }();
    return canvas;
}

// --- Measurement helpers ------------------------------------------------------------------------

/// Megapixels a second of the last run of each (benchmark, threads), for the closing summary and
/// the composite-vs-copy counter. Google Benchmark calls a benchmark several times while it
/// sizes the iteration count; the last call is the measured one, so later calls overwrite.
std::map<std::pair<std::string, int>, double> g_mpxPerSecond;

using Clock = std::chrono::steady_clock;

void recordRate(const std::string& name, int threads, double megapixels, Clock::time_point t0)
{
    const double seconds = std::chrono::duration<double>(Clock::now() - t0).count();
    if (seconds > 0) g_mpxPerSecond[{name, threads}] = megapixels / seconds;
}

/// Mpx/s of canvas pixels and GB/s of layer bytes read (10 layers x 8 bytes a pixel). Both are
/// rates over real time: the work runs on threads Google Benchmark does not see, so its CPU
/// time would count only the calling thread.
void setThroughputCounters(benchmark::State& state, double canvasPixels)
{
    const double n = double(state.iterations());
    // Named without "/s": as rates they print as "Mpx=512.3/s GB=32.8/s".
    state.counters["Mpx"] = benchmark::Counter(canvasPixels / 1e6 * n,
                                               benchmark::Counter::kIsRate);
    state.counters["GB"] = benchmark::Counter(
        canvasPixels * kLayers * double(sizeof(Pixel16)) / 1e9 * n, benchmark::Counter::kIsRate);
}

/// The same split as the compositor's parallelFor (core/compositor.cpp): `threads` workers, the
/// calling thread among them, started for each frame, taking tiles in order from one atomic
/// counter, each with its own scratch tile. Mirrored so the bound pays what the compositor pays.
template <class Fn>
void splitOverThreads(int count, int threads, Fn&& fn)
{
    threads = std::clamp(threads, 1, std::max(1, count));
    std::atomic<int> next{0};
    auto worker = [&] {
        std::vector<Pixel16> scratch(kTilePixels);
        for (int i = next++; i < count; i = next++) fn(i, scratch.data());
    };
    std::vector<std::thread> pool;
    for (int t = 1; t < threads; ++t) pool.emplace_back(worker);
    worker();
    for (auto& th : pool) th.join();
}

// --- Benchmarks ---------------------------------------------------------------------------------

/// The bandwidth bound: read exactly the bytes compositing reads (every layer tile, 32 KiB each)
/// into a scratch tile that stays in cache, and write one display tile (16 KiB) per canvas tile.
void BM_CopyLayerBytes(benchmark::State& state)
{
    const int threads = int(state.range(0));
    PaintedCanvas& canvas = paintedCanvas();
    const int count = int(canvas.sources.size());
    auto frame = [&] {
        splitOverThreads(count, threads, [&](int i, Pixel16* scratch) {
            for (const Pixel16* src : canvas.sources[std::size_t(i)]) {
                std::memcpy(scratch, src, kLayerTileBytes);
                // Without this barrier GCC may drop the nine copies the tenth overwrites.
                benchmark::ClobberMemory();
            }
            std::memcpy(canvas.copyOut.data() + std::size_t(i) * Compositor::kTileBytes, scratch,
                        Compositor::kTileBytes);
        });
    };
    frame();  // first start of the thread pool and page faults stay out of the figures
    const auto t0 = Clock::now();
    for (auto _ : state) frame();
    const double px = double(g_side) * g_side;
    recordRate("copy", threads, px / 1e6 * double(state.iterations()), t0);
    setThroughputCounters(state, px);
}

/// What a full repaint costs: everything invalidated, level 0 recomputed for the whole canvas.
void BM_CompositeDisplay(benchmark::State& state)
{
    const int threads = int(state.range(0));
    PaintedCanvas& canvas = paintedCanvas();
    Compositor& view = *canvas.view;
    const Rect all = canvas.doc->bounds();
    const int expected = int(canvas.sources.size());
    view.invalidate(all);
    view.update(0, all, threads);  // allocates the display tiles once, outside the timing
    const auto t0 = Clock::now();
    for (auto _ : state) {
        view.invalidate(all);
        if (view.update(0, all, threads) != expected) {
            state.SkipWithError("update() did not recompute every tile");
            break;
        }
    }
    const double px = double(g_side) * g_side;
    recordRate("composite", threads, px / 1e6 * double(state.iterations()), t0);
    setThroughputCounters(state, px);
    // Read as a percentage of the bound; present when BM_CopyLayerBytes ran first (it is
    // registered first, so it does unless a filter leaves it out).
    const auto copy = g_mpxPerSecond.find({"copy", threads});
    const auto mine = g_mpxPerSecond.find({"composite", threads});
    if (copy != g_mpxPerSecond.end() && mine != g_mpxPerSecond.end())
        state.counters["%copy"] = 100.0 * mine->second / copy->second;
}

/// A full repaint seen zoomed out: level 2 needs levels 0 and 1 first, so this is the base
/// composite plus the mip chain; compare with BM_CompositeDisplay for the chain's share.
void BM_CompositeMip(benchmark::State& state)
{
    const int threads = int(state.range(0));
    PaintedCanvas& canvas = paintedCanvas();
    Compositor& view = *canvas.view;
    const Rect all = canvas.doc->bounds();
    view.invalidate(all);
    view.update(2, all, threads);
    const auto t0 = Clock::now();
    for (auto _ : state) {
        view.invalidate(all);
        benchmark::DoNotOptimize(view.update(2, all, threads));
    }
    recordRate("mip2", threads, double(g_side) * g_side / 1e6 * double(state.iterations()), t0);
    setThroughputCounters(state, double(g_side) * g_side);
}

/// The mip chain alone (levels 1 and 2 from an up-to-date level 0), level 0 redone untimed.
void BM_MipChainOnly(benchmark::State& state)
{
    const int threads = int(state.range(0));
    PaintedCanvas& canvas = paintedCanvas();
    Compositor& view = *canvas.view;
    const Rect all = canvas.doc->bounds();
    view.invalidate(all);
    view.update(2, all, threads);
    for (auto _ : state) {
        state.PauseTiming();
        view.invalidate(all);
        view.update(0, all, threads);
        state.ResumeTiming();
        benchmark::DoNotOptimize(view.update(2, all, threads));
    }
}

/// Far from any paint every layer is empty, so a tile is just the background: this should cost
/// next to nothing next to BM_CompositeDisplay on a region of the same size.
void BM_CompositeUntouched(benchmark::State& state)
{
    const int threads = int(state.range(0));
    SparseCanvas& canvas = sparseCanvas();
    Compositor& view = *canvas.view;
    view.invalidate(canvas.region);
    const int tiles = view.update(0, canvas.region, threads);
    const auto t0 = Clock::now();
    for (auto _ : state) {
        view.invalidate(canvas.region);
        benchmark::DoNotOptimize(view.update(0, canvas.region, threads));
    }
    const double us = std::chrono::duration<double, std::micro>(Clock::now() - t0).count();
    const double px = double(canvas.region.w) * canvas.region.h;
    state.counters["Mpx"] = benchmark::Counter(px / 1e6 * double(state.iterations()),
                                               benchmark::Counter::kIsRate);
    state.counters["us_per_tile"] = us / (double(tiles) * double(state.iterations()));
}

/// A full repaint with every tile lit: the relief layer shown, so each tile sums its height
/// field (66x66, one layer of thickness) and shades every pixel. Compare with
/// BM_CompositeDisplay for what lighting adds.
void BM_CompositeLit(benchmark::State& state)
{
    const int threads = int(state.range(0));
    PaintedCanvas& canvas = paintedCanvas();
    Compositor& view = *canvas.view;
    const Rect all = canvas.doc->bounds();
    if (!canvas.doc->setLayerVisible(canvas.relief, true)) die("cannot show the relief");
    view.update(0, all, threads);
    const std::uint64_t lit0 = view.litTileCount();
    const auto t0 = Clock::now();
    for (auto _ : state) {
        view.invalidate(all);
        benchmark::DoNotOptimize(view.update(0, all, threads));
    }
    recordRate("lit", threads, double(g_side) * g_side / 1e6 * double(state.iterations()), t0);
    setThroughputCounters(state, double(g_side) * g_side);
    const double tilesPerFrame = double(view.litTileCount() - lit0) / double(state.iterations());
    state.counters["lit_tiles"] = tilesPerFrame;
    if (tilesPerFrame < double(canvas.sources.size()))
        state.SkipWithError("not every tile was lit");
    if (!canvas.doc->setLayerVisible(canvas.relief, false)) die("cannot hide the relief");
}

/// What one impasto dab of a 300 px brush costs on screen: its thickness written (straight into
/// the layer, no history) and the tiles it dirties (its own and the ring its border reaches)
/// recomposited and relit over the 10 painted layers. The dab moves each time.
void BM_RelightDab(benchmark::State& state)
{
    PaintedCanvas& canvas = paintedCanvas();
    Compositor& view = *canvas.view;
    Document& doc = *canvas.doc;
    if (!doc.setLayerVisible(canvas.relief, true)) die("cannot show the relief");
    view.update(0, doc.bounds(), 1);
    constexpr int kSide = 300;
    // Two dab contents, alternated, so that every dab really changes the thickness.
    std::vector<Thickness16> dabs[2];
    for (int k = 0; k < 2; ++k) {
        dabs[k].resize(std::size_t(kSide) * kSide);
        for (int y = 0; y < kSide; ++y)
            for (int x = 0; x < kSide; ++x)
                dabs[k][std::size_t(y * kSide + x)] =
                    Thickness16(sampleThickness(x + 7 * k, y) / 2);
    }
    int step = 0, tiles = 0;
    for (auto _ : state) {
        const int span = std::max(1, g_side - kSide);
        const Rect r{(step * 97) % span, (step * 61) % span, std::min(kSide, g_side),
                     std::min(kSide, g_side)};
        doc.mutableLayer(canvas.relief)
            ->thickness()
            .writeRect(r, dabs[step % 2].data(), kSide);
        doc.notifyThickness(r);
        tiles += view.update(0, r.inflated(1), 1);
        ++step;
    }
    state.counters["tiles"] = double(tiles) / double(state.iterations());
    if (!doc.setLayerVisible(canvas.relief, false)) die("cannot hide the relief");
}

// Registration order is run order: the copy bound runs before the composite it is compared to.
BENCHMARK(BM_CopyLayerBytes)->ArgName("threads")->Arg(1)->Arg(2)->UseRealTime()
    ->Unit(benchmark::kMillisecond);
BENCHMARK(BM_CompositeDisplay)->ArgName("threads")->Arg(1)->Arg(2)->UseRealTime()
    ->Unit(benchmark::kMillisecond);
BENCHMARK(BM_CompositeMip)->ArgName("threads")->Arg(1)->Arg(2)->UseRealTime()
    ->Unit(benchmark::kMillisecond);
BENCHMARK(BM_MipChainOnly)->ArgName("threads")->Arg(1)->Arg(2)->UseRealTime()
    ->Unit(benchmark::kMillisecond);
BENCHMARK(BM_CompositeUntouched)->ArgName("threads")->Arg(1)->UseRealTime()
    ->Unit(benchmark::kMillisecond);
BENCHMARK(BM_CompositeLit)->ArgName("threads")->Arg(1)->Arg(2)->UseRealTime()
    ->Unit(benchmark::kMillisecond);
BENCHMARK(BM_RelightDab)->UseRealTime()->Unit(benchmark::kMillisecond);

void printSummary()
{
    bool any = false;
    for (int threads : {1, 2}) {
        const auto copy = g_mpxPerSecond.find({"copy", threads});
        const auto comp = g_mpxPerSecond.find({"composite", threads});
        if (copy == g_mpxPerSecond.end() || comp == g_mpxPerSecond.end()) continue;
        if (!any)
            std::fprintf(stderr,
                         "\n%dx%d canvas, %d normal layers: composite vs copy of the same bytes\n"
                         "threads  composite Mpx/s  copy Mpx/s  composite/copy  target >= 0.50\n",
                         g_side, g_side, kLayers);
        any = true;
        const double ratio = comp->second / copy->second;
        std::fprintf(stderr, "%7d  %15.1f  %10.1f  %14.2f  %s\n", threads, comp->second,
                     copy->second, ratio, ratio >= 0.5 ? "met" : "NOT MET");
    }
    for (int threads : {1, 2}) {
        const auto comp = g_mpxPerSecond.find({"composite", threads});
        const auto lit = g_mpxPerSecond.find({"lit", threads});
        if (comp == g_mpxPerSecond.end() || lit == g_mpxPerSecond.end()) continue;
        std::fprintf(stderr, "impasto lit, %d thread(s): %.1f Mpx/s (%.2f of unlit)\n", threads,
                     lit->second, lit->second / comp->second);
    }
}

}  // namespace
}  // namespace signe::core

int main(int argc, char** argv)
{
    // Our own flag is taken out before Google Benchmark sees (and rejects) it.
    int kept = 1;
    for (int i = 1; i < argc; ++i) {
        const std::string_view arg = argv[i];
        if (arg.starts_with("--canvas=")) {
            signe::core::g_side = std::atoi(argv[i] + 9);
            if (signe::core::g_side < 64 || signe::core::g_side % 64 != 0 ||
                signe::core::g_side > 16384) {
                std::fprintf(stderr, "--canvas wants a multiple of 64 from 64 to 16384\n");
                return 2;
            }
        } else {
            argv[kept++] = argv[i];
        }
    }
    argc = kept;
    benchmark::Initialize(&argc, argv);
    if (benchmark::ReportUnrecognizedArguments(argc, argv)) return 1;
    const int side = signe::core::g_side;
    benchmark::AddCustomContext(
        "canvas", std::to_string(side) + "x" + std::to_string(side) + ", 10 normal layers, " +
                      "every tile full, partial alpha");
    benchmark::AddCustomContext("sparse canvas", std::to_string(4 * side) + " px square, " +
                                                     "untouched region " + std::to_string(side));
    benchmark::RunSpecifiedBenchmarks();
    benchmark::Shutdown();
    signe::core::printSummary();
    return 0;
}
