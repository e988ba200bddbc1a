// SPDX-License-Identifier: GPL-3.0-or-later
#include "brushes/curve.h"

#include <gtest/gtest.h>

#include <cmath>
#include <limits>
#include <vector>

using namespace signe;
using brushes::Curve;
using brushes::CurvePoint;
using Interp = brushes::Curve::Interpolation;

namespace {

Curve mustMake(std::vector<CurvePoint> points, Interp interpolation)
{
    auto curve = Curve::make(points, interpolation);
    EXPECT_TRUE(curve.has_value()) << curve.error().message;
    return curve ? *curve : Curve::identity();
}

std::string errorOf(std::vector<CurvePoint> points, Interp interpolation = Interp::Linear)
{
    auto curve = Curve::make(points, interpolation);
    EXPECT_FALSE(curve.has_value());
    return curve ? std::string() : curve.error().message;
}

}  // namespace

TEST(Curve, IdentityPassesZeroToOneThroughAndClampsOutside)
{
    const Curve c = Curve::identity();
    EXPECT_FLOAT_EQ(c.eval(0.0f), 0.0f);
    EXPECT_FLOAT_EQ(c.eval(0.25f), 0.25f);
    EXPECT_FLOAT_EQ(c.eval(1.0f), 1.0f);
    EXPECT_FLOAT_EQ(c.eval(-3.0f), 0.0f);
    EXPECT_FLOAT_EQ(c.eval(7.0f), 1.0f);
    EXPECT_EQ(c, Curve());
}

TEST(Curve, LinearIsExactAtAndBetweenPoints)
{
    const Curve c = mustMake({{0, 0.2f}, {0.5f, 1.0f}, {2, 0}}, Interp::Linear);
    EXPECT_FLOAT_EQ(c.eval(0.0f), 0.2f);
    EXPECT_FLOAT_EQ(c.eval(0.5f), 1.0f);
    EXPECT_FLOAT_EQ(c.eval(2.0f), 0.0f);
    EXPECT_FLOAT_EQ(c.eval(0.25f), 0.6f);
    EXPECT_FLOAT_EQ(c.eval(1.25f), 0.5f);
    EXPECT_FLOAT_EQ(c.eval(1.0f), 2.0f / 3.0f);
}

TEST(Curve, ClampsInputToTheEndPoints)
{
    for (Interp interp : {Interp::Linear, Interp::Smooth}) {
        const Curve c = mustMake({{10, 3}, {20, 5}, {30, 4}}, interp);
        EXPECT_FLOAT_EQ(c.eval(-1e30f), 3.0f);
        EXPECT_FLOAT_EQ(c.eval(9.99f), 3.0f);
        EXPECT_FLOAT_EQ(c.eval(30.01f), 4.0f);
        EXPECT_FLOAT_EQ(c.eval(std::numeric_limits<float>::infinity()), 4.0f);
        EXPECT_FLOAT_EQ(c.eval(-std::numeric_limits<float>::infinity()), 3.0f);
        EXPECT_FLOAT_EQ(c.eval(std::numeric_limits<float>::quiet_NaN()), 3.0f);
    }
}

TEST(Curve, SmoothPassesThroughEveryPoint)
{
    const std::vector<CurvePoint> points = {
        {0, 0}, {0.2f, 0.7f}, {0.5f, 0.75f}, {0.6f, 0.1f}, {1, 1}};
    const Curve c = mustMake(points, Interp::Smooth);
    for (const CurvePoint& p : points) EXPECT_NEAR(c.eval(p.x), p.y, 1e-6f) << "at x = " << p.x;
}

TEST(Curve, SmoothWithTwoPointsIsTheStraightLine)
{
    const Curve c = mustMake({{0, 1}, {4, 3}}, Interp::Smooth);
    for (float x = 0; x <= 4; x += 0.125f) EXPECT_NEAR(c.eval(x), 1 + x / 2, 1e-5f);
}

TEST(Curve, SmoothIsMonotoneBetweenMonotonePoints)
{
    // Steep then flat data: a plain cubic spline dips and overshoots here.
    const Curve c =
        mustMake({{0, 0}, {0.1f, 0.9f}, {0.2f, 1.0f}, {0.9f, 1.0f}, {1, 1}}, Interp::Smooth);
    float previous = c.eval(0.0f);
    for (int i = 1; i <= 10000; ++i) {
        const float y = c.eval(float(i) / 10000.0f);
        EXPECT_GE(y, previous) << "at x = " << float(i) / 10000.0f;
        EXPECT_LE(y, 1.0f);
        previous = y;
    }
    // And on the flat run it stays exactly flat.
    EXPECT_FLOAT_EQ(c.eval(0.55f), 1.0f);
}

TEST(Curve, SmoothNeverOvershootsAnySegment)
{
    // Each segment is monotone from one point to the next (which the range check alone would
    // not show, since eval also clamps to the segment's range as a guard against rounding).
    const std::vector<CurvePoint> points = {{0, 0.5f},    {0.1f, 0.0f},  {0.15f, 1.0f},
                                            {0.5f, 0.9f}, {0.55f, 0.0f}, {0.8f, 0.3f},
                                            {1, 0.3f}};
    const Curve c = mustMake(points, Interp::Smooth);
    for (std::size_t i = 0; i + 1 < points.size(); ++i) {
        const float lo = std::min(points[i].y, points[i + 1].y);
        const float hi = std::max(points[i].y, points[i + 1].y);
        const bool rising = points[i + 1].y >= points[i].y;
        float previous = points[i].y;
        for (int k = 0; k <= 200; ++k) {
            const float x = points[i].x + (points[i + 1].x - points[i].x) * float(k) / 200.0f;
            const float y = c.eval(x);
            EXPECT_GE(y, lo) << "segment " << i << " x = " << x;
            EXPECT_LE(y, hi) << "segment " << i << " x = " << x;
            if (rising)
                EXPECT_GE(y, previous - 1e-6f) << "segment " << i << " x = " << x;
            else
                EXPECT_LE(y, previous + 1e-6f) << "segment " << i << " x = " << x;
            previous = y;
        }
    }
}

TEST(Curve, SmoothIsSmootherThanLinearInsideASegment)
{
    // Same points; between them the smooth curve bends, the linear one does not.
    const Curve linear = mustMake({{0, 0}, {0.5f, 0.8f}, {1, 1}}, Interp::Linear);
    const Curve smooth = mustMake({{0, 0}, {0.5f, 0.8f}, {1, 1}}, Interp::Smooth);
    EXPECT_NE(linear.eval(0.75f), smooth.eval(0.75f));
    EXPECT_GT(smooth.eval(0.75f), linear.eval(0.75f));  // concave data, concave curve
}

TEST(Curve, TinyGapsStayFinite)
{
    const float x1 = std::numeric_limits<float>::denorm_min();
    const Curve c = mustMake({{0, 0}, {x1, 1e6f}, {1, -1e6f}}, Interp::Smooth);
    for (float x : {0.0f, x1, 0.5f * x1, 1e-30f, 0.5f, 1.0f}) EXPECT_TRUE(std::isfinite(c.eval(x)));
}

TEST(Curve, KeepsPointsAndInterpolation)
{
    const Curve c = mustMake({{0, 1}, {1, 2}}, Interp::Smooth);
    EXPECT_EQ(c.interpolation(), Interp::Smooth);
    ASSERT_EQ(c.points().size(), 2u);
    EXPECT_EQ(c.points()[1], (CurvePoint{1, 2}));
    EXPECT_NE(c, mustMake({{0, 1}, {1, 2}}, Interp::Linear));
}

TEST(Curve, RejectsTooFewOrTooManyPoints)
{
    EXPECT_NE(errorOf({}).find("got 0"), std::string::npos);
    EXPECT_NE(errorOf({{0, 1}}).find("2 to 64 points, got 1"), std::string::npos);
    std::vector<CurvePoint> many;
    for (int i = 0; i < 65; ++i) many.push_back({float(i), 0});
    EXPECT_NE(errorOf(many).find("got 65"), std::string::npos);
    many.pop_back();
    EXPECT_TRUE(Curve::make(many).has_value());
}

TEST(Curve, RejectsXNotIncreasingNamingThePoint)
{
    const std::string equal = errorOf({{0, 0}, {0.5f, 1}, {0.5f, 2}});
    EXPECT_NE(equal.find("curve point 2 (0.5, 2)"), std::string::npos) << equal;
    EXPECT_NE(equal.find("previous point's x (0.5)"), std::string::npos) << equal;

    const std::string backwards = errorOf({{1, 0}, {0, 1}}, Interp::Smooth);
    EXPECT_NE(backwards.find("curve point 1 (0, 1)"), std::string::npos) << backwards;
}

TEST(Curve, RejectsNonFiniteAndHugeCoordinates)
{
    const float nan = std::numeric_limits<float>::quiet_NaN();
    const float inf = std::numeric_limits<float>::infinity();
    EXPECT_NE(errorOf({{0, 0}, {1, nan}}).find("curve point 1"), std::string::npos);
    EXPECT_NE(errorOf({{nan, 0}, {1, 1}}).find("curve point 0"), std::string::npos);
    EXPECT_NE(errorOf({{0, 0}, {inf, 1}}).find("finite"), std::string::npos);
    EXPECT_NE(errorOf({{0, 0}, {1, 2e6f}}).find("curve point 1 (1, 2e+06)"), std::string::npos);
}
