// SPDX-License-Identifier: GPL-3.0-or-later
#include "brushes/grain.h"

#include <algorithm>
#include <array>
#include <cassert>
#include <cmath>
#include <iterator>
#include <map>
#include <mutex>
#include <numbers>
#include <numeric>

#include "core/io/image_io.h"
#include "core/simd_clones.h"

// Compiled with -ffp-contract=off, like every file using SIGNE_HOT_CLONES, so that every clone
// of the row loop rounds alike.

namespace signe::brushes {

namespace {

// ---------------------------------------------------------------------------------------------
// Procedural textures. Everything is periodic over the tile (lattices wrap, thread counts divide
// it), so the tiles join without a seam; the hashes make them depend only on (size, seed).

std::uint32_t mix(std::uint32_t x)  // Chris Wellons' lowbias32
{
    x ^= x >> 16;
    x *= 0x7feb352dU;
    x ^= x >> 15;
    x *= 0x846ca68bU;
    x ^= x >> 16;
    return x;
}

std::uint32_t hash(std::uint32_t a, std::uint32_t b, std::uint32_t c, std::uint32_t d)
{
    return mix(a + mix(b + mix(c + mix(d + 0x9e3779b9U))));
}

/// [0, 1) from a hash.
double unit(std::uint32_t h)
{
    return double(h >> 8) * (1.0 / 16777216.0);
}

int wrap(int i, int n)
{
    const int r = i % n;
    return r < 0 ? r + n : r;
}

double fade(double t)
{
    return t * t * t * (t * (t * 6 - 15) + 10);
}

/// Perlin gradient noise, about -0.7..0.7, with cellsX x cellsY lattice cells over a tile of
/// side n texels, at tile position (x, y) in texels.
double gradientNoise(double x, double y, int n, int cellsX, int cellsY, std::uint32_t seed)
{
    static constexpr double kDiag = 0.70710678118654752;
    static constexpr std::array<std::array<double, 2>, 8> kGrad = {{{1, 0},
                                                                    {-1, 0},
                                                                    {0, 1},
                                                                    {0, -1},
                                                                    {kDiag, kDiag},
                                                                    {-kDiag, kDiag},
                                                                    {kDiag, -kDiag},
                                                                    {-kDiag, -kDiag}}};
    const double gx = x * cellsX / n, gy = y * cellsY / n;
    const int ix = int(std::floor(gx)), iy = int(std::floor(gy));
    const double fx = gx - ix, fy = gy - iy;
    auto corner = [&](int cx, int cy) {
        const auto& g = kGrad[hash(std::uint32_t(wrap(ix + cx, cellsX)),
                                   std::uint32_t(wrap(iy + cy, cellsY)), seed, 0x6772U) &
                              7U];
        return g[0] * (fx - cx) + g[1] * (fy - cy);
    };
    const double u = fade(fx), v = fade(fy);
    const double top = corner(0, 0) + (corner(1, 0) - corner(0, 0)) * u;
    const double bottom = corner(0, 1) + (corner(1, 1) - corner(0, 1)) * u;
    return top + (bottom - top) * v;
}

/// Fractal sum of gradient noise: `octaves` octaves from `cells` lattice cells across, each
/// twice as fine and `gain` times as strong as the last.
double fbm(double x, double y, int n, int cells, int octaves, double gain, std::uint32_t seed)
{
    double sum = 0, amplitude = 1;
    for (int o = 0; o < octaves; ++o, cells *= 2, amplitude *= gain)
        sum += amplitude * gradientNoise(x, y, n, cells, cells, hash(seed, std::uint32_t(o), 1, 2));
    return sum;
}

/// Replaces values by their rank, (rank + 0.5) / count, equal values sharing their mean rank:
/// a flat histogram, so that pressure maps to coverage alike for every grain.
std::vector<float> equalise(const std::vector<double>& values)
{
    const std::size_t n = values.size();
    std::vector<std::uint32_t> order(n);
    std::iota(order.begin(), order.end(), 0U);
    std::sort(order.begin(), order.end(), [&](std::uint32_t a, std::uint32_t b) {
        return values[a] < values[b] || (values[a] == values[b] && a < b);
    });
    std::vector<float> out(n);
    for (std::size_t i = 0; i < n;) {
        std::size_t j = i + 1;
        while (j < n && values[order[j]] == values[order[i]]) ++j;
        const double rank = 0.5 * double(i + j - 1);
        for (std::size_t k = i; k < j; ++k) out[order[k]] = float((rank + 0.5) / double(n));
        i = j;
    }
    return out;
}

template <class F>
core::Result<Grain> generate(const char* kind, int size, F height)
{
    if (size < 16 || size > Grain::kMaxSide)
        return core::fail(core::ErrorCode::InvalidArgument,
                          std::string(kind) + " grain size " + std::to_string(size) +
                              " is outside 16.." + std::to_string(Grain::kMaxSide));
    std::vector<double> values(std::size_t(size) * std::size_t(size));
    for (int y = 0; y < size; ++y)
        for (int x = 0; x < size; ++x)
            values[std::size_t(y) * std::size_t(size) + std::size_t(x)] = height(x + 0.5, y + 0.5);
    return Grain::fromHeights(size, size, equalise(values));
}

/// The count of `pitch`-wide repeats nearest to fitting `size`, made even and at least 2.
int evenCount(int size, double pitch)
{
    return std::max(2, 2 * int(std::lround(size / pitch / 2)));
}

// ---------------------------------------------------------------------------------------------
// Sampling.

float clampScale(float scale)
{
    return scale >= Grain::kMinScale  ? std::min(scale, Grain::kMaxScale)
           : scale < Grain::kMinScale ? Grain::kMinScale
                                      : 1.0f;
}

float clampPressure(float pressure)
{
    return pressure > 0.0f ? std::min(pressure, 1.0f) : 0.0f;  // NaN reads as 0
}

/// The valley floor that pigment reaches at `pressure`, and the band above it over which the
/// response rises from 0 to 1 (see grain.h).
constexpr float kReach = 1.25f;
constexpr float kInvBand = 4.0f;  // 1 / 0.25

inline float floorFor(float pressure)
{
    return 1.0f - kReach * pressure;
}

/// Exact max(x, 0) without a comparison, so GCC keeps even the scalar tail of the row loop
/// branch-free (see brush_tip.cpp); a branch on the grain height mispredicts half the time.
inline float relu(float x)
{
    return 0.5f * (x + std::fabs(x));
}

inline float smoothFactor(float h, float lo)
{
    // Exactly clamp((h - lo) * 4, 0, 1): x - relu(x - 1) is exact for x in [0, 5].
    float x = relu((h - lo) * kInvBand);
    x -= relu(x - 1.0f);
    return x * x * (3.0f - 2.0f * x);
}

/// floor(x) for |x| < 2^31, without SSE4.1's rounding instruction, so the baseline clone
/// vectorises too.
inline int floorToInt(float x)
{
    const int i = int(x);
    return i - (float(i) > x ? 1 : 0);
}

/// i mod n (in 0..n-1) for any int i and 0 < n <= 4096, without a division: a mask for a power
/// of two; otherwise the float quotient may be one off, and the corrections are exact.
inline int wrapFast(int i, int n, float invN)
{
    if ((n & (n - 1)) == 0) return i & (n - 1);
    int r = i - floorToInt(float(i) * invN) * n;
    r = r >= n ? r - n : r;
    return r < 0 ? r + n : r;
}

// The hot loop, once per dab mask row (one clone per instruction set, chosen once at load
// time). For each chunk of pixels it first blends down, between the two texture rows around the
// canvas row, the texels the chunk reads (from texel column k0, wrapping around the tile), then
// samples those across. Each pixel's texture position is worked out from its absolute canvas x
// (an exact float below 2^24), so the pixel does not depend on where the row starts.
SIGNE_HOT_CLONES
void modulate(float* __restrict coverage, int count, int canvasX, const float* __restrict r0,
              const float* __restrict r1, float fv, int width, float invWidth, float invScale,
              float offset, float strength, float lo)
{
    constexpr int kChunk = 256;
    float column[kChunk * 4 + 8];  // invScale <= 4
    for (int start = 0; start < count; start += kChunk) {
        float* __restrict c = coverage + start;
        const int n = std::min(kChunk, count - start);
        const int x0 = canvasX + start;
        // At scale 1 positions are the pixels' own x (the float formula gives the same).
        const bool unscaled = invScale == 1.0f;
        const int k0 = unscaled ? x0 : floorToInt(float(x0) * invScale + offset);
        const int span =
            unscaled ? n + 1 : floorToInt(float(x0 + n - 1) * invScale + offset) - k0 + 2;
        assert(span <= int(std::size(column)));
        for (int m = 0, t = wrapFast(k0, width, invWidth); m < span; t = 0) {
            const int len = std::min(span - m, width - t);
            float* __restrict out = column + m;
            for (int i = 0; i < len; ++i) out[i] = r0[t + i] + (r1[t + i] - r0[t + i]) * fv;
            m += len;
        }
        if (unscaled) {
            // Scale 1: pixel i reads column[i] exactly (its texture position is an integer),
            // which is what the general loop below gives too, bit for bit.
            for (int i = 0; i < n; ++i)
                c[i] *= 1.0f - strength * (1.0f - smoothFactor(column[i], lo));
        } else {
            for (int i = 0; i < n; ++i) {
                const float u = float(x0 + i) * invScale + offset;
                const int k = floorToInt(u);
                const float fu = u - float(k);
                const int j = k - k0;  // an index rather than a pointer: GCC then vectorises
                const float c0 = column[j], c1 = column[j + 1];
                const float h = c0 + (c1 - c0) * fu;
                c[i] *= 1.0f - strength * (1.0f - smoothFactor(h, lo));
            }
        }
    }
}

}  // namespace

// ---------------------------------------------------------------------------------------------

core::Result<Grain> Grain::fromHeights(int width, int height, std::vector<float> heights)
{
    const std::string size = std::to_string(width) + "x" + std::to_string(height);
    if (width < 1 || height < 1)
        return core::fail(core::ErrorCode::InvalidArgument,
                          "grain size " + size + " is empty: each side needs at least 1 texel");
    if (width > kMaxSide || height > kMaxSide)
        return core::fail(core::ErrorCode::InvalidArgument,
                          "grain size " + size + " is too large: at most " +
                              std::to_string(kMaxSide) + " texels a side");
    const std::size_t expected = std::size_t(width) * std::size_t(height);
    if (heights.size() != expected)
        return core::fail(core::ErrorCode::InvalidArgument,
                          "grain of " + size + " needs " + std::to_string(expected) +
                              " heights, got " + std::to_string(heights.size()));
    for (std::size_t i = 0; i < expected; ++i) {
        const float h = heights[i];
        if (!(h >= 0.0f && h <= 1.0f)) {  // also NaN
            const std::string at = "grain texel (" + std::to_string(i % std::size_t(width)) + ", " +
                                   std::to_string(i / std::size_t(width)) + ")";
            return core::fail(core::ErrorCode::InvalidArgument,
                              std::isnan(h)
                                  ? at + " is not a number"
                                  : at + " has height " + std::to_string(h) + ", outside 0..1");
        }
    }
    Grain grain;
    grain.m_width = width;
    grain.m_height = height;
    grain.m_invWidth = 1.0f / float(width);
    grain.m_invHeight = 1.0f / float(height);
    const std::size_t stride = std::size_t(width) + 1;
    grain.m_texels.resize(stride * (std::size_t(height) + 1));
    for (int y = 0; y <= height; ++y) {
        const float* src = heights.data() + std::size_t(y % height) * std::size_t(width);
        float* dst = grain.m_texels.data() + std::size_t(y) * stride;
        std::copy_n(src, width, dst);
        dst[width] = src[0];
    }
    return grain;
}

core::Result<Grain> Grain::load(const std::filesystem::path& file)
{
    auto info = core::readImageInfo(file);
    if (!info) return tl::unexpected(info.error());
    if (info->channels == 2 || info->channels >= 4)
        return core::fail(core::ErrorCode::Unsupported,
                          std::string("'").append(file.string()) +
                              "' has an alpha channel; a grain is read from grey levels, so save "
                              "it as grey or RGB without alpha (ImageMagick: -alpha off)");
    auto image = core::readCoverageImage(file, kMaxSide);
    if (!image) return tl::unexpected(image.error());
    auto grain = fromHeights(image->width, image->height, std::move(image->values));
    if (!grain) return core::fail(grain.error().code, file.string() + ": " + grain.error().message);
    return grain;
}

core::Result<Grain> Grain::paper(int size, std::uint32_t seed)
{
    const std::uint32_t s = hash(seed, 0x70617065U, 0, 0);
    // Rounded lumps about 6 texels across, of uneven size and height, summed where they
    // overlap (sparse convolution), so valleys wind between them without creases; a slow warp
    // keeps the lattice from showing; medium and fine noise roughen the lumps.
    const int cells = std::max(2, int(std::lround(size / 6.5)));
    const double cell = double(size) / cells;
    return generate("paper", size, [&](double x, double y) {
        const double wx = 2.5 * fbm(x, y, size, std::max(2, size / 32), 2, 0.5, s + 1);
        const double wy = 2.5 * fbm(x, y, size, std::max(2, size / 32), 2, 0.5, s + 2);
        const double gx = (x + wx) / cell, gy = (y + wy) / cell;
        const int ix = int(std::floor(gx)), iy = int(std::floor(gy));
        double lumps = 0;
        for (int dy = -2; dy <= 2; ++dy)
            for (int dx = -2; dx <= 2; ++dx) {
                const int cx = ix + dx, cy = iy + dy;
                const std::uint32_t h =
                    hash(std::uint32_t(wrap(cx, cells)), std::uint32_t(wrap(cy, cells)), s + 3, 0);
                const double px = cx + unit(h), py = cy + unit(mix(h));
                const double r = 0.45 + 0.35 * unit(mix(h + 1));
                const double a = 0.5 + 0.5 * unit(mix(h + 2));
                const double d2 = ((gx - px) * (gx - px) + (gy - py) * (gy - py)) / (r * r);
                if (d2 < 9) lumps += a * std::exp(-d2);
            }
        const double medium = fbm(x, y, size, std::max(2, size / 16), 2, 0.5, s + 4);
        const double fine = fbm(x, y, size, std::max(2, size / 4), 2, 0.5, s + 5);
        return lumps + 0.25 * medium + 0.2 * fine;
    });
}

core::Result<Grain> Grain::canvas(int size, std::uint32_t seed)
{
    const std::uint32_t s = hash(seed, 0x63616e76U, 0, 0);
    const int threads = evenCount(size, 8.0);  // even, so over/under alternation wraps
    const double pitch = double(size) / threads;
    const double pi = std::numbers::pi;

    // One thread set: threads across `a` (the thread's centre line runs along `b`). Returns the
    // thread's surface height under (a, b): a rounded cross-section, lifted where it passes over
    // the other set and sunk where it passes under; `over` is +1 for the set whose even threads
    // start on top.
    auto set = [&](double a, double b, double over, std::uint32_t salt) {
        const int i0 = int(std::floor(a / pitch));
        double best = 0;
        for (int i = i0 - 1; i <= i0 + 1; ++i) {
            const int id = wrap(i, threads);
            const std::uint32_t ts = hash(s, salt, std::uint32_t(id), 0);
            // The noise runs along b; its other coordinate only picks a row of the lattice.
            const double wander =
                pitch * (0.15 * gradientNoise(b, 0.37 * size / 8, size, 8, 8, ts) +
                         0.08 * gradientNoise(b, 0.37 * size / 32, size, 32, 32, ts + 3));
            const double centre = (i + 0.5) * pitch + wander;
            const double slub = 0.25 * gradientNoise(b, 0.61 * size / 16, size, 16, 16, ts + 1);
            const double halfWidth = 0.5 * pitch * (0.72 + 0.3 * unit(mix(ts)) + slub);
            const double d = (a - centre) / halfWidth;
            if (std::fabs(d) >= 1) continue;
            // Thicker threads stand higher.
            const double profile = std::sqrt(1 - d * d) * halfWidth / (0.5 * pitch);
            const double parity = (id % 2 == 0) ? 1.0 : -1.0;
            const double lift = over * parity * std::cos(pi * (b / pitch - 0.5));
            // Fibres along the thread: fine across it, long along it.
            const double fibre =
                gradientNoise(a, b, size, size / 2, std::max(2, size / 16), ts + 2) * 0.35;
            best = std::max(best, profile * (0.62 + 0.38 * lift) * (1.0 + fibre * 0.3));
        }
        return best;
    };
    return generate("canvas", size, [&](double x, double y) {
        const double warp = set(x, y, 1.0, 0x77617270U);   // vertical threads
        const double weft = set(y, x, -1.0, 0x77656674U);  // horizontal threads
        // Knots and the priming's unevenness: some crossings stand higher than others.
        const double knots = 0.15 * fbm(x, y, size, std::max(2, size / 16), 2, 0.5, s + 8);
        const double dust = 0.04 * fbm(x, y, size, std::max(2, size / 4), 2, 0.5, s + 9);
        return std::max(warp, weft) * (1 + knots) + dust;
    });
}

core::Result<Grain> Grain::laid(int size, std::uint32_t seed)
{
    const std::uint32_t s = hash(seed, 0x6c616964U, 0, 0);
    const int lines = evenCount(size, 5.0);
    const int chains = std::max(1, size / 128);
    const double pi = std::numbers::pi;
    return generate("laid", size, [&](double x, double y) {
        // Laid lines: horizontal ribs, wandering a little, stronger in some places than others.
        const double wander = 0.5 * fbm(x, y, size, std::max(2, size / 64), 2, 0.5, s + 1);
        const double rib = std::cos(2 * pi * lines * (y + wander) / size);
        const double ribStrength =
            0.8 + 0.4 * fbm(x, y, size, std::max(2, size / 16), 2, 0.5, s + 2);
        // Chain lines: faint vertical furrows where the mould's wires ran.
        double chain = 0;
        for (int c = -1; c <= chains; ++c) {
            const double d = (x - (c + 0.5) * size / chains) / 3.0;
            chain = std::max(chain, std::exp(-d * d));
        }
        const double tooth = fbm(x, y, size, std::max(2, size / 4), 2, 0.5, s + 4);
        const double mottle = fbm(x, y, size, std::max(2, size / 16), 2, 0.5, s + 5);
        return 0.45 * rib * ribStrength - 0.15 * chain + 0.4 * tooth + 0.15 * mottle;
    });
}

float Grain::texel(int i, int j) const
{
    return m_texels[std::size_t(wrap(j, m_height)) * std::size_t(m_width + 1) +
                    std::size_t(wrap(i, m_width))];
}

float Grain::at(double x, double y, float scale) const
{
    const double s = clampScale(scale);
    auto place = [](double p, int n, int& k, float& f) {
        if (!std::isfinite(p)) p = 0;
        const double whole = std::floor(p);
        k = wrap(int(std::fmod(whole, double(n))), n);
        f = float(p - whole);
    };
    int ku, kv;
    float fu, fv;
    place(x / s - 0.5, m_width, ku, fu);
    place(y / s - 0.5, m_height, kv, fv);
    const std::size_t stride = std::size_t(m_width) + 1;
    const float* r0 = m_texels.data() + std::size_t(kv) * stride;
    const float* r1 = r0 + stride;
    // Down first, then across, in the order modulateRow() uses.
    const float c0 = r0[ku] + (r1[ku] - r0[ku]) * fv;
    const float c1 = r0[ku + 1] + (r1[ku + 1] - r0[ku + 1]) * fv;
    return c0 + (c1 - c0) * fu;
}

float Grain::response(float h, float pressure)
{
    return smoothFactor(h, floorFor(clampPressure(pressure)));
}

void Grain::modulateRow(float* coverage, int count, int canvasX, int canvasY, float scale,
                        float strength, float pressure) const
{
    if (!(strength > 0.0f) || count <= 0) return;
    strength = std::min(strength, 1.0f);
    const float lo = floorFor(clampPressure(pressure));
    const float invScale = 1.0f / clampScale(scale);  // at most 4
    // Texture position of the centre of pixel X: (X + 0.5) / s - 0.5, texel centres at integers.
    const float offset = 0.5f * invScale - 0.5f;
    const float v = float(canvasY) * invScale + offset;
    const int kv = floorToInt(v);
    const float fv = v - float(kv);
    const std::size_t stride = std::size_t(m_width) + 1;
    const float* r0 = m_texels.data() + std::size_t(wrapFast(kv, m_height, m_invHeight)) * stride;
    const float* r1 = r0 + stride;  // the repeated first row after the last

    modulate(coverage, count, canvasX, r0, r1, fv, m_width, m_invWidth, invScale, offset, strength,
             lo);
}

std::span<const ShippedGrain> shippedGrains()
{
    static constexpr ShippedGrain kShipped[] = {
        {"paper.png", &Grain::paper, 256, 1},
        {"canvas.png", &Grain::canvas, 256, 1},
        {"laid-paper.png", &Grain::laid, 256, 1},
    };
    return kShipped;
}

const Grain* shippedGrain(std::string_view name)
{
    // Made on first use, one at a time, and never destroyed (painters may end at exit).
    static std::mutex mutex;
    static auto* made = new std::map<std::string, Grain, std::less<>>;
    std::lock_guard lock(mutex);
    if (auto found = made->find(name); found != made->end()) return &found->second;
    for (const ShippedGrain& g : shippedGrains()) {
        const std::string_view file = g.file;
        if (file.substr(0, file.size() - 4) != name || !file.ends_with(".png")) continue;
        auto grain = g.make(g.size, g.seed);
        if (!grain) return nullptr;  // cannot happen for the shipped sizes
        return &made->emplace(std::string(name), std::move(*grain)).first->second;
    }
    return nullptr;
}

std::filesystem::path grainPathFor(const std::filesystem::path& presetFile,
                                   const std::string& grain)
{
    const std::filesystem::path folder = presetFile.parent_path();
    const std::filesystem::path beside = folder.parent_path() / "grains" / grain;
    std::error_code ec;
    return std::filesystem::exists(beside, ec) ? beside : folder / grain;
}

}  // namespace signe::brushes
