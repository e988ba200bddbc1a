// SPDX-License-Identifier: GPL-3.0-or-later
#include "brushes/curve.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <string>

namespace signe::brushes {

namespace {

/// Shortest text that reads back as the same float ("0.5", not "0.500000").
std::string format(float v)
{
    char buf[32];
    const auto end = std::to_chars(buf, buf + sizeof buf, v).ptr;
    return std::string(buf, end);
}

std::string describe(std::size_t index, CurvePoint p)
{
    return "curve point " + std::to_string(index) + " (" + format(p.x) + ", " + format(p.y) + ")";
}

bool withinLimits(float v)
{
    return std::isfinite(v) && std::fabs(v) <= Curve::kMaxCoordinate;
}

}  // namespace

Curve::Curve() : Curve({{0.0f, 0.0f}, {1.0f, 1.0f}}, Interpolation::Linear) {}

core::Result<Curve> Curve::make(std::span<const CurvePoint> points, Interpolation interpolation)
{
    using core::ErrorCode;
    if (points.size() < kMinPoints || points.size() > kMaxPoints)
        return core::fail(ErrorCode::InvalidArgument,
                          "a curve needs " + std::to_string(kMinPoints) + " to " +
                              std::to_string(kMaxPoints) + " points, got " +
                              std::to_string(points.size()));
    for (std::size_t i = 0; i < points.size(); ++i) {
        const CurvePoint p = points[i];
        if (!withinLimits(p.x) || !withinLimits(p.y))
            return core::fail(ErrorCode::InvalidArgument,
                              describe(i, p) + ": coordinates must be finite and within +-1e6");
        // Equal x would make a vertical step, which has no single value at that x.
        if (i > 0 && !(p.x > points[i - 1].x))
            return core::fail(ErrorCode::InvalidArgument,
                              describe(i, p) + ": x must be greater than the previous point's x (" +
                                  format(points[i - 1].x) + ")");
    }
    return Curve(std::vector<CurvePoint>(points.begin(), points.end()), interpolation);
}

Curve::Curve(std::vector<CurvePoint> points, Interpolation interpolation)
    : m_points(std::move(points)), m_interpolation(interpolation)
{
    if (m_interpolation != Interpolation::Smooth) return;

    // Fritsch-Carlson monotone cubic. Work in double: x gaps may be tiny, so slopes can be huge
    // even though slope * width (what eval uses) is bounded by 3 * |dy|.
    const std::size_t n = m_points.size();
    std::vector<double> slope(n - 1);
    for (std::size_t i = 0; i + 1 < n; ++i)
        slope[i] = (double(m_points[i + 1].y) - m_points[i].y) /
                   (double(m_points[i + 1].x) - m_points[i].x);

    std::vector<double> tangent(n);
    tangent[0] = slope[0];
    tangent[n - 1] = slope[n - 2];
    for (std::size_t i = 1; i + 1 < n; ++i) {
        // A point where the data turns (or is flat on one side) gets a flat tangent, which is
        // what keeps the curve from rising above a peak or dipping below a valley.
        tangent[i] = slope[i - 1] * slope[i] <= 0.0 ? 0.0 : 0.5 * (slope[i - 1] + slope[i]);
    }

    // Tangent pairs outside the circle of radius 3 (in units of the segment slope) can make a
    // segment overshoot; scale them back onto it, segment by segment.
    for (std::size_t i = 0; i + 1 < n; ++i) {
        if (slope[i] == 0.0) {
            tangent[i] = 0.0;
            tangent[i + 1] = 0.0;
            continue;
        }
        const double a = tangent[i] / slope[i];
        const double b = tangent[i + 1] / slope[i];
        const double r2 = a * a + b * b;
        if (r2 > 9.0) {
            const double tau = 3.0 / std::sqrt(r2);
            tangent[i] = tau * a * slope[i];
            tangent[i + 1] = tau * b * slope[i];
        }
    }

    m_leftTangent.resize(n - 1);
    m_rightTangent.resize(n - 1);
    for (std::size_t i = 0; i + 1 < n; ++i) {
        const double width = double(m_points[i + 1].x) - m_points[i].x;
        m_leftTangent[i] = float(tangent[i] * width);
        m_rightTangent[i] = float(tangent[i + 1] * width);
    }
}

float Curve::eval(float x) const
{
    const CurvePoint& first = m_points.front();
    const CurvePoint& last = m_points.back();
    if (!(x > first.x)) return first.y;  // also catches NaN
    if (x >= last.x) return last.y;

    // The first point whose x is greater than x ends the segment; both ends exist here.
    const auto it = std::upper_bound(m_points.begin(), m_points.end(), x,
                                     [](float v, const CurvePoint& p) { return v < p.x; });
    const std::size_t i = std::size_t(it - m_points.begin()) - 1;
    const CurvePoint& p0 = m_points[i];
    const CurvePoint& p1 = m_points[i + 1];
    const float t = std::clamp((x - p0.x) / (p1.x - p0.x), 0.0f, 1.0f);

    if (m_interpolation == Interpolation::Linear) return p0.y + (p1.y - p0.y) * t;

    // Cubic Hermite basis.
    const float t2 = t * t;
    const float t3 = t2 * t;
    const float h00 = 2 * t3 - 3 * t2 + 1;
    const float h10 = t3 - 2 * t2 + t;
    const float h01 = -2 * t3 + 3 * t2;
    const float h11 = t3 - t2;
    const float y = h00 * p0.y + h10 * m_leftTangent[i] + h01 * p1.y + h11 * m_rightTangent[i];
    // Rounding can step a hair past the segment's ends; the model promises it never does.
    return std::clamp(y, std::min(p0.y, p1.y), std::max(p0.y, p1.y));
}

}  // namespace signe::brushes
