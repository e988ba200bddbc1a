// SPDX-License-Identifier: GPL-3.0-or-later
#include "brushes/stroke_painter.h"

#include <algorithm>
#include <array>
#include <atomic>
#include <bit>
#include <cmath>
#include <cstring>
#include <mutex>
#include <new>
#include <thread>

#include "brushes/block_mask_arena.h"
#include "brushes/wet_rows.h"
#include "core/color.h"
#include "core/parallel_for.h"
#include "core/simd_clones.h"
#include "core/thread_pool.h"

namespace signe::brushes {

using core::kTilePixels;
using core::kTileSize;
using core::Pixel16;
using core::TileCoord;

namespace {

// Queued dabs are applied once this many mask pixels or dabs wait: small enough that the masks
// stay in cache-sized memory and that, on several threads, applying one batch overlaps well
// with rasterising the next; large enough that handing a batch over costs little.
constexpr std::size_t kQueuePixels = std::size_t(1) << 17;
constexpr std::size_t kQueueDabs = 512;
// Below this many pixels of work, waking other threads costs more than it saves.
constexpr std::size_t kMinParallelPixels = std::size_t(1) << 14;

// --- Stroke buffer memory -----------------------------------------------------------------------

// A tile's stroke buffer is planes of kTilePixels floats, rather than interleaved pixels, so the
// per-pixel loops vectorise. Painting and erasing use four: red, green, blue (straight linear
// colour) and coverage. Smudging uses five: the pixel itself (premultiplied linear red,
// green, blue and alpha) and how much dabs have touched it; on drying paint the first four hold
// only the pixel's wet paint and a sixth the alpha of its dry paint (brushes/wet_rows.h).
constexpr int kPlanes = 6;
constexpr int kDryPlane = 5;
constexpr std::size_t kBufferFloats = std::size_t(kPlanes) * kTilePixels;
constexpr std::align_val_t kBufferAlign{64};
// Rows of the buffer are valid and recomposed in aligned blocks of this many pixels (32 bytes).
constexpr int kBlock = kMaskBlock;

/// Keeps the buffers of finished strokes for the next ones (up to kMaxCached, 32 MiB), so a
/// stroke does not pay the kernel for fresh zeroed pages on every tile. Buffers come
/// uninitialised: a tile zeroes only the rows and columns its dabs reach (see TileState).
/// Thread-safe; never destroyed, so painters may end at any point of program exit.
class BufferCache {
public:
    static BufferCache& shared()
    {
        static BufferCache* cache = new BufferCache;
        return *cache;
    }

    float* acquire()
    {
        {
            std::lock_guard lock(m_mutex);
            if (!m_free.empty()) {
                float* b = m_free.back();
                m_free.pop_back();
                return b;
            }
        }
        return static_cast<float*>(::operator new(kBufferFloats * sizeof(float), kBufferAlign));
    }

    void release(float* b)
    {
        {
            std::lock_guard lock(m_mutex);
            if (m_free.size() < kMaxCached) {
                m_free.push_back(b);
                return;
            }
        }
        ::operator delete(b, kBufferAlign);
    }

private:
    static constexpr std::size_t kMaxCached = 512;
    std::mutex m_mutex;
    std::vector<float*> m_free;
};

struct ReleaseBuffer {
    void operator()(float* b) const { BufferCache::shared().release(b); }
};
using BufferPtr = std::unique_ptr<float[], ReleaseBuffer>;

// --- Per-pixel work -----------------------------------------------------------------------------

/// One row of a dab onto the stroke buffer (straight linear colour + coverage per pixel).
/// Colour mixes as source-over would; coverage rises towards the dab's opacity and never
/// past it ("alpha darken"), which is what makes opacity cap the stroke.
SIGNE_HOT_CLONES
void dabRow(const float* __restrict mask, float* __restrict cr, float* __restrict cg,
            float* __restrict cb, float* __restrict cs, int count, float r, float g, float b,
            float opacity, float flow)
{
    for (int i = 0; i < count; ++i) {
        const float m = mask[i] * flow;
        const float s = cs[i];
        const float w = m + s * (1.0f - m);
        // m / w where w > 0, else 0; dividing by 1 in the other lanes keeps the loop free of
        // branches (and of a division by zero) with the same result.
        const bool positive = w > 0.0f;
        const float q = m / (positive ? w : 1.0f);
        const float k = positive ? q : 0.0f;
        cr[i] += (r - cr[i]) * k;
        cg[i] += (g - cg[i]) * k;
        cb[i] += (b - cb[i]) * k;
        cs[i] = s < opacity ? s + (opacity - s) * m : s;
    }
}

/// One row of a dab in Smudge mode: the pixels (premultiplied linear colour and alpha) move
/// towards the dab's paint by mask x strength; `touched` records that they were reached. Under
/// alpha lock alpha stays and only the colour moves (towards the paint at the pixel's alpha).
SIGNE_HOT_CLONES
void smudgeRow(const float* __restrict mask, float* __restrict pr, float* __restrict pg,
               float* __restrict pb, float* __restrict pa, float* __restrict touched, int count,
               float r, float g, float b, float alpha, float strength, bool alphaLock)
{
    for (int i = 0; i < count; ++i) {
        const float m = mask[i] * strength;
        const float a = alphaLock ? pa[i] : alpha;
        pr[i] += (r * a - pr[i]) * m;
        pg[i] += (g * a - pg[i]) * m;
        pb[i] += (b * a - pb[i]) * m;
        pa[i] += (a - pa[i]) * m;
        touched[i] += m;
    }
}

/// Calls fn(tile) for every tile that `box` (non-empty) reaches, row by row.
template <class Fn>
void forEachTileOf(const core::Rect& box, Fn&& fn)
{
    const int x0 = core::floorDiv(box.x, kTileSize), x1 = core::floorDiv(box.right() - 1, kTileSize);
    const int y0 = core::floorDiv(box.y, kTileSize), y1 = core::floorDiv(box.bottom() - 1, kTileSize);
    for (int ty = y0; ty <= y1; ++ty)
        for (int tx = x0; tx <= x1; ++tx) fn(TileCoord{tx, ty});
}

// --- Linear light <-> stored sRGB ---------------------------------------------------------------

/// Tables for decoding and encoding whole rows of pixels, built on first use (thread-safe).
///
/// Encoding gives exactly core::linearToSrgb16, but vectorised: a piecewise-linear guess of the
/// curve in code units (2^kSegBits segments per power of two of the input, down to 2^-22) is
/// rounded, and only where the guess lies within kDoubt of a rounding boundary (about 6% of
/// values) does the exact, slower function decide. Over every float in (0, 1], wherever the
/// rounded guess differs from the exact code the guess is within 0.0103 codes of the boundary
/// (checked exhaustively when this was written; StrokePainter tests check a sample), so
/// kDoubt = 0.03 leaves a threefold margin.
struct SrgbTables {
    static constexpr int kSegBits = 9;
    static constexpr std::uint32_t kMinExponent = 127 - 22;  // biased exponent of 2^-22
    static constexpr int kSegments = 22 << kSegBits;
    static constexpr float kDoubt = 0.03f;

    std::vector<float> toLinear = std::vector<float>(65536);  // core::srgb16ToLinear, as a table
    // Segment i approximates the 16-bit code of x as offset[i] + slope[i] * x; the entry past
    // the last is the constant 65535, for x = 1.
    std::vector<float> offset = std::vector<float>(kSegments + 1);
    std::vector<float> slope = std::vector<float>(kSegments + 1);

    SrgbTables()
    {
        for (int c = 0; c < 65536; ++c) toLinear[std::size_t(c)] = core::srgb16ToLinear(std::uint16_t(c));
        auto curve = [](double l) {
            return 65535.0 * (l <= 0.0031308 ? 12.92 * l : 1.055 * std::pow(l, 1.0 / 2.4) - 0.055);
        };
        for (int i = 0; i < kSegments; ++i) {
            const std::uint32_t bits = (kMinExponent << 23) + (std::uint32_t(i) << (23 - kSegBits));
            const double x0 = i == 0 ? 0.0 : std::bit_cast<float>(bits);
            const double x1 = std::bit_cast<float>(bits + (1u << (23 - kSegBits)));
            const double k = (curve(x1) - curve(x0)) / (x1 - x0);
            slope[std::size_t(i)] = float(k);
            offset[std::size_t(i)] = float(curve(x0) - k * x0);
        }
        offset[kSegments] = 65535.0f;
        slope[kSegments] = 0.0f;
    }

    static const SrgbTables& get()
    {
        static const SrgbTables tables;
        return tables;
    }
};

/// codes[i] = core::linearToSrgb16(v[i]) for i in [0, n).
SIGNE_HOT_CLONES
void encodeRow(const float* __restrict v, std::int32_t* __restrict codes, int n,
               const SrgbTables& t)
{
    const float* __restrict offset = t.offset.data();
    const float* __restrict slope = t.slope.data();
    constexpr std::int32_t kBase = std::int32_t(SrgbTables::kMinExponent << SrgbTables::kSegBits);
    for (int i = 0; i < n; ++i) {
        const float y = v[i];
        const float x = std::min(std::max(0.0f, y), 1.0f);  // NaN: 0
        // The segment from y's bits, clamped as an integer (negative y lands on segment 0 and
        // y >= 1 on the constant 65535). Computing it from the clamped x instead keeps GCC 12
        // from vectorising the loop.
        const std::int32_t top = (std::bit_cast<std::int32_t>(y) >> (23 - SrgbTables::kSegBits)) - kBase;
        const std::int32_t segment = std::clamp(top, 0, SrgbTables::kSegments);
        const float g = offset[segment] + slope[segment] * x + 0.5f;
        const std::int32_t c = std::int32_t(g);
        const float f = g - float(c);  // how far past the rounding boundary below
        const bool doubt = (f < SrgbTables::kDoubt) | (f > 1.0f - SrgbTables::kDoubt) | (y != y);
        codes[i] = doubt ? -1 : c;
    }
    for (int i = 0; i < n; ++i)
        if (codes[i] < 0) codes[i] = core::linearToSrgb16(v[i]);
}

/// Straight linear colour and alpha (0..1) of stored premultiplied sRGB pixels.
void decodeRow(const Pixel16* px, int n, float* r, float* g, float* b, float* alpha,
               const SrgbTables& t)
{
    const float* toLinear = t.toLinear.data();
    for (int i = 0; i < n; ++i) {
        const std::uint32_t a = px[i].a;
        alpha[i] = px[i].a / 65535.0f;
        if (a == 65535) {  // opaque: the straight value is the stored one
            r[i] = toLinear[px[i].r];
            g[i] = toLinear[px[i].g];
            b[i] = toLinear[px[i].b];
        } else if (a == 0) {
            r[i] = g[i] = b[i] = 0.0f;
        } else {
            auto channel = [&](std::uint16_t c) {
                return toLinear[std::min<std::uint32_t>(65535, (c * 65535u + a / 2) / a)];
            };
            r[i] = channel(px[i].r);
            g[i] = channel(px[i].g);
            b[i] = channel(px[i].b);
        }
    }
}

/// Source-over in linear light, the stroke (colour c, coverage cs) over the layer as it was
/// (colour l, alpha a): l becomes the result's straight colour, a its alpha (clamped).
SIGNE_HOT_CLONES
void sourceOverRow(const float* __restrict cr, const float* __restrict cg,
                   const float* __restrict cb, const float* __restrict cs, float* __restrict lr,
                   float* __restrict lg, float* __restrict lb, float* __restrict a, int n)
{
    for (int i = 0; i < n; ++i) {
        const float s = cs[i];
        const float oa = s + a[i] * (1.0f - s);
        const float d = s > 0.0f ? oa : 1.0f;  // other lanes are not written back
        lr[i] = (cr[i] * s + lr[i] * a[i] * (1.0f - s)) / d;
        lg[i] = (cg[i] * s + lg[i] * a[i] * (1.0f - s)) / d;
        lb[i] = (cb[i] * s + lb[i] * a[i] * (1.0f - s)) / d;
        a[i] = std::clamp(oa, 0.0f, 1.0f);
    }
}

/// Alpha lock: the colour moves towards the stroke's by its coverage; alpha stays.
SIGNE_HOT_CLONES
void recolourRow(const float* __restrict cr, const float* __restrict cg,
                 const float* __restrict cb, const float* __restrict cs, float* __restrict lr,
                 float* __restrict lg, float* __restrict lb, int n)
{
    for (int i = 0; i < n; ++i) {
        const float s = cs[i];
        lr[i] += (cr[i] - lr[i]) * s;
        lg[i] += (cg[i] - lg[i]) * s;
        lb[i] += (cb[i] - lb[i]) * s;
    }
}

/// v > 0, as an integer test: under GCC's default -ftrapping-math a float comparison feeding a
/// choice between pixels keeps the loop from being vectorised. (NaN counts as positive here
/// and not in v > 0; coverage and alpha are never NaN.)
bool positive(float v)
{
    const std::int32_t bits = std::bit_cast<std::int32_t>(v);
    return bits > 0;
}

/// Premultiplied pixels from sRGB codes and alpha where `reached` > 0 and, unless `alsoIf` is
/// null, `alsoIf` > 0 (painting passes alpha: under alpha lock a transparent pixel stays as it
/// is); elsewhere the original pixel.
/// Two loops: the float work unconditionally, then a choice made with integers only, which is
/// what lets GCC vectorise both (it will not speculate float conversions, which may trap).
SIGNE_HOT_CLONES
void packRow(const Pixel16* __restrict orig, const float* __restrict reached,
             const float* __restrict alsoIf, const float* __restrict alpha,
             const std::int32_t* __restrict r, const std::int32_t* __restrict g,
             const std::int32_t* __restrict b, Pixel16* __restrict out, int n)
{
    alignas(64) std::int32_t q[4][kTileSize];
    for (int i = 0; i < n; ++i) {
        const float a = alpha[i];
        q[0][i] = std::int32_t(float(r[i]) * a + 0.5f);
        q[1][i] = std::int32_t(float(g[i]) * a + 0.5f);
        q[2][i] = std::int32_t(float(b[i]) * a + 0.5f);
        q[3][i] = std::int32_t(a * 65535.0f + 0.5f);
    }
    alignas(64) std::int32_t write[kTileSize];
    for (int i = 0; i < n; ++i) write[i] = positive(reached[i]);
    if (alsoIf)
        for (int i = 0; i < n; ++i) write[i] &= positive(alsoIf[i]);
    for (int i = 0; i < n; ++i) {
        const bool w = write[i];
        const Pixel16 o = orig[i];
        out[i].r = w ? std::uint16_t(q[0][i]) : o.r;
        out[i].g = w ? std::uint16_t(q[1][i]) : o.g;
        out[i].b = w ? std::uint16_t(q[2][i]) : o.b;
        out[i].a = w ? std::uint16_t(q[3][i]) : o.a;
    }
}

/// Smudge mode: straight linear colour and alpha (clamped to 0..1) of premultiplied pixels;
/// colour 0 where alpha is 0.
SIGNE_HOT_CLONES
void straightRow(const float* __restrict pr, const float* __restrict pg,
                 const float* __restrict pb, const float* __restrict pa, float* __restrict r,
                 float* __restrict g, float* __restrict b, float* __restrict alpha, int n)
{
    for (int i = 0; i < n; ++i) {
        const float a = std::clamp(pa[i], 0.0f, 1.0f);
        const float d = a > 0.0f ? a : 1.0f;  // other lanes give 0 / 1
        r[i] = std::clamp(pr[i] / d, 0.0f, 1.0f);
        g[i] = std::clamp(pg[i] / d, 0.0f, 1.0f);
        b[i] = std::clamp(pb[i] / d, 0.0f, 1.0f);
        alpha[i] = a;
    }
}

/// Erasing multiplies the original pixel by 1 - coverage (same two loops as packRow).
SIGNE_HOT_CLONES
void eraseRow(const Pixel16* __restrict orig, const float* __restrict cs, Pixel16* __restrict out,
              int n)
{
    alignas(64) std::int32_t q[4][kTileSize];
    for (int i = 0; i < n; ++i) {
        const float keep = 1.0f - cs[i];
        q[0][i] = std::int32_t(float(orig[i].r) * keep + 0.5f);
        q[1][i] = std::int32_t(float(orig[i].g) * keep + 0.5f);
        q[2][i] = std::int32_t(float(orig[i].b) * keep + 0.5f);
        q[3][i] = std::int32_t(float(orig[i].a) * keep + 0.5f);
    }
    for (int i = 0; i < n; ++i) {
        const bool write = positive(cs[i]);
        const Pixel16 o = orig[i];
        out[i].r = write ? std::uint16_t(q[0][i]) : o.r;
        out[i].g = write ? std::uint16_t(q[1][i]) : o.g;
        out[i].b = write ? std::uint16_t(q[2][i]) : o.b;
        out[i].a = write ? std::uint16_t(q[3][i]) : o.a;
    }
}

/// Row extents of a tile: for each row, the columns [lo, hi) (empty when lo >= hi).
struct RowExtents {
    std::array<std::uint8_t, kTileSize> lo, hi;
    RowExtents() { clear(); }
    void clear()
    {
        lo.fill(std::uint8_t(kTileSize));
        hi.fill(0);
    }
};

}  // namespace

/// What the stroke has done to one tile. Only the blocks of rows that dabs reached are valid in
/// the buffer (`valid`); everything else is coverage 0, i.e. untouched, and never read.
struct StrokePainter::TileState {
    core::TileCoord coord;
    core::TilePtr original;  // the layer tile before the stroke; nullptr = transparent
    core::WetTilePtr wetOriginal;  // its wetness stamps before the stroke (drying paint only)
    BufferPtr buffer{BufferCache::shared().acquire()};
    RowExtents valid;    // zero-initialised, then painted; grows as dabs arrive
    RowExtents changed;  // painted since the last flush: the pixels flush() recomposes
    std::vector<std::uint32_t> pending;  // queued dabs touching this tile, in order
    bool listed = false;    // in m_dirty
    bool composed = false;  // the layer tile holds `original` recomposed with the buffer
    // Drying paint: the stamps flush() worked out for the pixels it recomposed (`stamped`),
    // to be written to the layer on the calling thread.
    std::unique_ptr<core::WetStamp[]> stamps;
    RowExtents stamped;

    float* plane(int p) { return buffer.get() + std::size_t(p) * kTilePixels; }

    /// Smudge mode: columns [a, b) of row y of planes 0..3 become the original pixels,
    /// premultiplied linear.
    void loadOriginal(int y, int a, int b)
    {
        const int n = b - a, o = y * kTileSize + a;
        if (!original) {
            for (int p = 0; p < 4; ++p) std::memset(plane(p) + o, 0, sizeof(float) * std::size_t(n));
            return;
        }
        std::array<Pixel16, kTileSize> uniformRow;
        const Pixel16* px = original->pixels();
        if (original->isUniform()) {
            uniformRow.fill(original->uniformValue());
            px = uniformRow.data();
        } else {
            px += o;
        }
        float* r = plane(0) + o;
        float* g = plane(1) + o;
        float* bl = plane(2) + o;
        float* al = plane(3) + o;
        decodeRow(px, n, r, g, bl, al, SrgbTables::get());
        for (int i = 0; i < n; ++i) r[i] *= al[i], g[i] *= al[i], bl[i] *= al[i];
    }

    /// Drying paint, Smudge mode: columns [a, b) of row y, loaded as the original pixels,
    /// become their wet layer (planes 0..3) over their dry layer (alpha in kDryPlane).
    void splitWet(int y, int a, int b, const core::WetnessScale& wet)
    {
        const int n = b - a, o = y * kTileSize + a;
        std::array<core::WetStamp, kTileSize> scratch;
        alignas(64) float w[kTileSize];
        wetnessRow(stampsOf(wetOriginal.get(), y, a, n, scratch.data()), wet, w, n);
        float* dry = plane(kDryPlane) + o;
        for (int i = 0; i < n; ++i) {
            dry[i] = dryAlpha(plane(3)[o + i], w[i]);
            for (int p = 0; p < 4; ++p) plane(p)[o + i] *= w[i];  // premultiplied: alpha a w
        }
    }

    /// Makes [x0, x1) of row y valid and marks it changed; x0 and x1 are multiples of kBlock.
    /// What was not valid starts as nothing painted: zero coverage, or in Smudge mode the
    /// layer's pixels as they were and nothing touched.
    void reach(int y, int x0, int x1, PaintMode mode, const core::WetnessScale& wet)
    {
        const auto row = std::size_t(y);
        int lo = valid.lo[row], hi = valid.hi[row];
        auto zero = [&](int a, int b) {
            auto clear = [&](int p) {
                std::memset(plane(p) + y * kTileSize + a, 0, sizeof(float) * std::size_t(b - a));
            };
            if (mode == PaintMode::Smudge) {
                loadOriginal(y, a, b);
                clear(4);
                if (wet.dries()) splitWet(y, a, b, wet);
            } else {
                for (int p = 0; p < 4; ++p) clear(p);
            }
        };
        if (lo >= hi) {
            zero(x0, x1);
            lo = x0;
            hi = x1;
        } else {
            if (x0 < lo) zero(x0, lo), lo = x0;
            if (x1 > hi) zero(hi, x1), hi = x1;
        }
        valid.lo[row] = std::uint8_t(lo);
        valid.hi[row] = std::uint8_t(hi);
        changed.lo[row] = std::min(changed.lo[row], std::uint8_t(x0));
        changed.hi[row] = std::max(changed.hi[row], std::uint8_t(x1));
    }
};

/// The dabs of one queue being painted: by the caller alone, or by pool threads in the
/// background while the caller works out the next queue. Three phases, each shared by every
/// thread in the body: rasterise the masks (runs of dabs at a time), bin them by tile (the
/// thread that finishes the last mask does it, alone) and apply them (tile by tile).
///
/// Cores pass memory to each other slowly, against the few dozen nanoseconds a small dab
/// takes: so each thread lays out its masks in an arena of its own, kept from batch to batch,
/// and the dabs it reads are one cache line each.
struct StrokePainter::Batch {
    struct alignas(64) ThreadArena {
        std::thread::id thread;
        std::uint64_t batch = 0;  // the batch whose masks it holds
        BlockMaskArena::Ptr arena = BlockMaskArena::take();
    };

    StrokePainter* painter = nullptr;
    const Queue* queue = nullptr;
    int dabCount = 0;
    int chunk = 1;                     // dabs a thread takes at a time
    std::uint64_t number = 0;          // counts batches, to tell arenas in use
    std::vector<BlockMaskView> masks;  // by dab, once binned
    std::vector<TileState*> tiles;
    std::vector<core::Rect> rects;  // pixel rectangle of each tile
    double pixels = 0;              // the masks' box areas
    std::mutex arenaMutex;
    std::vector<std::unique_ptr<ThreadArena>> arenas;
    // Each counter on a cache line of its own: threads hit them from different cores.
    alignas(64) std::atomic<int> nextDab{0};
    alignas(64) std::atomic<int> rasterized{0};
    alignas(64) std::atomic<bool> binned{false};
    alignas(64) std::atomic<int> nextTile{0};
    alignas(64) bool inFlight = false;
    core::ThreadPool::Task task{*this};

    void reset(StrokePainter& owner, const Queue& dabs, int threads)
    {
        painter = &owner;
        queue = &dabs;
        dabCount = int(dabs.dabs.size());
        // Small dabs take tens of nanoseconds each, as long as a counter moving between cores:
        // so dabs are taken in runs, a few per thread and batch, to keep the work balanced.
        chunk = std::clamp(dabCount / (8 * threads), 1, 32);
        ++number;
        tiles.clear();
        rects.clear();
        pixels = 0;
        nextDab = 0;
        rasterized = 0;
        binned = false;
        nextTile = 0;
    }

    /// Does whatever is left of the batch (several threads may run this at once).
    void operator()()
    {
        BlockMaskArena* arena = nullptr;  // this thread's, taken with its first dab
        for (int first = nextDab.fetch_add(chunk); first < dabCount;
             first = nextDab.fetch_add(chunk)) {
            if (!arena) arena = &arenaOfThisThread();
            const int end = std::min(dabCount, first + chunk);
            for (int i = first; i < end; ++i) rasterize(i, *arena);
            if (rasterized.fetch_add(end - first, std::memory_order_acq_rel) + (end - first) ==
                dabCount) {
                painter->binBatch();
                binned.store(true, std::memory_order_release);
                binned.notify_all();
            }
        }
        // Every mask is claimed; the ones still being made are moments away.
        while (!binned.load(std::memory_order_acquire))
            binned.wait(false, std::memory_order_acquire);
        const int count = int(tiles.size());
        for (int t = nextTile++; t < count; t = nextTile++)
            apply(*tiles[std::size_t(t)], rects[std::size_t(t)]);
    }

    /// The arena of the calling thread, emptied if it holds an earlier batch's masks.
    BlockMaskArena& arenaOfThisThread()
    {
        std::lock_guard lock(arenaMutex);
        const std::thread::id me = std::this_thread::get_id();
        auto found = std::find_if(arenas.begin(), arenas.end(),
                                  [&](const auto& a) { return a->thread == me; });
        if (found == arenas.end()) {
            arenas.push_back(std::make_unique<ThreadArena>());
            arenas.back()->thread = me;
            found = arenas.end() - 1;
        }
        ThreadArena& mine = **found;
        if (mine.batch != number) {
            mine.arena->clear();
            mine.batch = number;
        }
        return *mine.arena;
    }

    void rasterize(int index, BlockMaskArena& arena) const
    {
        const DabJob& job = queue->dabs[std::size_t(index)];
        if (job.given >= 0) {
            arena.add(std::uint32_t(index), queue->given[std::size_t(job.given)]);
            return;
        }
        thread_local DabMask scratch;
        if (job.tip)
            job.tip->rasterize(job.shape, job.x, job.y, scratch);
        else
            rasterizeDab(job.shape, job.x, job.y, scratch);
        painter->applyGrain(scratch, job.grainPressure);
        arena.add(std::uint32_t(index), scratch);
    }

    /// masks[i] for every dab of this batch, from the arenas that hold them.
    void gatherMasks()
    {
        masks.resize(std::size_t(dabCount));
        std::lock_guard lock(arenaMutex);
        for (const auto& a : arenas) {
            if (a->batch != number) continue;
            for (const BlockMaskArena::Entry& e : a->arena->entries())
                masks[e.dab] = a->arena->view(e);
        }
    }

    void apply(TileState& state, const core::Rect& tileRect) const
    {
        float* cr = state.plane(0);
        float* cg = state.plane(1);
        float* cb = state.plane(2);
        float* cs = state.plane(3);
        float* touched = state.plane(4);
        const PaintMode mode = painter->m_mode;
        const bool alphaLock = painter->m_alphaLock;
        for (std::uint32_t index : state.pending) {
            const DabPaint& paint = queue->dabs[index].paint;
            const BlockMaskView& mask = masks[index];
            const core::Rect part = mask.box.intersected(tileRect);
            const float opacity = std::clamp(paint.opacity, 0.0f, 1.0f);
            const float flow = std::clamp(paint.flow, 0.0f, 1.0f);
            for (int y = part.y; y < part.bottom(); ++y) {
                // A zero mask changes nothing (coverage and colour move by 0 x something), so
                // only the row's span of blocks with coverage is painted.
                const BlockMaskView::Span span = mask.spans[y - mask.box.y];
                const int x0 = std::max(mask.box.x + span.lo, part.x);
                const int x1 = std::min(mask.box.x + span.hi, part.right());
                if (x0 >= x1) continue;
                const int ty = y - tileRect.y, tx0 = x0 - tileRect.x, tx1 = x1 - tileRect.x;
                state.reach(ty, tx0, tx1, mode, painter->m_wet);
                const int o = ty * kTileSize + tx0;
                const float* row = mask.coverage +
                                   std::size_t(y - mask.box.y) * std::size_t(mask.box.w) +
                                   std::size_t(x0 - mask.box.x);
                if (mode == PaintMode::Smudge)
                    smudgeRow(row, cr + o, cg + o, cb + o, cs + o, touched + o, tx1 - tx0, paint.r,
                              paint.g, paint.b, std::clamp(paint.alpha, 0.0f, 1.0f),
                              opacity * flow, alphaLock);
                else
                    dabRow(row, cr + o, cg + o, cb + o, cs + o, tx1 - tx0, paint.r, paint.g,
                           paint.b, opacity, flow);
            }
        }
        state.pending.clear();
    }
};

StrokePainter::StrokePainter(core::PaintTarget& target, PaintMode mode, int threads)
    : m_target(target), m_mode(mode), m_alphaLock(target.properties().alphaLock),
      m_threads(std::clamp(threads, 1, core::ThreadPool::kMaxThreads)),
      m_batch(std::make_unique<Batch>())
{
    // Every stroke counts on the document's clock, whatever its layer's drying: drying by
    // strokes counts all of them.
    const core::WetStamp stamp = target.clock().beginStroke();
    // Erasing takes paint away, wet or dry. Under alpha lock paint is recoloured in place, wet
    // or dry, as painters expect of the lock.
    if (mode != PaintMode::Erase && !m_alphaLock)
        m_wet = core::WetnessScale(target.clock(), target.drying(), stamp);
}

StrokePainter::~StrokePainter()
{
    finishBatch();  // pool threads may still be writing into the tiles' buffers
}

void StrokePainter::enqueue(const DabJob& job, std::size_t estimatedPixels)
{
    std::vector<DabJob>& dabs = m_queues[m_filling].dabs;
    dabs.push_back(job);
    m_queuedPixels += estimatedPixels;
    if (m_queuedPixels >= kQueuePixels || dabs.size() >= kQueueDabs) applyQueue(false);
}

void StrokePainter::setGrain(const Grain* grain, float scale, float strength)
{
    const bool on = grain && strength > 0.0f;
    m_grain = on ? grain : nullptr;
    m_grainScale = scale;
    m_grainStrength = on ? strength : 0.0f;
}

void StrokePainter::applyGrain(DabMask& mask, float pressure) const
{
    if (!m_grain || mask.box.isEmpty()) return;
    const int x = mask.box.x + m_target.properties().offsetX;
    const int y = mask.box.y + m_target.properties().offsetY;
    for (int row = 0; row < mask.box.h; ++row)
        m_grain->modulateRow(mask.coverage.data() + std::size_t(row) * std::size_t(mask.box.w),
                             mask.box.w, x, y + row, m_grainScale, m_grainStrength, pressure);
}

void StrokePainter::queueDab(const DabShape& shape, double x, double y, const BrushTip* tip,
                             const DabPaint& paint, float grainPressure)
{
    ++m_dabs;
    if (!(paint.flow > 0.0f) || !(paint.opacity > 0.0f)) return;
    // The box of the ellipse's bounding circle, to size batches; rasterizeDab clamps radii.
    const double side = 2.0 * std::clamp(double(shape.radius), 0.5, 1000.0) + 2.0;
    enqueue(DabJob{shape, x, y, tip, paint, -1, grainPressure}, std::size_t(side * side));
}

void StrokePainter::addDab(const DabMask& mask, const DabPaint& paint)
{
    ++m_dabs;
    if (mask.box.isEmpty() || !(paint.flow > 0.0f) || !(paint.opacity > 0.0f)) return;
    Queue& queue = m_queues[m_filling];
    if (queue.givenCount == queue.given.size()) queue.given.emplace_back();
    DabMask& copy = queue.given[queue.givenCount];
    copy.box = mask.box;
    copy.coverage.assign(mask.coverage.begin(), mask.coverage.end());
    DabJob job;
    job.paint = paint;
    job.given = std::int32_t(queue.givenCount++);
    enqueue(job, std::size_t(mask.box.w) * std::size_t(mask.box.h));
}

void StrokePainter::clear(Queue& queue)
{
    queue.dabs.clear();
    queue.givenCount = 0;  // the masks keep their storage for later dabs
}

StrokePainter::TileState& StrokePainter::stateFor(TileCoord c)
{
    if (m_lastState && m_lastCoord == c) return *m_lastState;  // dabs come in runs on a tile
    auto& slot = m_tiles[c];
    if (!slot) {
        slot = std::make_unique<TileState>();
        slot->coord = c;
        slot->original = m_target.tiles().tile(c);  // shared: costs nothing, never changes
        if (m_wet.dries()) slot->wetOriginal = m_target.wetness().tile(c);
    }
    m_lastState = slot.get();
    m_lastCoord = c;
    return *slot;
}

void StrokePainter::finishBatch()
{
    if (!m_batch->inFlight) return;
    core::ThreadPool::shared().finish(m_batch->task);
    m_batch->inFlight = false;
    m_dabPixels += m_batch->pixels;
    applyThickness();
}

void StrokePainter::applyThickness()
{
    const Batch& batch = *m_batch;
    // A layer with no relief loses none and has none to move; only a deposit makes some.
    const bool hasRelief = !m_target.thickness().isEmpty();
    const bool moves = m_mode != PaintMode::Paint && hasRelief;
    for (int i = 0; i < batch.dabCount; ++i) {
        const DabPaint& paint = batch.queue->dabs[std::size_t(i)].paint;
        if (!moves && !(paint.impasto > 0.0f)) continue;
        const BlockMaskView& mask = batch.masks[std::size_t(i)];
        if (mask.box.isEmpty()) continue;
        const float flow = std::clamp(paint.flow, 0.0f, 1.0f);
        const float strength =
            m_mode == PaintMode::Smudge ? flow * std::clamp(paint.opacity, 0.0f, 1.0f) : flow;
        const float target = std::clamp(paint.impasto, 0.0f, 1.0f) * float(core::kThicknessFull);
        forEachTileOf(mask.box, [&](TileCoord c) {
            const core::Rect tileRect = c.pixelRect();
            const core::Rect part = mask.box.intersected(tileRect);
            // Drying paint: smudging moves only the wet part of the thickness; the dry part
            // (the thickness before the stroke, times how dry it was) stays under it.
            const core::ThicknessTile* dryBefore = nullptr;
            const core::WetTile* stamps = nullptr;
            if (m_wet.dries() && m_mode == PaintMode::Smudge) {
                auto [slot, fresh] = m_thicknessBefore.try_emplace(c);
                if (fresh) slot->second = m_target.thickness().tile(c);
                dryBefore = slot->second.get();
                stamps = stateFor(c).wetOriginal.get();
            }
            core::Thickness16* t = m_target.writableThicknessTile(c).pixels();
            for (int y = part.y; y < part.bottom(); ++y) {
                const float* m = mask.coverage +
                                 std::size_t(y - mask.box.y) * std::size_t(mask.box.w) +
                                 std::size_t(part.x - mask.box.x);
                core::Thickness16* row = t + (y - tileRect.y) * kTileSize + (part.x - tileRect.x);
                for (int x = 0; x < part.w; ++x) {
                    const float k = m[x] * strength;
                    if (!(k > 0.0f)) continue;
                    const float v = row[x];
                    float dry = 0.0f;
                    if (dryBefore) {
                        const int tx = part.x + x - tileRect.x, ty = y - tileRect.y;
                        const core::WetStamp stamp = stamps ? stamps->pixel(tx, ty) : core::kDry;
                        dry = std::min(v, dryBefore->pixel(tx, ty) * (1.0f - m_wet.wetness(stamp)));
                    }
                    const float out = m_mode == PaintMode::Erase    ? v * (1.0f - k)
                                      : m_mode == PaintMode::Smudge ? v + (target - (v - dry)) * k
                                                                    : v + target * k;
                    row[x] = core::Thickness16(std::clamp(out, 0.0f, float(core::kThicknessFull)) +
                                               0.5f);
                }
            }
            m_target.markThicknessDirty(part);
        });
    }
}

void StrokePainter::binBatch()
{
    Batch& batch = *m_batch;
    batch.gatherMasks();
    for (int i = 0; i < batch.dabCount; ++i) {
        const BlockMaskView& mask = batch.masks[std::size_t(i)];
        const core::Rect& box = mask.box;
        if (box.isEmpty()) continue;
        batch.pixels += mask.maskPixels;
        forEachTileOf(box, [&](TileCoord c) {
            TileState& state = stateFor(c);
            if (state.pending.empty()) {
                batch.tiles.push_back(&state);
                batch.rects.push_back(c.pixelRect());
                if (!state.listed) m_dirty.push_back(c);
                state.listed = true;
            }
            state.pending.push_back(std::uint32_t(i));
        });
    }
}

void StrokePainter::applyQueue(bool wait)
{
    // One batch at a time: the one in flight must be done before its tiles' pending lists and
    // buffers are touched again, which also keeps every tile's dabs in queue order.
    finishBatch();
    Queue& queue = m_queues[m_filling];
    if (queue.dabs.empty()) return;
    Batch& batch = *m_batch;
    batch.reset(*this, queue, m_threads);
    // In the background, pool threads do it all; waiting, the caller takes part, and small
    // batches are not worth waking anyone for.
    const int dabs = int(queue.dabs.size());
    const int helpers = !wait                                 ? std::min(m_threads - 1, dabs)
                        : m_queuedPixels >= kMinParallelPixels ? std::min(m_threads, dabs) - 1
                                                               : 0;
    m_queuedPixels = 0;
    if (helpers <= 0) {
        batch();
        m_dabPixels += batch.pixels;
        applyThickness();
        clear(queue);
        return;
    }
    core::ThreadPool::shared().start(batch.task, helpers);
    batch.inFlight = true;
    m_filling ^= 1;  // queue into the other one meanwhile: its batch is finished
    clear(m_queues[m_filling]);
    if (wait) finishBatch();
}

Paint StrokePainter::sampleUnder(const DabMask& mask)
{
    applyQueue(true);
    const SrgbTables& tables = SrgbTables::get();
    const float* toLinear = tables.toLinear.data();
    // Sums in double, in a fixed order (tiles, rows, columns): the same bits every time.
    // On drying paint the brush meets only the wet layer of each pixel (brushes/wet_rows.h).
    double weight = 0, alpha = 0, rgb[3] = {0, 0, 0}, thickness = 0;
    const bool dries = m_wet.dries();
    const core::Rect& box = mask.box;
    if (box.isEmpty()) return {};
    forEachTileOf(box, [&](TileCoord c) {
        const core::Rect tileRect = c.pixelRect();
        const core::Rect part = box.intersected(tileRect);
        auto found = m_tiles.find(c);
        const TileState* state = found == m_tiles.end() ? nullptr : found->second.get();
        // The layer before the stroke: the state keeps it; elsewhere the layer still is it.
        const core::TileData* before = state ? state->original.get() : m_target.tiles().peek(c);
        // Thickness is written as dabs are applied, so the layer's is the stroke's so far.
        const core::ThicknessTile* relief = m_target.thickness().peek(c);
        const core::WetTile* stamps = !dries ? nullptr
                                      : state ? state->wetOriginal.get()
                                              : m_target.wetness().peek(c);
        // Drying paint: only the wet part of the thickness is taken up; the dry part is the
        // thickness before the stroke times how dry it was.
        const core::ThicknessTile* reliefBefore = relief;
        if (dries) {
            const auto kept = m_thicknessBefore.find(c);
            if (kept != m_thicknessBefore.end()) reliefBefore = kept->second.get();
        }
        for (int y = part.y; y < part.bottom(); ++y) {
            const int row = y - tileRect.y;
            const float* m = mask.coverage.data() + std::size_t(y - box.y) * std::size_t(box.w) +
                             std::size_t(part.x - box.x);
            const int lo = state ? state->valid.lo[std::size_t(row)] : 0;
            const int hi = state ? state->valid.hi[std::size_t(row)] : 0;
            for (int x = part.x; x < part.right(); ++x) {
                const float w = m[x - part.x];
                if (!(w > 0.0f)) continue;
                const int col = x - tileRect.x;
                if (relief) {
                    float v = relief->pixel(col, row);
                    if (dries && reliefBefore) {
                        const core::WetStamp stamp = stamps ? stamps->pixel(col, row) : core::kDry;
                        v = std::max(0.0f, v - reliefBefore->pixel(col, row) *
                                                   (1.0f - m_wet.wetness(stamp)));
                    }
                    thickness += double(w) * v;
                }
                const bool inBuffer = col >= lo && col < hi;
                if (m_mode == PaintMode::Smudge && inBuffer) {
                    // The buffer holds the pixel itself (its wet layer), premultiplied.
                    const float* px = state->buffer.get() + std::size_t(row * kTileSize + col);
                    weight += w;
                    alpha += double(w) * std::clamp(px[3 * kTilePixels], 0.0f, 1.0f);
                    for (int i = 0; i < 3; ++i)
                        rgb[i] += double(w) * std::max(0.0f, px[std::size_t(i) * kTilePixels]);
                    continue;
                }
                const Pixel16 p = before ? before->pixel(col, row) : Pixel16{};
                float a = p.a / 65535.0f, l[3] = {0, 0, 0};
                if (p.a > 0) {
                    const std::uint32_t pa = p.a;
                    auto straight = [&](std::uint16_t v) {
                        return toLinear[std::min<std::uint32_t>(65535, (v * 65535u + pa / 2) / pa)];
                    };
                    l[0] = straight(p.r), l[1] = straight(p.g), l[2] = straight(p.b);
                }
                const float s =
                    inBuffer && m_mode != PaintMode::Smudge
                        ? state->buffer[3 * kTilePixels + std::size_t(row * kTileSize + col)]
                        : 0.0f;
                if (dries)  // its wet layer
                    a *= m_wet.wetness(stamps ? stamps->pixel(col, row) : core::kDry);
                float premultiplied[3];
                if (s > 0.0f) {
                    // As flush() would recompose the pixel.
                    const float* buffer = state->buffer.get() + std::size_t(row * kTileSize + col);
                    const float paint[3] = {buffer[0], buffer[kTilePixels],
                                            buffer[2 * kTilePixels]};
                    if (m_mode == PaintMode::Erase) {
                        a *= 1.0f - s;
                        for (int i = 0; i < 3; ++i) premultiplied[i] = l[i] * a;
                    } else if (m_alphaLock) {
                        for (int i = 0; i < 3; ++i)
                            premultiplied[i] = (l[i] + (paint[i] - l[i]) * s) * a;
                    } else {
                        for (int i = 0; i < 3; ++i)
                            premultiplied[i] = paint[i] * s + l[i] * a * (1.0f - s);
                        a = s + a * (1.0f - s);
                    }
                } else {
                    for (int i = 0; i < 3; ++i) premultiplied[i] = l[i] * a;
                }
                weight += w;
                alpha += double(w) * a;
                for (int i = 0; i < 3; ++i) rgb[i] += double(w) * premultiplied[i];
            }
        }
    });
    Paint under;
    if (weight > 0) under.alpha = float(std::min(1.0, alpha / weight));
    if (weight > 0) under.thickness = float(thickness / weight / core::kThicknessFull);
    if (alpha > 0)
        for (int i = 0; i < 3; ++i)
            under.rgb[std::size_t(i)] = float(std::clamp(rgb[i] / alpha, 0.0, 1.0));
    return under;
}

void StrokePainter::flush()
{
    applyQueue(true);
    if (m_dirty.empty()) return;
    struct Work {
        TileState* state;
        Pixel16* out;
        bool copyOriginal;
    };
    std::vector<Work> work;
    std::size_t pixels = 0;
    for (TileCoord c : m_dirty) {
        TileState& state = *m_tiles[c];
        state.listed = false;
        if (m_alphaLock && m_mode == PaintMode::Erase) {
            state.changed.clear();  // erasing keeps alpha under alpha lock: nothing to change
            continue;
        }
        // Dabs whose mask was zero on this tile leave nothing to write (and no history).
        int y0 = kTileSize, y1 = 0, x0 = kTileSize, x1 = 0;
        for (int y = 0; y < kTileSize; ++y) {
            const int lo = state.changed.lo[std::size_t(y)], hi = state.changed.hi[std::size_t(y)];
            if (lo >= hi) continue;
            y0 = std::min(y0, y), y1 = y + 1;
            x0 = std::min(x0, lo), x1 = std::max(x1, hi);
            pixels += std::size_t(hi - lo);
        }
        if (y0 >= y1) continue;
        // Writable tiles are made on this thread (they record history). Only changed pixels are
        // written below, so the tile must hold the original everywhere else: it does when the
        // layer still has the very tile the stroke started from (a writable copy of it), or
        // the tile this painter composed last time.
        const bool copyOriginal = !state.composed && m_target.tiles().tile(c) != state.original;
        work.push_back({&state, m_target.writableTile(c).pixels(), copyOriginal});
        m_target.markDirty(core::Rect{x0, y0, x1 - x0, y1 - y0}.translated(c.x * kTileSize, c.y * kTileSize));
    }
    m_dirty.clear();
    if (work.empty()) return;

    const int threads = pixels >= kMinParallelPixels ? m_threads : 1;
    const SrgbTables& tables = SrgbTables::get();
    struct NoState {};
    core::parallelFor<NoState>(int(work.size()), threads, [&](int i, NoState&) {
        const Work& w = work[std::size_t(i)];
        TileState& state = *w.state;
        const core::TileData* before = state.original.get();
        const Pixel16* beforePixels = before && !before->isUniform() ? before->pixels() : nullptr;
        const Pixel16 uniform = before ? before->uniformValue() : Pixel16{};
        Pixel16* out = w.out;
        if (w.copyOriginal) {
            if (beforePixels)
                std::memcpy(out, beforePixels, sizeof(Pixel16) * kTilePixels);
            else
                std::fill_n(out, kTilePixels, uniform);
        }
        std::array<Pixel16, kTileSize> uniformRow;
        uniformRow.fill(uniform);
        const float* cr = state.plane(0);
        const float* cg = state.plane(1);
        const float* cb = state.plane(2);
        const float* cs = state.plane(3);
        for (int y = 0; y < kTileSize; ++y) {
            const int lo = state.changed.lo[std::size_t(y)], hi = state.changed.hi[std::size_t(y)];
            if (lo >= hi) continue;
            const int n = hi - lo, p = y * kTileSize + lo;
            const Pixel16* orig = beforePixels ? beforePixels + p : uniformRow.data() + lo;
            if (m_mode == PaintMode::Erase) {
                eraseRow(orig, cs + p, out + p, n);
                continue;
            }
            // Several passes over the row, each a loop the compiler vectorises (but decoding).
            alignas(64) float lr[kTileSize], lg[kTileSize], lb[kTileSize], alpha[kTileSize];
            alignas(64) std::int32_t codes[3][kTileSize];
            if (m_mode == PaintMode::Smudge) {
                // The buffer holds the pixels themselves; those no dab touched stay as they
                // were, bit for bit.
                if (m_wet.dries()) {
                    // The wet layer over the dry one, which has the original colour.
                    alignas(64) float px[4][kTileSize], dr[kTileSize], dg[kTileSize],
                        db[kTileSize];
                    for (int c = 0; c < 4; ++c)
                        std::memcpy(px[c], state.plane(c) + p, sizeof(float) * std::size_t(n));
                    decodeRow(orig, n, dr, dg, db, alpha, tables);
                    composeOverDryRow(px[0], px[1], px[2], px[3], dr, dg, db,
                                      state.plane(kDryPlane) + p, n);
                    straightRow(px[0], px[1], px[2], px[3], lr, lg, lb, alpha, n);
                    stampRowOf(state, y, lo, hi, alpha, cs + p);
                } else {
                    straightRow(cr + p, cg + p, cb + p, cs + p, lr, lg, lb, alpha, n);
                }
                encodeRow(lr, codes[0], n, tables);
                encodeRow(lg, codes[1], n, tables);
                encodeRow(lb, codes[2], n, tables);
                packRow(orig, state.plane(4) + p, nullptr, alpha, codes[0], codes[1], codes[2],
                        out + p, n);
                continue;
            }
            decodeRow(orig, n, lr, lg, lb, alpha, tables);
            alignas(64) float wetAlpha[kTileSize];
            if (m_wet.dries()) {
                // The stroke's paint is wet, over the wet layer of what was there.
                std::array<core::WetStamp, kTileSize> scratch;
                wetnessRow(stampsOf(state.wetOriginal.get(), y, lo, n, scratch.data()), m_wet,
                           wetAlpha, n);
                for (int i = 0; i < n; ++i)
                    wetAlpha[i] = cs[p + i] + alpha[i] * wetAlpha[i] * (1.0f - cs[p + i]);
            }
            if (m_alphaLock)
                recolourRow(cr + p, cg + p, cb + p, cs + p, lr, lg, lb, n);
            else
                sourceOverRow(cr + p, cg + p, cb + p, cs + p, lr, lg, lb, alpha, n);
            encodeRow(lr, codes[0], n, tables);
            encodeRow(lg, codes[1], n, tables);
            encodeRow(lb, codes[2], n, tables);
            packRow(orig, cs + p, alpha, alpha, codes[0], codes[1], codes[2], out + p, n);
            if (m_wet.dries()) stampRowOf(state, y, lo, hi, alpha, wetAlpha);
        }
        state.changed.clear();
        state.composed = true;
    });
    if (m_wet.dries())
        for (const Work& w : work) writeStamps(*w.state);
}

void StrokePainter::writeStamps(TileState& state)
{
    // Only tiles whose stamps change get a writable copy (and a history entry).
    const core::WetTile* now = m_target.wetness().peek(state.coord);
    bool differs = false;
    for (int y = 0; y < kTileSize && !differs; ++y)
        for (int x = state.stamped.lo[std::size_t(y)]; x < state.stamped.hi[std::size_t(y)]; ++x)
            if (state.stamps[std::size_t(y * kTileSize + x)] !=
                (now ? now->pixel(x, y) : core::kDry)) {
                differs = true;
                break;
            }
    if (differs) {
        core::WetStamp* t = m_target.writableWetTile(state.coord).pixels();
        for (int y = 0; y < kTileSize; ++y) {
            const int lo = state.stamped.lo[std::size_t(y)], hi = state.stamped.hi[std::size_t(y)];
            if (lo < hi)
                std::copy(state.stamps.get() + y * kTileSize + lo,
                          state.stamps.get() + y * kTileSize + hi, t + y * kTileSize + lo);
        }
    }
    state.stamped.clear();
}

void StrokePainter::stampRowOf(TileState& state, int y, int lo, int hi, const float* alpha,
                               const float* wetAlpha) const
{
    if (!state.stamps) state.stamps.reset(new core::WetStamp[kTilePixels]);
    std::array<core::WetStamp, kTileSize> scratch;
    const core::WetStamp* before =
        stampsOf(state.wetOriginal.get(), y, lo, hi - lo, scratch.data());
    stampRow(alpha, wetAlpha, before, m_wet, state.stamps.get() + y * kTileSize + lo, hi - lo);
    state.stamped.lo[std::size_t(y)] = std::uint8_t(lo);
    state.stamped.hi[std::size_t(y)] = std::uint8_t(hi);
}

}  // namespace signe::brushes
