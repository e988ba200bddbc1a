// SPDX-License-Identifier: GPL-3.0-or-later
#include "brushes/dab_mask.h"

#include <algorithm>
#include <climits>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <numbers>

#include "core/simd_clones.h"

// How a dab becomes coverage
//
// The profile. With d the normalised elliptical distance (d^2 = u^2/a^2 + v^2/b^2 in the dab's
// own axes, 1 on the rim), a dab is f(d) = 1 for d <= h, then 1 - smoothstep((d - h) / (1 - h)),
// reaching 0 at d = 1. Smoothstep has zero slope at both ends, so a soft dab has no crease at
// d = h and no visible rim at d = 1; hardness 1 leaves a plain ellipse.
//
// The coverage of a pixel is the mean of f over the pixel's square (a box filter), so a mask
// always sums to the integral of f: pi a b (h + 0.3 (1 - h)^2). That is what keeps strokes from
// darkening or lightening as pressure changes the size. Two ways get there:
//
// - Falloff wider than kResolvedFalloff pixels across the minor axis: f is smooth at the pixel
//   scale, so one sample at the pixel centre is the mean to second order, and because f has zero
//   slope where it starts and ends the errors sum to nothing over the dab (the midpoint rule on
//   a C1 bump). One branch-free, vectorised pass per row; the plateau (d <= h) is a plain fill.
//   A small box is done in one call (rasterizeSampledSmall()).
//
// - Everything else (hard edges, near-hard edges, small dabs): f is written as a weighted stack
//   of hard ellipses, f(d) = integral over s of [d <= s] * (-f'(s)) ds, sampled at a few radii s
//   (one for a hard dab, two for a falloff under a pixel; see falloffLevels()). Each ellipse's
//   pixel coverage is then exact, one of two ways:
//
//   - Axes along x and y (every round dab), box up to kSmallExactBox: the ellipse's area left
//     of x and above y, F(x, y), has a closed form (fillCornerGrid()) made of the area of the
//     unit disc on one side of a line, evaluated once per grid line, and a few products per
//     grid corner. A pixel's coverage is F at its four corners, differenced. That is exact for
//     the true ellipse (to 1e-9 of its area), continuous in sub-pixel position, and the mask
//     sums to F at the box's far corner, pi a b, however F is rounded inside. It costs
//     O(box area) where the polygons cost O(perimeter) plus fixed costs; on hard round dabs it
//     is 4 times as fast at radius 2 to 5 and 1.8 times at radius 20 (with AVX2).
//
//   - Otherwise: a fine polygon (chords within 0.01 px, scaled so its area is exactly the
//     ellipse's) whose exact pixel coverage comes from signed-area accumulation, the way font
//     rasterisers do it: each edge adds, to the cells it crosses, the part of the cell to its
//     right, and a running sum along the row turns that into area. Only the cells an edge
//     crosses are touched; the inside of each row is one fill. So coverage is exact up to the
//     polygon, continuous in sub-pixel position, and its sum is pi a b to within float
//     rounding at any size down to a fraction of a pixel.
//
// Build flags (brushes/CMakeLists.txt): -ffp-contract=off, as for every file using
// SIGNE_HOT_CLONES, so that all clones round alike; -fno-math-errno, without which GCC keeps a
// call to sqrtf for the errno of negative inputs and cannot vectorise falloffRow (soft dabs then
// cost about ten times as much; the pixels are the same).
#if defined(__GNUC__) && !defined(__NO_MATH_ERRNO__)
#warning "dab_mask.cpp wants -fno-math-errno: without it soft dabs are not vectorised"
#endif

namespace signe::brushes {

namespace {

/// Below this falloff width (pixels, across the minor axis) one sample per pixel is not enough.
constexpr double kResolvedFalloff = 3.0;
/// Below this falloff width (pixels, along the major axis) the falloff is drawn as one hard
/// ellipse of the same integral: narrower than a quarter pixel, no one can see the difference.
constexpr double kThinFalloff = 0.25;
/// Below this falloff width (pixels, along the major axis) two hard ellipses draw the falloff
/// (Gauss's rule, see falloffLevels()).
constexpr double kGaussFalloff = 1.0;
/// Hard ellipses stacked to draw a wider falloff: one per half pixel of falloff, within bounds.
constexpr int kMinLevels = 3;
constexpr int kMaxLevels = 32;
/// Polygon vertices per sqrt(pixel) of major radius: the chord of an arc of angle dphi on a
/// radius-a ellipse strays a * dphi^2 / 8 from it, 0.02 px here (+-0.01 after the area scaling).
constexpr double kVerticesPerSqrtPx = 15.7;
/// Dabs whose box is at most this many pixels wide and high take rasterizeSampledSmall() and
/// rasterizeAxisAligned(); past these sizes the general paths are faster (measured with
/// tests/bench/dab_mask_bench.cpp on AVX2 and AVX-512 processors). Every processor takes the
/// same paths, so that masks are the same everywhere; on one without AVX2 the corner grid of a
/// hard radius-20 dab costs about 15% more than the polygon would.
constexpr int kSmallSampledBox = 24;
constexpr int kSmallExactBox = 80;
/// Accumulated float sums land within this of 0 or 1 where the exact value is 0 or 1.
constexpr float kSnap = 1e-5f;

/// The dab after clamping to DabShape's documented ranges, in the forms the rasterisers use.
struct Ellipse {
    double a = 0.5, b = 0.5;    // semi-axes, px: major, minor
    double cosA = 1, sinA = 0;  // major axis direction
    double hardness = 1;
    double qa = 0, qb = 0, qc = 0;  // d^2 = qa X^2 + qb X Y + qc Y^2, X and Y relative to centre
    double invAB2 = 0;              // 1 / (a b)^2, the determinant of that quadratic form

    /// The chord {X : d^2(X, Y) <= sigma} of the horizontal line at height Y: its midpoint and
    /// half length; half < 0 when the line misses. Uses qa qc - qb^2 / 4 = 1 / (a b)^2, so the
    /// discriminant has no cancellation.
    void chord(double Y, double sigma, double& mid, double& half) const
    {
        const double disc = qa * sigma - Y * Y * invAB2;
        mid = -qb * Y / (2 * qa);
        half = disc >= 0 ? std::sqrt(disc) / qa : -1.0;
    }
};

Ellipse makeEllipse(const DabShape& shape)
{
    Ellipse e;
    double r = shape.radius;
    if (!(r >= 0.5)) r = 0.5;  // also NaN
    r = std::min(r, 1000.0);
    double aspect = shape.aspectRatio;
    if (std::isnan(aspect)) aspect = 1;
    aspect = std::clamp(aspect, 1e-3, 1.0);
    e.hardness = std::isnan(shape.hardness) ? 1.0 : std::clamp(double(shape.hardness), 0.0, 1.0);
    e.a = r;
    e.b = r * aspect;

    // An ellipse repeats every 180 degrees. Axis-aligned angles get exact cosines, so angle 90
    // gives exactly the transpose of angle 0 rather than something 1e-17 off.
    double angle = std::isfinite(shape.angleDegrees) ? double(shape.angleDegrees) : 0.0;
    if (!(angle >= 0 && angle < 180.0)) angle = std::fmod(angle, 180.0);  // (fmod is a call)
    if (angle < 0) angle += 180.0;
    if (angle == 0.0) {
        e.cosA = 1, e.sinA = 0;
    } else if (angle == 90.0) {
        e.cosA = 0, e.sinA = 1;
    } else {
        const double rad = angle * std::numbers::pi / 180.0;
        e.cosA = std::cos(rad), e.sinA = std::sin(rad);
    }
    const double ia2 = 1 / (e.a * e.a), ib2 = 1 / (e.b * e.b);
    const double c = e.cosA, s = e.sinA;
    e.qa = c * c * ia2 + s * s * ib2;
    e.qb = 2 * c * s * (ia2 - ib2);
    e.qc = s * s * ia2 + c * c * ib2;
    e.invAB2 = ia2 * ib2;
    return e;
}

/// Per-thread buffers, so that a dab allocates nothing once sizes have been seen.
struct Scratch {
    int vertexCount = 0;
    std::vector<double> unitCos, unitSin;  // the regular vertexCount-gon on the unit circle
    std::vector<int> rowSpans;             // per row: 2 ints (sampled) or 4 (exact)
    std::vector<double> lines;             // rasterizeAxisAligned()'s CornerGrid
};
thread_local Scratch t_scratch;

/// floor() and ceil() to int, for values within int's range: the baseline x86-64 build has no
/// rounding instruction, and small dabs need four of each.
inline int floorToInt(double v)
{
    const int i = int(v);
    return i - (v < i ? 1 : 0);
}

inline int ceilToInt(double v)
{
    const int i = int(v);
    return i + (v > i ? 1 : 0);
}

/// Exact max(x, 0) with no comparison: x + |x| is 2x or 0, and halving is exact. Keeps GCC from
/// turning the clamps into branches (it will not if-convert a float compare while trapping math
/// is on, the default), which would stop it vectorising the row loop.
inline float relu(float x)
{
    return 0.5f * (x + std::fabs(x));
}

/// Vectors for the small-dab kernels: GCC / Clang vector types, N doubles (and 2N floats), each
/// operation lane by lane and rounded like the scalar one. The kernels are written once for any
/// N and built for two: 4, AVX2's width, and 2, SSE2's, for processors without AVX2 (there GCC
/// would split wider vectors through memory and per-lane branches). Lane by lane, both give the
/// same bits, and so does every SIMD clone of either. The helpers taking vectors are always
/// inlined into the clones (called, they would pass vectors by each clone's own convention,
/// which GCC's -Wpsabi warns of, so it is off here) and take them by reference (GCC notes
/// passing them by value whatever the warning settings).
#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC diagnostic ignored "-Wpsabi"
#endif
template <int N>
struct Simd {
    // (typedef: GCC drops the attribute from an alias declaration that depends on N.)
    typedef double D __attribute__((vector_size(N * sizeof(double))));
    typedef float F __attribute__((vector_size(N * sizeof(float))));
    typedef float F2 __attribute__((vector_size(2 * N * sizeof(float))));
    // What comparing them gives: all ones or all zeros per lane.
    typedef long long MaskD __attribute__((vector_size(N * sizeof(double))));
    typedef int MaskF __attribute__((vector_size(N * sizeof(float))));
    typedef int MaskF2 __attribute__((vector_size(2 * N * sizeof(float))));
    // For loads and stores at any alignment; typed, unlike memcpy, so that the compiler knows
    // they touch only doubles or floats.
    typedef double DLoad __attribute__((vector_size(N * sizeof(double)), aligned(8)));
    typedef float FStore __attribute__((vector_size(N * sizeof(float)), aligned(4)));
    typedef float F2Store __attribute__((vector_size(2 * N * sizeof(float)), aligned(4)));
};
/// The widest N, and whether this processor runs it well.
constexpr int kMaxLanes = 4;

bool wideVectors()
{
#if defined(__GNUC__) && defined(__x86_64__)
    static const bool avx2 = __builtin_cpu_supports("avx2");
    return avx2;
#else
    return false;
#endif
}

/// m ? a : b, lane by lane, in bit operations (SSE2 has no blend, and GCC may make a vector ?:
/// into a branch per lane there).
template <class M, class V>
[[gnu::always_inline]] inline V pick(const M& m, const V& a, const V& b)
{
    return V((M(a) & m) | (M(b) & ~m));
}

template <class V>
[[gnu::always_inline]] inline V sqrtVec(const V& v)
{
    V r;
    for (std::size_t i = 0; i < sizeof(V) / sizeof(v[0]); ++i) r[i] = std::sqrt(v[i]);
    return r;
}

// --- Soft dabs: one sample per pixel --------------------------------------------------------

// Hot loop of soft dabs: the falloff at pixel centres x0 + i, relative to the dab centre, of
// one row whose height Y enters through qbY = qb * Y and qcYY = qc * Y^2.
SIGNE_HOT_CLONES
void falloffRow(float* __restrict out, int n, float x0, float qa, float qbY, float qcYY,
                float hardness, float invWidth)
{
    for (int i = 0; i < n; ++i) {
        const float X = x0 + float(i);
        const float d = std::sqrt(relu((qa * X + qbY) * X + qcYY));
        // 1 - smoothstep(t) = smoothstep(1 - t), with 1 - t clamped to 0..1.
        const float u = relu(1.0f - relu((d - hardness) * invWidth));
        out[i] = u * u * (3.0f - 2.0f * u);
    }
}

/// Dab geometry for falloffBoxN(), with its first pixel centre relative to the dab centre.
struct SampledBox {
    int w = 0, h = 0;
    double x0 = 0, y0 = 0;
    double qa = 0, qb = 0, qc = 0;
    float hardness = 1, invWidth = 0;
};

// falloffRow() over a whole small box in one call (rows of a small dab are too short for a call
// each), the same arithmetic a vector of 2N columns at a time. Whole vectors are written: past
// the end of a row they land in the rows after it, which are written afterwards; where no whole
// vector fits before the end of the mask, one pixel at a time.
template <int N>
[[gnu::always_inline]] inline void falloffBoxN(const SampledBox& box, float* out)
{
    using V = typename Simd<N>::F2;
    using M = typename Simd<N>::MaskF2;
    constexpr int kWidth = 2 * N;
    const int w = box.w, h = box.h;
    const float x0 = float(box.x0), qa = float(box.qa);
    const float hardness = box.hardness, invWidth = box.invWidth;
    V lane;
    for (int i = 0; i < kWidth; ++i) lane[i] = float(i);
    auto reluV = [](const V& x) __attribute__((always_inline))
    {
        return 0.5f * (x + pick(M(x < 0), -x, x));
    };
    // Column numbers are counted in floats, not converted from ints in the loop: the conversion
    // writes only part of its register, and the false dependency chains the vectors together.
    double rowNumber = 0;
    for (int j = 0; j < h; ++j, rowNumber += 1.0) {
        const double Y = box.y0 + rowNumber;
        const float qbY = float(box.qb * Y), qcYY = float(box.qc * Y * Y);
        float* row = out + std::size_t(j) * std::size_t(w);
        const int room = (h - j) * w;  // floats from the start of this row to the end
        int i = 0;
        V column = lane;
        for (; i < w && i + kWidth <= room; i += kWidth, column += float(kWidth)) {
            const V X = x0 + column;
            const V d = sqrtVec(reluV((qa * X + qbY) * X + qcYY));
            const V u = reluV(1.0f - reluV((d - hardness) * invWidth));
            *reinterpret_cast<typename Simd<N>::F2Store*>(row + i) = u * u * (3.0f - 2.0f * u);
        }
        for (; i < w; ++i) {
            const float X = x0 + float(i);
            const float d = std::sqrt(relu((qa * X + qbY) * X + qcYY));
            const float u = relu(1.0f - relu((d - hardness) * invWidth));
            row[i] = u * u * (3.0f - 2.0f * u);
        }
    }
}

SIGNE_HOT_CLONES
void falloffBoxWide(const SampledBox& box, float* out)
{
    falloffBoxN<kMaxLanes>(box, out);
}

SIGNE_HOT_CLONES
void falloffBoxNarrow(const SampledBox& box, float* out)
{
    falloffBoxN<2>(box, out);
}

void rasterizeSampled(const Ellipse& e, double cx, double cy, DabMask& out)
{
    // Only pixels whose centre lies inside the ellipse can be non-zero. Find them row by row
    // first, so that the box has no empty border.
    const double ey = std::sqrt(e.a * e.a * e.sinA * e.sinA + e.b * e.b * e.cosA * e.cosA);
    const int yFirst = ceilToInt(cy - ey - 0.5);
    const int yLast = floorToInt(cy + ey - 0.5);
    std::vector<int>& spans = t_scratch.rowSpans;
    spans.assign(std::size_t(std::max(0, yLast - yFirst + 1)) * 2, 0);
    int top = INT_MAX, bottom = INT_MIN, left = INT_MAX, right = INT_MIN;
    for (int y = yFirst; y <= yLast; ++y) {
        double mid, half;
        e.chord(y + 0.5 - cy, 1.0, mid, half);
        const int lo = ceilToInt(cx + mid - half - 0.5);
        const int hi = floorToInt(cx + mid + half - 0.5);
        int* span = &spans[std::size_t(y - yFirst) * 2];
        span[0] = lo, span[1] = hi;
        if (half < 0 || lo > hi) continue;
        top = std::min(top, y), bottom = std::max(bottom, y);
        left = std::min(left, lo), right = std::max(right, hi);
    }
    if (top > bottom) {  // no pixel centre inside: cannot happen with a minor radius >= 2
        out.box = {floorToInt(cx), floorToInt(cy), 1, 1};
        out.coverage.assign(1, 0.0f);
        return;
    }
    out.box = {left, top, right - left + 1, bottom - top + 1};
    const int w = out.box.w;
    out.coverage.resize(std::size_t(w) * std::size_t(out.box.h));

    const float invWidth = float(1.0 / (1.0 - e.hardness));
    const float hardness = float(e.hardness);
    const double sigmaInner = e.hardness * e.hardness;
    // Outside the ellipse the profile is exactly 0 and inside the plateau exactly 1, so the
    // stretches computed may overlap either; they are widened to whole vectors of 16 so that
    // the loop runs without scalar leftovers, and a plateau is filled rather than computed only
    // where that saves a few vectors.
    constexpr int kVector = 16;
    auto down = [](int i) { return i & ~(kVector - 1); };
    auto up = [](int i) { return (i + kVector - 1) & ~(kVector - 1); };
    const float qa = float(e.qa);
    const double x0 = left + 0.5 - cx;  // centre of column 0, relative to the dab centre
    for (int y = top; y <= bottom; ++y) {
        float* row = out.coverage.data() + std::size_t(y - top) * std::size_t(w);
        const int* span = &spans[std::size_t(y - yFirst) * 2];
        const int lo = std::max(span[0], left) - left;
        const int hi = std::min(span[1], right) - left;  // inclusive; lo > hi when empty
        if (lo > hi) {
            std::fill(row, row + w, 0.0f);
            continue;
        }
        const int begin = down(lo), end = std::min(w, up(hi + 1));
        std::fill(row, row + begin, 0.0f);
        std::fill(row + end, row + w, 0.0f);

        const double Y = y + 0.5 - cy;
        const float qbY = float(e.qb * Y), qcYY = float(e.qc * Y * Y);
        // Columns whose centre is safely inside the plateau (d <= h) are 1.
        double mid, half;
        e.chord(Y, sigmaInner, mid, half);
        int fillBegin = end, fillEnd = end;
        if (half > 1e-3) {
            fillBegin = up(ceilToInt(cx + mid - half - 0.5 + 1e-3) - left);
            fillEnd = down(floorToInt(cx + mid + half - 0.5 - 1e-3) - left + 1);
            if (fillEnd - fillBegin < 4 * kVector || fillBegin < begin || fillEnd > end)
                fillBegin = fillEnd = end;
        }
        falloffRow(row + begin, fillBegin - begin, float(x0 + begin), qa, qbY, qcYY, hardness,
                   invWidth);
        std::fill(row + fillBegin, row + fillEnd, 1.0f);
        falloffRow(row + fillEnd, end - fillEnd, float(x0 + fillEnd), qa, qbY, qcYY, hardness,
                   invWidth);
    }
}

/// The small-box form of rasterizeSampled(): one call for the whole box, and a box taken from
/// the ellipse's extent rather than row by row (so it may have one empty line on a side). The
/// pixels are rasterizeSampled()'s. Returns false, doing nothing, for boxes over
/// kSmallSampledBox.
bool rasterizeSampledSmall(const Ellipse& e, double cx, double cy, DabMask& out)
{
    const double ex = std::sqrt(e.a * e.a * e.cosA * e.cosA + e.b * e.b * e.sinA * e.sinA);
    const double ey = std::sqrt(e.a * e.a * e.sinA * e.sinA + e.b * e.b * e.cosA * e.cosA);
    // Columns and rows whose pixel centres lie within the extent.
    const int left = ceilToInt(cx - ex - 0.5), right = floorToInt(cx + ex - 0.5);
    const int top = ceilToInt(cy - ey - 0.5), bottom = floorToInt(cy + ey - 0.5);
    if (right - left >= kSmallSampledBox || bottom - top >= kSmallSampledBox || left > right ||
        top > bottom)
        return false;
    out.box = {left, top, right - left + 1, bottom - top + 1};
    out.coverage.resize(std::size_t(out.box.w) * std::size_t(out.box.h));
    SampledBox box;
    box.w = out.box.w, box.h = out.box.h;
    box.x0 = left + 0.5 - cx, box.y0 = top + 0.5 - cy;
    box.qa = e.qa, box.qb = e.qb, box.qc = e.qc;
    box.hardness = float(e.hardness);
    box.invWidth = float(1.0 / (1.0 - e.hardness));
    if (wideVectors())
        falloffBoxWide(box, out.coverage.data());
    else
        falloffBoxNarrow(box, out.coverage.data());
    return true;
}

// --- Hard and narrow edges: a stack of hard ellipses ----------------------------------------

/// The falloff as hard ellipses: scale s of the ellipse (radii s a, s b) and its weight.
struct Level {
    double scale;
    double weight;
};

/// Splits f into hard ellipses (see the top of the file). With s = h + (1 - h) t, the weight of
/// scale s is -f'(s) ds = 6 t (1 - t) dt, so the stack is a quadrature rule for that weight:
/// - falloff under kThinFalloff px wide (along the major axis): one ellipse;
/// - under kGaussFalloff px: Gauss's 2-point rule for the weight t (1 - t), nodes 1/2 -+
///   1/(2 sqrt 5) with equal weights. It is exact for cubics in t, and on these narrow edges as
///   close to the exact box filter as the 3-point midpoint rule (within 0.015 per pixel), at two
///   thirds of the cost;
/// - wider: the midpoint rule, one point per half pixel (kMinLevels..kMaxLevels), weighted
///   t (1 - t).
/// All scales are then multiplied by one factor so that the stack's area matches f's integral
/// exactly. The result depends on h and the number of levels only, so the last one is kept per
/// thread (a stroke's dabs share their hardness); it is the same either way.
int falloffLevels(double h, double majorRadius, const Level*& levels)
{
    const double width = majorRadius * (1 - h);
    const int count = width <= kThinFalloff ? 1
                      : width <= kGaussFalloff
                          ? 2
                          : std::clamp(int(std::ceil(2 * width)), kMinLevels, kMaxLevels);
    struct Cache {
        double h = -1;
        int count = 0;
        Level levels[kMaxLevels];
    };
    thread_local Cache t_cache;
    Cache& c = t_cache;
    levels = c.levels;
    if (c.h == h && c.count == count) return count;
    c.h = h, c.count = count;

    const double mass = dabFalloffMass(float(h));
    if (count == 1) {
        c.levels[0] = {std::sqrt(mass), 1.0};
        return 1;
    }
    double total = 0, area = 0;
    for (int k = 0; k < count; ++k) {
        const double t =
            count == 2 ? 0.5 + (k == 0 ? -0.5 : 0.5) / std::sqrt(5.0) : (k + 0.5) / count;
        c.levels[k] = {h + (1 - h) * t, count == 2 ? 1.0 : t * (1 - t)};
        total += c.levels[k].weight;
    }
    for (int k = 0; k < count; ++k) {
        c.levels[k].weight /= total;
        area += c.levels[k].weight * c.levels[k].scale * c.levels[k].scale;
    }
    const double fix = std::sqrt(mass / area);
    for (int k = 0; k < count; ++k) c.levels[k].scale *= fix;
    return count;
}

// --- Ellipses along the axes: exact area from the cumulative area at the pixel corners ------

/// Fitted (Chebyshev, with mpmath) so that w^1.5 * (kCap[0] + kCap[1] w + ... + kCap[8] w^8) is
/// the area of the unit disc beyond a chord at distance 1 - w from its centre, acos(1 - w) -
/// (1 - w) sqrt(w (2 - w)), to within 7e-10 for 0 <= w <= 1.
constexpr double kCap[] = {
    1.8856180827863391,     -0.2828426514272665,    -0.025255420735893205,
    -0.004894364023793664,  -0.0013351201965593569, -0.00015533862107830078,
    -0.0004551167817639998, 0.00023997749612278936, -0.0001237210580710237,
};

/// The area of the unit disc left of the line X = u, for any u: 0 for u <= -1, pi / 2 at 0, pi
/// for u >= 1. Exact at both ends (the cap is w^1.5 times the polynomial) and mirror-symmetric,
/// so a centred dab stays symmetric. The polynomial goes by Estrin's scheme, for short
/// dependency chains.
template <class V, class M>
[[gnu::always_inline]] inline V discAreaLeftOf(const V& u)
{
    const M negative = u < 0;
    const V a = pick(negative, -u, u);
    const V w = pick(M(a < 1.0), 1.0 - a, V{});
    const V w2 = w * w, w4 = w2 * w2;
    const V p01 = kCap[0] + kCap[1] * w, p23 = kCap[2] + kCap[3] * w;
    const V p45 = kCap[4] + kCap[5] * w, p67 = kCap[6] + kCap[7] * w;
    const V p = (p01 + p23 * w2) + (p45 + p67 * w2) * w4 + kCap[8] * (w4 * w4);
    const V cap = p * w * sqrtVec(w);
    return pick(negative, cap, std::numbers::pi - cap);
}

/// The widest dab of rasterizeAxisAligned(), in vectors of grid columns (of the narrower width).
constexpr int kMaxBlocks = (kSmallExactBox + 1 + 1) / 2;

/// What fillCornerGrid() needs: the dab, its grid, and working memory (aligned to 32 bytes,
/// room for cornerGridDoubles()).
struct CornerJob {
    const Level* levels = nullptr;
    int levelCount = 0;
    double rx = 0, ry = 0;   // semi-axes along x and y
    int cols = 0, rows = 0;  // grid lines: box.w + 1 and box.h + 1
    double x0 = 0, y0 = 0;   // the first column and row line relative to the centre
    double* memory = nullptr;
    float* coverage = nullptr;  // box.w x box.h
};

/// Doubles of working memory fillCornerGrid() needs, whichever vector width it runs.
std::size_t cornerGridDoubles(int cols, int rows, int levels)
{
    const std::size_t width = std::size_t((cols + kMaxLanes - 1) / kMaxLanes * kMaxLanes);
    const std::size_t height = std::size_t((rows + kMaxLanes - 1) / kMaxLanes * kMaxLanes);
    const std::size_t levelsN = std::size_t(levels);
    return 2 * width + 3 * levelsN * width + height + 4 * levelsN * height;
}

// The stack's cumulative area F(x, y) = sum over levels of weight * |ellipse ∩ {X <= x,
// Y <= y}| at every grid corner, and from it the coverage. In one ellipse's unit-disc
// coordinates (u, v) = (x / alpha, y / beta), with L(u) the disc's area left of X = u and L(v)
// its area above Y = v, the area in the quadrant X <= u, Y <= v is
//   (L(u) + L(v)) / 2 - pi / 4 + u v    for a corner inside the disc (Green's theorem);
//   for a corner outside, where only the strips beyond the two lines are cut off:
//   0, L(u), L(v) or L(u) + L(v) - pi as u and v are <= 0 or > 0.
// The two agree on the rim, so which side rounding puts a corner on does not matter. In
// pixels, with the level's weight, and per row line, that is
//   inside:  half[i] + in + x[i] * wy
//   outside: positive[i] * out + below * area[i]
// with "inside" where sq[i] < lim; a row line that misses the ellipse has lim <= 0 (all
// outside, and 0 above the ellipse). Written for a fixed number of levels (0 for any number),
// so that the level loop unrolls and its row constants stay in registers.
template <int N, int kFixedLevels>
[[gnu::always_inline]] inline void fillCornerGridN(const CornerJob& job)
{
    using V = typename Simd<N>::D;
    using M = typename Simd<N>::MaskD;
    using VF = typename Simd<N>::F;
    using MF = typename Simd<N>::MaskF;
    struct ColumnTerms {  // one level seen from a vector of column lines
        V area, half, sq;
    };
    struct RowTerms {  // one level seen from a vector of row lines
        V lim, in, out, wy;
    };
    const int levelCount = kFixedLevels > 0 ? kFixedLevels : job.levelCount;
    const int blocks = (job.cols + N - 1) / N, rowBlocks = (job.rows + N - 1) / N;
    V* x = reinterpret_cast<V*>(job.memory);
    V* positive = x + blocks;
    ColumnTerms* col = reinterpret_cast<ColumnTerms*>(positive + blocks);  // [level][block]
    V* below = reinterpret_cast<V*>(col + levelCount * blocks);      // 1 below the centre, else 0
    RowTerms* row = reinterpret_cast<RowTerms*>(below + rowBlocks);  // [level][block]

    V lane;
    for (int i = 0; i < N; ++i) lane[i] = i;
    for (int n = 0; n < blocks; ++n) {
        x[n] = lane + (job.x0 + n * N);
        positive[n] = pick(M(x[n] > 0), V{} + 1.0, V{});
    }
    for (int n = 0; n < rowBlocks; ++n)
        below[n] = pick(M(lane + (job.y0 + n * N) > 0), V{} + 1.0, V{});
    for (int l = 0; l < levelCount; ++l) {
        const Level& level = job.levels[l];
        const double alpha = job.rx * level.scale, beta = job.ry * level.scale;
        const double scale = level.weight * alpha * beta, total = scale * std::numbers::pi;
        const double invAlpha = 1 / alpha, invBeta = 1 / beta;
        for (int n = 0; n < blocks; ++n) {
            const V u = x[n] * invAlpha;
            const V area = scale * discAreaLeftOf<V, M>(u);
            col[l * blocks + n] = {area, 0.5 * area, u * u};
        }
        for (int n = 0; n < rowBlocks; ++n) {
            const V y = lane + (job.y0 + n * N);
            const V v = y * invBeta;
            const V area = scale * discAreaLeftOf<V, M>(v);
            row[l * rowBlocks + n] = {1.0 - v * v, 0.5 * area - 0.25 * total,
                                      area - below[n] * total, level.weight * y};
        }
    }

    // Per row of corners, the cumulative areas (two rows kept), then their differences along the
    // row (two kept); a pixel row's coverage is the difference of two rows of those. The
    // differences read the areas one element over, from memory: a row late, so that the loads
    // do not wait on the stores (a shuffle would do, but SSE2 has none that fits).
    const int w = job.cols - 1, h = job.rows - 1;
    V sums[2][kMaxBlocks + 1];
    V dx[2][kMaxBlocks];
    for (int j = 0; j <= job.rows; ++j) {
        if (j < job.rows) {
            // This row line's constants: lane j % N of the row vectors.
            const int rb = j / N, rl = j % N;
            const double rowBelow = below[rb][rl];
            V* sum = sums[j & 1];
            for (int n = 0; n < blocks; ++n) {
                const ColumnTerms* ct = col + n;
                V acc{};
                for (int l = 0; l < levelCount; ++l) {
                    const ColumnTerms& c = ct[l * blocks];
                    const RowTerms& r = row[l * rowBlocks + rb];
                    const V inside = c.half + r.in[rl] + x[n] * r.wy[rl];
                    const V outside = positive[n] * r.out[rl] + rowBelow * c.area;
                    acc += pick(M(c.sq < r.lim[rl]), inside, outside);
                }
                sum[n] = acc;
            }
            sum[blocks] = V{};
        }
        if (j == 0) continue;
        const int k = j - 1;  // the corner row whose differences are taken now
        const double* sum = reinterpret_cast<const double*>(sums[k & 1]);
        V* d = dx[k & 1];
        for (int n = 0; n < blocks; ++n)
            d[n] = V(*reinterpret_cast<const typename Simd<N>::DLoad*>(sum + n * N + 1)) -
                   sums[k & 1][n];
        if (k == 0) continue;
        // Pixel row k - 1, between corner rows k - 1 and k. Whole vectors are written: past the
        // end of a pixel row they land in the next rows, which are written afterwards; where no
        // whole vector fits before the end of the mask, one pixel at a time.
        const V* dPrev = dx[(k - 1) & 1];
        float* out = job.coverage + std::size_t(k - 1) * std::size_t(w);
        const int room = (h - (k - 1)) * w;  // floats from the start of this row to the end
        for (int n = 0; n * N < w; ++n) {
            VF c = __builtin_convertvector(d[n] - dPrev[n], VF);
            c = pick(MF(c < kSnap), VF{}, c);
            c = pick(MF(c > 1.0f - kSnap), VF{} + 1.0f, c);
            const int i = n * N;
            if (i + N <= room)
                *reinterpret_cast<typename Simd<N>::FStore*>(out + i) = c;
            else
                for (int m = 0; i + m < w; ++m) out[i + m] = c[m];
        }
    }
}

template <int N>
[[gnu::always_inline]] inline void fillCornerGrid(const CornerJob& job)
{
    switch (job.levelCount) {
        case 1:
            fillCornerGridN<N, 1>(job);
            break;
        case 2:
            fillCornerGridN<N, 2>(job);
            break;
        case 3:
            fillCornerGridN<N, 3>(job);
            break;
        default:
            fillCornerGridN<N, 0>(job);
            break;
    }
}

SIGNE_HOT_CLONES
void fillCornerGridWide(const CornerJob& job)
{
    fillCornerGrid<kMaxLanes>(job);
}

SIGNE_HOT_CLONES
void fillCornerGridNarrow(const CornerJob& job)
{
    fillCornerGrid<2>(job);
}

/// The exact area path for ellipses whose axes lie along x and y (every round dab). Instead of
/// tracing a polygon, it writes down the stack's cumulative area F(x, y) at the pixel grid's
/// corners (see fillCornerGridN()); a pixel's coverage is then F(x1, y1) - F(x0, y1) -
/// F(x1, y0) + F(x0, y0), exact for the true ellipses, and the mask sums to F at the box's far
/// corner, the stack's area, whatever the rounding inside. Returns false, doing nothing, for
/// boxes over kSmallExactBox, where the polygons are faster.
bool rasterizeAxisAligned(double rx, double ry, const Level* levels, int levelCount, double cx,
                          double cy, DabMask& out)
{
    double outer = 0;
    for (int l = 0; l < levelCount; ++l) outer = std::max(outer, levels[l].scale);
    core::Rect box;
    box.x = floorToInt(cx - rx * outer);
    box.y = floorToInt(cy - ry * outer);
    box.w = std::max(1, ceilToInt(cx + rx * outer) - box.x);
    box.h = std::max(1, ceilToInt(cy + ry * outer) - box.y);
    if (box.w > kSmallExactBox || box.h > kSmallExactBox) return false;
    out.box = box;
    out.coverage.resize(std::size_t(box.w) * std::size_t(box.h));

    CornerJob job;
    job.levels = levels, job.levelCount = levelCount;
    job.rx = rx, job.ry = ry;
    job.cols = box.w + 1, job.rows = box.h + 1;
    job.x0 = box.x - cx, job.y0 = box.y - cy;
    job.coverage = out.coverage.data();
    std::vector<double>& buf = t_scratch.lines;
    const std::size_t needed = cornerGridDoubles(job.cols, job.rows, levelCount) + kMaxLanes;
    if (buf.size() < needed) buf.resize(needed);  // never shrunk: regrowing would zero it
    job.memory = buf.data();
    job.memory +=
        (kMaxLanes - reinterpret_cast<std::uintptr_t>(job.memory) / sizeof(double) % kMaxLanes) %
        kMaxLanes;
    if (wideVectors())
        fillCornerGridWide(job);
    else
        fillCornerGridNarrow(job);
    return true;
}

// --- Ellipses at any angle: exact area of stacked polygons -----------------------------------

/// Adds polygon edges to a coverage buffer as signed areas (see the top of this file). Cell
/// (i, j) is pixel [i, i + 1) x [j, j + 1) of the box; coordinates are relative to the box.
/// Per row it records which cells the downward and the upward edges touched: on a convex
/// polygon (and on nested ones) those are the left and the right rim, and between them the
/// running sum is constant.
class AreaAccumulator {
public:
    AreaAccumulator(float* cells, int width, int height, int* spans)
        : m_cells(cells), m_w(width), m_h(height), m_spans(spans)
    {
        for (int j = 0; j < height; ++j) {
            int* s = spans + 4 * j;
            s[0] = s[2] = INT_MAX;
            s[1] = s[3] = INT_MIN;
        }
    }

    /// Adds the edge (x0, y0) -> (x1, y1) of a closed polygon, `weight` times. All coordinates
    /// are >= 0 (the box was floored from the vertices), so int() is floor() here.
    void addEdge(double x0, double y0, double x1, double y1, double weight)
    {
        if (y0 == y1) return;  // a horizontal edge changes no winding
        int side = 0;          // downward edges
        if (y1 < y0) {
            std::swap(x0, x1), std::swap(y0, y1);
            weight = -weight;
            side = 2;
        }
        const double xMin = std::min(x0, x1), xMax = std::max(x0, x1);
        const double dxdy = (x1 - x0) / (y1 - y0);
        int j = int(y0);
        double ya = y0, xa = x0;
        while (ya < y1 && j < m_h) {
            const double yb = std::min(y1, double(j + 1));
            // Clamped so that a nearly horizontal edge cannot overshoot its own ends.
            const double xb = yb == y1 ? x1 : std::clamp(x0 + (yb - y0) * dxdy, xMin, xMax);
            addPiece(j, xa, xb, (yb - ya) * weight, side);
            ya = yb, xa = xb;
            ++j;
        }
    }

    /// Turns the accumulated areas into coverage: a running sum along each row.
    void resolve()
    {
        for (int j = 0; j < m_h; ++j) {
            float* row = m_cells + std::size_t(j) * std::size_t(m_w);
            const int* s = m_spans + 4 * j;
            int lo1 = s[0], hi1 = s[1], lo2 = s[2], hi2 = s[3];
            if (lo1 > hi1) std::swap(lo1, lo2), std::swap(hi1, hi2);
            if (lo1 > hi1) continue;  // no edge in this row
            if (lo2 > hi2 || !(hi1 < lo2 || hi2 < lo1)) {
                // One run: only one rim, or the two rims share cells (top and bottom rows).
                prefix(row, std::min(lo1, lo2), std::max(hi1, hi2), 0.0f);
                continue;
            }
            if (lo2 < lo1) std::swap(lo1, lo2), std::swap(hi1, hi2);
            const float inside = prefix(row, lo1, hi1, 0.0f);
            std::fill(row + hi1 + 1, row + lo2, cover(inside));
            prefix(row, lo2, hi2, inside);
        }
    }

private:
    static float cover(float sum)
    {
        const float v = std::fabs(sum);
        return v < kSnap ? 0.0f : v > 1.0f - kSnap ? 1.0f : v;
    }

    float prefix(float* row, int lo, int hi, float running)
    {
        for (int i = lo; i <= hi; ++i) {
            running += row[i];
            row[i] = cover(running);
        }
        return running;
    }

    /// A piece of an edge inside row j, from x = xa to xb, of signed height dy. Cell i gets the
    /// part of the piece's trapezoid right of it; the cells after it get dy through cell i + 1.
    /// Columns past the last are never read (the running sum only looks left), so what would
    /// land there is dropped.
    void addPiece(int j, double xa, double xb, double dy, int side)
    {
        float* row = m_cells + std::size_t(j) * std::size_t(m_w);
        if (xa > xb) std::swap(xa, xb);  // the area right of a segment ignores its x direction
        const int iFirst = int(xa);
        const int iLast = std::min(int(xb), m_w - 1);
        int* s = m_spans + 4 * j + side;
        s[0] = std::min(s[0], iFirst);
        s[1] = std::max(s[1], std::min(iLast + 1, m_w - 1));
        if (iFirst >= m_w) return;
        if (iFirst == iLast || xb - xa < 1e-9) {        // the common case: a steep piece, one cell
            const double m = 0.5 * (xa + xb) - iFirst;  // mean x of the piece within its cell
            row[iFirst] += float(dy * (1 - m));
            if (iFirst + 1 < m_w) row[iFirst + 1] += float(dy * m);
            return;
        }
        // Split at column boundaries; each part's height is its share of the width, and a
        // part centred at m within its cell leaves dy (1 - m) there and dy m for the cells
        // after it (`carry`). Whole cells in between get half of theirs plus half of the
        // previous one's: dydx each.
        const double dydx = dy / (xb - xa);
        const double m0 = 0.5 * (xa - iFirst + 1);  // the first part spans xa .. iFirst + 1
        double part = (iFirst + 1 - xa) * dydx;
        row[iFirst] += float(part * (1 - m0));
        double carry = part * m0;
        if (iFirst + 1 < iLast) {
            row[iFirst + 1] += float(carry + 0.5 * dydx);
            const float whole = float(dydx);
            for (int i = iFirst + 2; i < iLast; ++i) row[i] += whole;
            carry = 0.5 * dydx;
        }
        part = (xb - iLast) * dydx;  // the last cell, which xb may leave partly uncovered
        const double m = 0.5 * (xb - iLast);
        row[iLast] += float(carry + part * (1 - m));
        carry = part * m;
        if (iLast + 1 < m_w) row[iLast + 1] += float(carry);
    }

    float* m_cells;
    int m_w, m_h;
    int* m_spans;
};

/// The regular n-gon on the unit circle, n a multiple of 4, built from one quadrant so that it
/// is exactly symmetric about both axes (a centred round dab then gives a symmetric mask).
void unitPolygon(int n)
{
    Scratch& sc = t_scratch;
    if (sc.vertexCount == n) return;
    sc.unitCos.resize(std::size_t(n));
    sc.unitSin.resize(std::size_t(n));
    const int q = n / 4;
    for (int k = 0; k < q; ++k) {
        const double phi = 2 * std::numbers::pi * k / n;
        const double c = std::cos(phi), s = std::sin(phi);
        const std::size_t i = std::size_t(k);
        sc.unitCos[i] = c, sc.unitSin[i] = s;
        sc.unitCos[i + q] = -s, sc.unitSin[i + q] = c;
        sc.unitCos[i + 2 * q] = -c, sc.unitSin[i + 2 * q] = -s;
        sc.unitCos[i + 3 * q] = s, sc.unitSin[i + 3 * q] = -c;
    }
    sc.vertexCount = n;
}

void rasterizeExact(const Ellipse& e, double cx, double cy, DabMask& out)
{
    const Level* levels = nullptr;
    const int levelCount = falloffLevels(e.hardness, e.a, levels);
    double outer = 0;
    for (int k = 0; k < levelCount; ++k) outer = std::max(outer, levels[k].scale);

    const double aOuter = e.a * outer;
    const int n = std::max(16, 4 * int(std::ceil(kVerticesPerSqrtPx * std::sqrt(aOuter) / 4)));
    unitPolygon(n);
    const double* uc = t_scratch.unitCos.data();
    const double* us = t_scratch.unitSin.data();
    // An inscribed n-gon has sin(2 pi / n) / (2 pi / n) of the ellipse's area; growing it by the
    // square root of the inverse makes the areas equal, so integrals do not depend on n.
    const double step = 2 * std::numbers::pi / n;
    const double grow = std::sqrt(step / std::sin(step));

    // Vertex k of level `scale`, relative to the dab centre.
    auto vertex = [&](int k, double scale, double& x, double& y) {
        const double u = e.a * scale * grow * uc[k], v = e.b * scale * grow * us[k];
        x = u * e.cosA - v * e.sinA;
        y = u * e.sinA + v * e.cosA;
    };

    double minX = INFINITY, maxX = -INFINITY, minY = INFINITY, maxY = -INFINITY;
    for (int k = 0; k < n; ++k) {
        double x, y;
        vertex(k, outer, x, y);
        minX = std::min(minX, cx + x), maxX = std::max(maxX, cx + x);
        minY = std::min(minY, cy + y), maxY = std::max(maxY, cy + y);
    }
    core::Rect box;
    box.x = int(std::floor(minX));
    box.y = int(std::floor(minY));
    box.w = std::max(1, int(std::ceil(maxX)) - box.x);
    box.h = std::max(1, int(std::ceil(maxY)) - box.y);
    out.box = box;
    out.coverage.assign(std::size_t(box.w) * std::size_t(box.h), 0.0f);
    t_scratch.rowSpans.resize(std::size_t(box.h) * 4);

    AreaAccumulator acc(out.coverage.data(), box.w, box.h, t_scratch.rowSpans.data());
    // Vertices relative to the box; every one is >= 0 because the box was floored from them.
    const double ox = cx - box.x, oy = cy - box.y;
    for (int l = 0; l < levelCount; ++l) {
        double px, py;
        vertex(n - 1, levels[l].scale, px, py);
        px += ox, py += oy;
        for (int k = 0; k < n; ++k) {
            double x, y;
            vertex(k, levels[l].scale, x, y);
            x += ox, y += oy;
            acc.addEdge(px, py, x, y, levels[l].weight);
            px = x, py = y;
        }
    }
    acc.resolve();
}

}  // namespace

double DabMask::sum() const
{
    double total = 0;
    for (float c : coverage) total += c;
    return total;
}

double dabFalloffMass(float hardness)
{
    // With s = h + (1 - h) t, -f'(s) ds = 6 t (1 - t) dt, whose mean t is 1/2 and mean t^2 is
    // 3/10; the mass is the mean of s^2.
    const double h = std::isnan(hardness) ? 1.0 : std::clamp(double(hardness), 0.0, 1.0);
    return h + 0.3 * (1 - h) * (1 - h);
}

void rasterizeDab(const DabShape& shape, double cx, double cy, DabMask& out)
{
    const Ellipse e = makeEllipse(shape);
    if (e.hardness < 1 && e.b * (1 - e.hardness) >= kResolvedFalloff) {
        if (!rasterizeSampledSmall(e, cx, cy, out)) rasterizeSampled(e, cx, cy, out);
        return;
    }
    const bool axisAligned = e.a == e.b || e.sinA == 0 || e.cosA == 0;
    if (axisAligned) {
        const Level* levels = nullptr;
        const int levelCount = falloffLevels(e.hardness, e.a, levels);
        const double rx = e.sinA == 0 ? e.a : e.b, ry = e.sinA == 0 ? e.b : e.a;
        if (rasterizeAxisAligned(rx, ry, levels, levelCount, cx, cy, out)) return;
    }
    rasterizeExact(e, cx, cy, out);
}

}  // namespace signe::brushes
