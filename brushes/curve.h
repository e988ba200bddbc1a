// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <cstddef>
#include <initializer_list>
#include <span>
#include <vector>

#include "core/result.h"

namespace signe::brushes {

/// One control point of a Curve: input x maps to output y.
struct CurvePoint {
    float x = 0.0f;
    float y = 0.0f;
    friend bool operator==(const CurvePoint&, const CurvePoint&) = default;
};

/// A function of one input through control points, used by dynamics (input -> factor).
/// Immutable once made, so one Curve may be evaluated from several threads at once.
///
///     auto curve = Curve::make({{0, 0.2f}, {1, 1}}, Curve::Interpolation::Smooth);
///     if (!curve) return tl::unexpected(curve.error());
///     float factor = curve->eval(pressure);
class Curve {
public:
    enum class Interpolation {
        Linear,  ///< straight segments between points
        Smooth,  ///< monotone cubic (Fritsch-Carlson): through every point, never overshooting
    };

    static constexpr std::size_t kMinPoints = 2;
    static constexpr std::size_t kMaxPoints = 64;
    /// Coordinates are limited so that differences and slopes stay finite in float.
    static constexpr float kMaxCoordinate = 1.0e6f;

    /// y = x on [0, 1], clamped outside: a dynamic with this curve passes a 0..1 input through.
    Curve();
    static Curve identity() { return Curve(); }

    /// Validates and precomputes. Points need strictly increasing x, finite coordinates within
    /// +-kMaxCoordinate, and kMinPoints..kMaxPoints of them; the error names the offending point
    /// by its 0-based index.
    static core::Result<Curve> make(std::span<const CurvePoint> points,
                                    Interpolation interpolation = Interpolation::Linear);
    static core::Result<Curve> make(std::initializer_list<CurvePoint> points,
                                    Interpolation interpolation = Interpolation::Linear)
    {
        return make(std::span<const CurvePoint>(points.begin(), points.size()), interpolation);
    }

    /// The curve at x. x is clamped to [first x, last x], so the end points extend flat;
    /// NaN is treated as the first point's x. Cost: a binary search over the points plus a
    /// cubic; no allocation.
    float eval(float x) const;

    const std::vector<CurvePoint>& points() const { return m_points; }
    Interpolation interpolation() const { return m_interpolation; }

    /// Same points and interpolation (the precomputed tangents follow from those).
    friend bool operator==(const Curve& a, const Curve& b)
    {
        return a.m_interpolation == b.m_interpolation && a.m_points == b.m_points;
    }

private:
    Curve(std::vector<CurvePoint> points, Interpolation interpolation);

    std::vector<CurvePoint> m_points;
    /// Smooth only: for segment i, the Hermite tangents at its left and right ends already
    /// multiplied by the segment's width (so eval needs no division by a tiny width).
    std::vector<float> m_leftTangent;
    std::vector<float> m_rightTangent;
    Interpolation m_interpolation = Interpolation::Linear;
};

}  // namespace signe::brushes
