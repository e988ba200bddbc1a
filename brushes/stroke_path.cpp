// SPDX-License-Identifier: GPL-3.0-or-later
#include "brushes/stroke_path.h"

#include <algorithm>
#include <array>
#include <cassert>
#include <cmath>

namespace signe::brushes {

namespace {

struct Vec {
    double x = 0, y = 0;
};
Vec operator+(Vec a, Vec b)
{
    return {a.x + b.x, a.y + b.y};
}
Vec operator-(Vec a, Vec b)
{
    return {a.x - b.x, a.y - b.y};
}
Vec operator*(double s, Vec a)
{
    return {s * a.x, s * a.y};
}
double dot(Vec a, Vec b)
{
    return a.x * b.x + a.y * b.y;
}
// Not hypot: it guards against overflow we cannot reach (|coordinates| <= 1e7 or so) at several
// times the cost, in the innermost loop.
double norm(Vec a)
{
    return std::sqrt(a.x * a.x + a.y * a.y);
}

double lerp(double a, double b, double u)
{
    return a + (b - a) * u;
}

/// Below this elapsed time (s) distance accumulates before speed is updated, so events with
/// equal timestamps (a mouse at 1 ms resolution) do not read as infinitely fast.
constexpr double kMinSpeedInterval = 1e-4;

/// `q` mirrored across the perpendicular bisector of a-b: the stand-in for the neighbour a
/// stroke end lacks. It keeps distances to the segment, so points on a circle stay on it.
Vec mirror(Vec q, Vec a, Vec b)
{
    const Vec ab = b - a;
    const double len2 = dot(ab, ab);
    const Vec mid = 0.5 * (a + b);
    return q - (2 * dot(q - mid, ab) / len2) * ab;
}

/// One cubic segment of the centripetal Catmull-Rom spline through p0..p3, from p1 to p2,
/// with arc length tabulated for placing dabs. Positions are kept relative to p1 so huge
/// canvas coordinates lose no precision in the polynomial.
using ArcPiece = StrokePath::ArcPiece;

class Segment {
public:
    /// `pieces` is storage for the arc-length table, reused from segment to segment.
    Segment(Vec p0, Vec p1, Vec p2, Vec p3, std::vector<ArcPiece>& pieces)
        : m_origin(p1), m_pieces(pieces)
    {
        m_pieces.clear();
        // Hermite tangents of the centripetal parametrisation (knot intervals sqrt(chord)),
        // rescaled to the segment parameter u in 0..1. Consecutive points are distinct, so
        // no interval is zero.
        const double d0 = std::sqrt(norm(p1 - p0));
        const double d1 = std::sqrt(norm(p2 - p1));
        const double d2 = std::sqrt(norm(p3 - p2));
        const Vec m1 =
            d1 * ((1 / d0) * (p1 - p0) - (1 / (d0 + d1)) * (p2 - p0) + (1 / d1) * (p2 - p1));
        const Vec m2 =
            d1 * ((1 / d1) * (p2 - p1) - (1 / (d1 + d2)) * (p3 - p1) + (1 / d2) * (p3 - p2));
        const Vec end = p2 - p1;
        m_c1 = m1;
        m_c2 = 3 * end - 2 * m1 - m2;
        m_c3 = -2 * end + m1 + m2;
        m_chord = norm(end);
        tabulate();
    }

    double length() const { return m_length; }

    Vec point(double u) const { return m_origin + u * (m_c1 + u * (m_c2 + u * m_c3)); }

    /// Direction of travel at u, radians; the chord's where the curve momentarily stops.
    double direction(double u) const
    {
        Vec d = derivative(u);
        if (norm(d) <= 1e-12 * m_chord) d = point(1) - m_origin;
        return std::atan2(d.y, d.x);
    }

    /// The parameter at arc length s from the start. Calls must come in increasing s: a
    /// cursor walks the table instead of searching it.
    double paramAt(double s)
    {
        while (m_cursor + 1 < m_pieces.size() && m_pieces[m_cursor].s1 < s) {
            ++m_cursor;
            m_fromU = m_pieces[m_cursor].u0;
            m_fromS = m_pieces[m_cursor].s0;
        }
        const ArcPiece& p = m_pieces[m_cursor];
        if (s <= m_fromS) return m_fromU;
        if (s >= p.s1) return p.u1;
        // Newton on arcLength(from, u) = s - fromS, measured from the previous answer in this
        // piece (short, accurate integrals) and kept inside a shrinking bracket: the speed can
        // dip near zero on a tight turn, where a plain Newton step would fly off. The first
        // guess inverts the arc length's Taylor series to second order, which on dense dabs
        // is usually within the tolerance already; a step whose own error (about
        // |speed'| / 2 * step^2) is far below the tolerance is taken without measuring again.
        const double want = s - m_fromS;
        const double tolerance = 1e-12 * (1 + m_length);
        double lo = m_fromU, hi = p.u1;
        double u = lerp(m_fromU, p.u1, want / (p.s1 - m_fromS));
        const Vec d0 = derivative(m_fromU);
        if (const double speed0 = norm(d0); speed0 > 0) {
            const double accel = dot(d0, secondDerivative(m_fromU)) / speed0;
            const double guess =
                m_fromU + want / speed0 - accel * want * want / (2 * speed0 * speed0 * speed0);
            if (guess > lo && guess < hi) u = guess;
        }
        for (int i = 0; i < 60; ++i) {
            const double f = gauss(m_fromU, u) - want;
            if (std::abs(f) <= tolerance) break;
            (f < 0 ? lo : hi) = u;
            const Vec d = derivative(u);
            const double speed = norm(d);
            const double step = speed > 0 ? f / speed : 0.0;
            const double newton = u - step;
            const bool safe = speed > 0 && newton > lo && newton < hi;
            const double next = safe ? newton : 0.5 * (lo + hi);
            if (next == u) break;
            const bool done =
                safe && std::abs(step) < 1e-3 &&
                std::abs(dot(d, secondDerivative(u))) / speed * step * step <= 0.1 * tolerance;
            u = next;
            if (done) break;
        }
        m_fromU = u;
        m_fromS = s;
        return u;
    }

private:
    Vec derivative(double u) const { return m_c1 + u * (2 * m_c2 + (3 * u) * m_c3); }
    Vec secondDerivative(double u) const { return 2 * m_c2 + (6 * u) * m_c3; }

    /// Arc length from u0 to u1 by 5-point Gauss-Legendre quadrature.
    double gauss(double u0, double u1) const
    {
        static constexpr std::array<double, 5> kNodes = {
            0.0, -0.5384693101056831, 0.5384693101056831, -0.9061798459386640, 0.9061798459386640};
        static constexpr std::array<double, 5> kWeights = {0.5688888888888889, 0.4786286704993665,
                                                           0.4786286704993665, 0.2369268850561891,
                                                           0.2369268850561891};
        const double half = 0.5 * (u1 - u0), mid = 0.5 * (u0 + u1);
        double sum = 0;
        for (std::size_t i = 0; i < kNodes.size(); ++i)
            sum += kWeights[i] * norm(derivative(mid + half * kNodes[i]));
        return sum * half;
    }

    void tabulate()
    {
        // The speed along a cubic is smooth except near a stop, so a few pieces suffice on
        // most segments and halving concentrates them where it matters. The depth cap bounds
        // the table (4 * 2^12 pieces) on pathological input.
        constexpr int kStartPieces = 4;
        const double tolerance = 1e-12 * (1 + m_chord);
        for (int i = 0; i < kStartPieces; ++i) {
            const double u0 = double(i) / kStartPieces, u1 = double(i + 1) / kStartPieces;
            refine(u0, u1, gauss(u0, u1), 0, tolerance);
        }
        m_length = m_pieces.back().s1;
        m_fromU = 0;
        m_fromS = 0;
    }

    void refine(double u0, double u1, double whole, int depth, double tolerance)
    {
        constexpr int kMaxDepth = 12;
        const double mid = 0.5 * (u0 + u1);
        const double left = gauss(u0, mid), right = gauss(mid, u1);
        if (depth >= kMaxDepth || std::abs(left + right - whole) <= tolerance) {
            const double s0 = m_pieces.empty() ? 0.0 : m_pieces.back().s1;
            m_pieces.push_back(ArcPiece{u0, mid, s0, s0 + left});
            m_pieces.push_back(ArcPiece{mid, u1, s0 + left, s0 + left + right});
            return;
        }
        refine(u0, mid, left, depth + 1, tolerance);
        refine(mid, u1, right, depth + 1, tolerance);
    }

    Vec m_origin, m_c1, m_c2, m_c3;
    double m_chord = 0;
    double m_length = 0;
    std::vector<ArcPiece>& m_pieces;
    std::size_t m_cursor = 0;         // the piece paramAt() last answered in
    double m_fromU = 0, m_fromS = 0;  // and its answer there
};

double clampSpacing(double spacing)
{
    if (!(spacing >= StrokePath::kMinSpacing)) return StrokePath::kMinSpacing;  // also NaN
    return std::min(spacing, StrokePath::kMaxSpacing);
}

bool isFinite(const InputEvent& e)
{
    return std::isfinite(e.t) && std::isfinite(e.x) && std::isfinite(e.y) &&
           std::isfinite(e.pressure) && std::isfinite(e.xtilt) && std::isfinite(e.ytilt) &&
           std::isfinite(e.rotation);
}

}  // namespace

StrokePath::Knot StrokePath::knotFor(const InputEvent& e) const
{
    Knot k;
    k.x = e.x;
    k.y = e.y;
    k.t = m_active ? std::max(e.t, m_lastT) : e.t;
    k.pressure = std::clamp(double(e.pressure), 0.0, 1.0);
    k.xtilt = std::clamp(double(e.xtilt), -1.0, 1.0);
    k.ytilt = std::clamp(double(e.ytilt), -1.0, 1.0);
    // Unwrapped against the previous event: 179 -> -179 degrees turns 2 degrees, not 358.
    k.rotation = m_active ? m_lastRotation + std::remainder(e.rotation - m_lastRotation, 360.0)
                          : double(e.rotation);
    k.speed = m_speed;
    return k;
}

void StrokePath::placeDab(const PathSample& sample, const DabFn& dab)
{
    ++m_dabs;
    m_lastDab = sample;
    if (dab) dab(sample);
}

void StrokePath::begin(const InputEvent& e, const DabFn& dab)
{
    m_active = false;
    m_knots.clear();
    m_speed = 0;
    m_speedDistance = 0;
    m_distance = 0;
    m_toNextKnown = false;
    m_toNext = 0;
    m_dabs = 0;
    if (!isFinite(e)) return;  // the stroke begins with the first usable event instead

    const Knot k = knotFor(e);
    m_knots.push_back(k);
    m_active = true;
    m_lastX = k.x;
    m_lastY = k.y;
    m_lastT = k.t;
    m_lastRotation = k.rotation;
    m_speedSince = k.t;

    PathSample s;
    s.x = k.x;
    s.y = k.y;
    s.pressure = float(k.pressure);
    s.xtilt = float(k.xtilt);
    s.ytilt = float(k.ytilt);
    s.rotation = float(std::remainder(k.rotation, 360.0));
    s.t = k.t;
    m_firstWaiting = false;
    if (m_directionNeeded) {
        m_first = s;  // emitted by the first segment, or by end()
        m_lastDab = s;
        m_firstWaiting = true;
        return;
    }
    placeDab(s, dab);
}

void StrokePath::add(const InputEvent& e, const SpacingFn& spacing, const DabFn& dab)
{
    assert(spacing && "StrokePath::add needs a spacing function");
    if (!isFinite(e)) return;
    if (!m_active) {
        begin(e, dab);
        return;
    }

    // Speed: distance over time between events, smoothed by an exponential in time, so the
    // same motion gives the same speed whatever the event rate.
    const double t = std::max(e.t, m_lastT);
    m_speedDistance += std::hypot(e.x - m_lastX, e.y - m_lastY);
    const double dt = t - m_speedSince;
    if (dt >= kMinSpeedInterval) {
        const double instant = m_speedDistance / dt;
        m_speed += (instant - m_speed) * -std::expm1(-dt / kSpeedTimeConstant);
        m_speedSince = t;
        m_speedDistance = 0;
    }

    const Knot k = knotFor(e);
    m_lastX = k.x;
    m_lastY = k.y;
    m_lastT = k.t;
    m_lastRotation = k.rotation;

    Knot& last = m_knots.back();
    if (std::hypot(k.x - last.x, k.y - last.y) < kDuplicateDistance) {
        // Same place: no new segment, but the pen's latest state there is what counts.
        const double x = last.x, y = last.y;
        last = k;
        last.x = x;
        last.y = y;
        return;
    }
    m_knots.push_back(k);
    if (m_knots.size() > 4) m_knots.erase(m_knots.begin());
    const std::size_t n = m_knots.size();
    if (n < 3) return;  // the first segment waits for its end tangent
    const Knot* before = n == 4 ? &m_knots[0] : nullptr;
    drawSegment(before, m_knots[n - 3], m_knots[n - 2], &m_knots[n - 1], spacing, dab);
}

void StrokePath::end(const SpacingFn& spacing, const DabFn& dab)
{
    assert(spacing && "StrokePath::end needs a spacing function");
    const std::size_t n = m_knots.size();
    if (m_active && n >= 2) {
        const Knot* before = n >= 3 ? &m_knots[n - 3] : nullptr;
        drawSegment(before, m_knots[n - 2], m_knots[n - 1], nullptr, spacing, dab);
    }
    if (m_firstWaiting) placeDab(m_first, dab);  // a stroke with no segment: a single dab
    m_firstWaiting = false;
    m_active = false;
    m_knots.clear();
}

void StrokePath::drawSegment(const Knot* before, const Knot& a, const Knot& b, const Knot* after,
                             const SpacingFn& spacing, const DabFn& dab)
{
    const Vec pa{a.x, a.y}, pb{b.x, b.y};
    // A missing neighbour mirrors the other one; with neither, the segment is straight.
    Vec p0 = before ? Vec{before->x, before->y} : Vec{};
    Vec p3 = after ? Vec{after->x, after->y} : Vec{};
    if (!before) p0 = mirror(after ? p3 : 2 * pb - pa, pa, pb);
    if (!after) p3 = mirror(before ? p0 : 2 * pa - pb, pa, pb);
    Segment segment(p0, pa, pb, p3, m_arcTable);
    const double len = segment.length();
    if (m_firstWaiting) {
        m_first.direction = float(segment.direction(0));
        m_firstWaiting = false;
        placeDab(m_first, dab);
    }

    if (!m_toNextKnown) {
        m_toNext = clampSpacing(spacing(m_lastDab));
        m_toNextKnown = true;
    }
    // A dab landing on the segment's end within rounding belongs to this segment, so joints
    // at exact multiples of the spacing (a line split at whole pixels) neither drop nor
    // double a dab.
    const double slack = 1e-9 * std::max(1.0, len);
    double at = 0;
    int placed = 0;
    while (at + m_toNext <= len + slack) {
        at = std::min(at + m_toNext, len);
        const double f = len > 0 ? at / len : 1.0;
        const double u = segment.paramAt(at);
        const Vec p = segment.point(u);
        PathSample s;
        s.x = p.x;
        s.y = p.y;
        s.pressure = float(std::clamp(lerp(a.pressure, b.pressure, f), 0.0, 1.0));
        s.xtilt = float(std::clamp(lerp(a.xtilt, b.xtilt, f), -1.0, 1.0));
        s.ytilt = float(std::clamp(lerp(a.ytilt, b.ytilt, f), -1.0, 1.0));
        // remainder() is the identity on [-180, 180]: only pay for it outside.
        const double rotation = lerp(a.rotation, b.rotation, f);
        s.rotation =
            float(std::abs(rotation) <= 180.0 ? rotation : std::remainder(rotation, 360.0));
        s.t = lerp(a.t, b.t, f);
        s.distance = m_distance + at;
        if (m_directionNeeded) s.direction = float(segment.direction(u));
        s.speed = float(lerp(a.speed, b.speed, f));
        placeDab(s, dab);
        m_toNext = clampSpacing(spacing(s));
        if (++placed >= kMaxDabsPerSegment) {
            at = len;  // documented: skip the rest of a glitch-sized segment
            break;
        }
    }
    m_toNext -= len - at;
    m_distance += len;
}

}  // namespace signe::brushes
