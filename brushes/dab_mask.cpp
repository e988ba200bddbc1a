// SPDX-License-Identifier: GPL-3.0-or-later
#include "brushes/dab_mask.h"

#include <algorithm>
#include <climits>
#include <cmath>
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
//
// - Everything else (hard edges, near-hard edges, small dabs): f is written as a weighted stack
//   of hard ellipses, f(d) = integral over s of [d <= s] * (-f'(s)) ds, sampled at a few radii s
//   (one for a hard dab). Each ellipse is a fine polygon (chords within 0.01 px, scaled so its
//   area is exactly the ellipse's) whose exact pixel coverage comes from signed-area
//   accumulation, the way font rasterisers do it: each edge adds, to the cells it crosses, the
//   part of the cell to its right, and a running sum along the row turns that into area. Only
//   the cells an edge crosses are touched; the inside of each row is one fill. So coverage is
//   exact up to the polygon, continuous in sub-pixel position, and its sum is pi a b to within
//   float rounding at any size down to a fraction of a pixel.
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
/// Hard ellipses stacked to draw a narrow falloff: one per half pixel of falloff, within bounds.
constexpr int kMinLevels = 3;
constexpr int kMaxLevels = 32;
/// Polygon vertices per sqrt(pixel) of major radius: the chord of an arc of angle dphi on a
/// radius-a ellipse strays a * dphi^2 / 8 from it, 0.02 px here (+-0.01 after the area scaling).
constexpr double kVerticesPerSqrtPx = 15.7;
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
    double angle =
        std::isfinite(shape.angleDegrees) ? std::fmod(double(shape.angleDegrees), 180.0) : 0.0;
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
};
thread_local Scratch t_scratch;

/// Exact max(x, 0) with no comparison: x + |x| is 2x or 0, and halving is exact. Keeps GCC from
/// turning the clamps into branches (it will not if-convert a float compare while trapping math
/// is on, the default), which would stop it vectorising the row loop.
inline float relu(float x)
{
    return 0.5f * (x + std::fabs(x));
}

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

// --- Soft dabs: one sample per pixel --------------------------------------------------------

void rasterizeSampled(const Ellipse& e, double cx, double cy, DabMask& out)
{
    // Only pixels whose centre lies inside the ellipse can be non-zero. Find them row by row
    // first, so that the box has no empty border.
    const double ey = std::sqrt(e.a * e.a * e.sinA * e.sinA + e.b * e.b * e.cosA * e.cosA);
    const int yFirst = int(std::ceil(cy - ey - 0.5));
    const int yLast = int(std::floor(cy + ey - 0.5));
    std::vector<int>& spans = t_scratch.rowSpans;
    spans.assign(std::size_t(std::max(0, yLast - yFirst + 1)) * 2, 0);
    int top = INT_MAX, bottom = INT_MIN, left = INT_MAX, right = INT_MIN;
    for (int y = yFirst; y <= yLast; ++y) {
        double mid, half;
        e.chord(y + 0.5 - cy, 1.0, mid, half);
        const int lo = int(std::ceil(cx + mid - half - 0.5));
        const int hi = int(std::floor(cx + mid + half - 0.5));
        int* span = &spans[std::size_t(y - yFirst) * 2];
        span[0] = lo, span[1] = hi;
        if (half < 0 || lo > hi) continue;
        top = std::min(top, y), bottom = std::max(bottom, y);
        left = std::min(left, lo), right = std::max(right, hi);
    }
    if (top > bottom) {  // no pixel centre inside: cannot happen with a minor radius >= 2
        out.box = {int(std::floor(cx)), int(std::floor(cy)), 1, 1};
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
            fillBegin = up(int(std::ceil(cx + mid - half - 0.5 + 1e-3)) - left);
            fillEnd = down(int(std::floor(cx + mid + half - 0.5 - 1e-3)) - left + 1);
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

// --- Hard and narrow edges: exact area of stacked polygons ----------------------------------

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

/// The falloff as hard ellipses: scale s of the ellipse (radii s a, s b) and its weight.
struct Level {
    double scale;
    double weight;
};

/// Splits f into hard ellipses (see the top of the file): scales s_k = h + (1 - h) t_k at the
/// midpoints t_k of `count` equal steps, weighted by -f'(s_k) ~ t_k (1 - t_k) and normalised to
/// sum 1, then all scaled by one factor so that the stack's area matches f's integral exactly.
int falloffLevels(double h, double majorRadius, Level* levels)
{
    const double mass = dabFalloffMass(float(h));
    const double width = majorRadius * (1 - h);
    if (width <= kThinFalloff) {
        levels[0] = {std::sqrt(mass), 1.0};
        return 1;
    }
    const int count = std::clamp(int(std::ceil(2 * width)), kMinLevels, kMaxLevels);
    double total = 0, area = 0;
    for (int k = 0; k < count; ++k) {
        const double t = (k + 0.5) / count;
        levels[k] = {h + (1 - h) * t, t * (1 - t)};
        total += levels[k].weight;
    }
    for (int k = 0; k < count; ++k) {
        levels[k].weight /= total;
        area += levels[k].weight * levels[k].scale * levels[k].scale;
    }
    const double fix = std::sqrt(mass / area);
    for (int k = 0; k < count; ++k) levels[k].scale *= fix;
    return count;
}

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
    Level levels[kMaxLevels];
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
    if (e.hardness < 1 && e.b * (1 - e.hardness) >= kResolvedFalloff)
        rasterizeSampled(e, cx, cy, out);
    else
        rasterizeExact(e, cx, cy, out);
}

}  // namespace signe::brushes
