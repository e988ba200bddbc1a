// SPDX-License-Identifier: GPL-3.0-or-later
#include "brushes/dab_mask.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstring>
#include <numbers>
#include <vector>

using signe::brushes::dabFalloffMass;
using signe::brushes::DabMask;
using signe::brushes::DabShape;
using signe::brushes::rasterizeDab;

namespace {

constexpr double kPi = std::numbers::pi;

DabMask dab(float radius, float hardness, double cx, double cy, float aspect = 1.0f,
            float angle = 0.0f)
{
    DabMask m;
    rasterizeDab(DabShape{radius, hardness, aspect, angle}, cx, cy, m);
    return m;
}

double ellipseArea(float radius, float aspect)
{
    return kPi * radius * radius * aspect;
}

struct Centroid {
    double x = 0, y = 0;
};

Centroid centroid(const DabMask& m)
{
    double sx = 0, sy = 0, s = 0;
    for (int y = m.box.y; y < m.box.bottom(); ++y)
        for (int x = m.box.x; x < m.box.right(); ++x) {
            const double c = m.at(x, y);
            sx += c * (x + 0.5), sy += c * (y + 0.5), s += c;
        }
    return {sx / s, sy / s};
}

/// The profile the header documents, evaluated directly: 1 up to d = h, then 1 - smoothstep.
double profile(const DabShape& s, double X, double Y)
{
    const double a = std::cos(s.angleDegrees * kPi / 180), b = std::sin(s.angleDegrees * kPi / 180);
    const double u = (X * a + Y * b) / s.radius;
    const double v = (-X * b + Y * a) / (s.radius * s.aspectRatio);
    const double d = std::sqrt(u * u + v * v);
    if (d >= 1) return 0;
    if (d <= s.hardness) return 1;
    const double t = (d - s.hardness) / (1 - s.hardness);
    return 1 - t * t * (3 - 2 * t);
}

/// Brute force: the mean of the profile over n x n points in the pixel.
double referenceCoverage(const DabShape& s, double cx, double cy, int px, int py, int n)
{
    double sum = 0;
    for (int j = 0; j < n; ++j)
        for (int i = 0; i < n; ++i)
            sum += profile(s, px + (i + 0.5) / n - cx, py + (j + 0.5) / n - cy);
    return sum / (n * n);
}

}  // namespace

TEST(DabMask, HardRoundDabCoversPiRSquared)
{
    for (float r : {2.0f, 5.0f, 20.0f, 200.0f, 1000.0f})
        for (auto [cx, cy] : {std::pair{300.0, 400.0}, std::pair{300.37, 400.81}}) {
            const DabMask m = dab(r, 1.0f, cx, cy);
            EXPECT_NEAR(m.sum(), kPi * r * r, 0.01 * kPi * r * r) << "radius " << r;
        }
}

TEST(DabMask, SmallHardDabsKeepTheirArea)
{
    for (float r : {0.5f, 0.7f, 1.0f, 1.3f, 1.5f, 2.0f})
        for (double off : {0.0, 0.3, 0.5, 0.85}) {
            const DabMask m = dab(r, 1.0f, 10 + off, 20 + off * 0.7);
            EXPECT_NEAR(m.sum(), kPi * r * r, 0.03 * kPi * r * r) << "radius " << r;
        }
}

TEST(DabMask, HalfPixelDabNeverVanishesWhereverItsCentreFalls)
{
    double lo = 1e9, hi = 0;
    for (int j = 0; j < 5; ++j)
        for (int i = 0; i < 5; ++i) {
            const double s = dab(0.5f, 1.0f, 7 + i * 0.25, 3 + j * 0.25).sum();
            lo = std::min(lo, s), hi = std::max(hi, s);
        }
    EXPECT_GT(lo, 0.0);
    EXPECT_NEAR(lo, kPi / 4, 0.03 * kPi / 4);
    EXPECT_NEAR(hi, kPi / 4, 0.03 * kPi / 4);
    EXPECT_LT((hi - lo) / lo, 0.05);
}

TEST(DabMask, EllipseCoversPiRSquaredTimesAspect)
{
    for (float aspect : {0.5f, 0.2f, 0.05f})
        for (float angle : {0.0f, 30.0f, 45.0f, 90.0f, 137.0f, -20.0f})
            for (float r : {3.0f, 40.0f}) {
                const DabMask m = dab(r, 1.0f, 50.2, 60.7, aspect, angle);
                const double area = ellipseArea(r, aspect);
                EXPECT_NEAR(m.sum(), area, 0.01 * area)
                    << "radius " << r << " aspect " << aspect << " angle " << angle;
            }
}

TEST(DabMask, SoftDabsHaveTheSameDensityAtEverySize)
{
    // A stroke whose pressure shrinks the dab must not get darker or lighter per unit area.
    const double expected = dabFalloffMass(0.3f);
    EXPECT_NEAR(expected, 0.3 + 0.3 * 0.7 * 0.7, 1e-6);
    for (float r : {3.0f, 4.0f, 7.5f, 12.0f, 30.0f, 100.0f, 500.0f})
        for (double off : {0.0, 0.5, 0.33}) {
            const double ratio = dab(r, 0.3f, 600 + off, 600 + off).sum() / ellipseArea(r, 1);
            EXPECT_NEAR(ratio, expected, 0.02 * expected) << "radius " << r;
        }
    // And likewise below the resolved sizes, and fully soft.
    for (float r : {0.5f, 1.0f, 2.0f, 3.0f, 10.0f}) {
        const double ratio = dab(r, 0.0f, 30.2, 30.6).sum() / ellipseArea(r, 1);
        EXPECT_NEAR(ratio, dabFalloffMass(0.0f), 0.02 * dabFalloffMass(0.0f)) << "radius " << r;
    }
}

TEST(DabMask, CoverageIsTheMeanOfTheProfileOverEachPixel)
{
    const struct {
        DabShape shape;
        double cx, cy;
    } cases[] = {
        {{6.3f, 1.0f, 1.0f, 0.0f}, 20.3, 20.8},     // hard: exact area path
        {{9.0f, 1.0f, 0.35f, 33.0f}, 20.5, 20.5},   // hard ellipse
        {{2.5f, 0.2f, 1.0f, 0.0f}, 10.1, 10.9},     // small and soft: stacked ellipses
        {{20.0f, 0.5f, 0.6f, 70.0f}, 40.25, 30.0},  // soft, resolved: sampled at pixel centres
    };
    for (const auto& c : cases) {
        DabMask m;
        rasterizeDab(c.shape, c.cx, c.cy, m);
        for (int y = m.box.y - 1; y <= m.box.bottom(); ++y)
            for (int x = m.box.x - 1; x <= m.box.right(); ++x)
                ASSERT_NEAR(m.at(x, y), referenceCoverage(c.shape, c.cx, c.cy, x, y, 48), 0.025)
                    << "pixel " << x << "," << y << " radius " << c.shape.radius;
    }
}

TEST(DabMask, SmallDabsAreTheMeanOfTheProfileToo)
{
    // Small and middling dabs along the axes take their own exact path (cumulative areas at the
    // pixel corners); narrow falloffs are two or three hard ellipses, hence the tolerance.
    for (float r : {0.7f, 1.3f, 2.0f, 2.7f, 4.0f, 5.5f})
        for (float hardness : {1.0f, 0.9f, 0.8f, 0.5f})
            for (auto [aspect, angle] :
                 {std::pair{1.0f, 0.0f}, std::pair{0.5f, 0.0f}, std::pair{0.5f, 90.0f}})
                for (double off : {0.0, 0.37}) {
                    const DabShape shape{r, hardness, aspect, angle};
                    const double cx = 20 + off, cy = 30 + off * 1.7;
                    DabMask m;
                    rasterizeDab(shape, cx, cy, m);
                    for (int y = m.box.y - 1; y <= m.box.bottom(); ++y)
                        for (int x = m.box.x - 1; x <= m.box.right(); ++x)
                            ASSERT_NEAR(m.at(x, y), referenceCoverage(shape, cx, cy, x, y, 24),
                                        0.02)
                                << "pixel " << x << "," << y << " radius " << r << " hardness "
                                << hardness << " aspect " << aspect << " angle " << angle;
                }
}

TEST(DabMask, AxisAlignedDabsKeepTheirAreaExactly)
{
    // The corner-grid path sums to the stack's area to rounding, not just within the 1% that
    // HardRoundDabCoversPiRSquared allows.
    for (float r : {0.5f, 0.9f, 2.0f, 3.3f, 7.0f, 15.0f, 30.0f})
        for (float hardness : {1.0f, 0.95f, 0.8f, 0.6f})
            for (float aspect : {1.0f, 0.4f}) {
                if (r * aspect * (1 - hardness) >= 3) continue;  // sampled, not exact
                for (int k = 0; k < 5; ++k) {
                    const double cx = 100 + k * 0.219, cy = 50 + k * 0.137;
                    const DabMask m = dab(r, hardness, cx, cy, aspect, k % 2 ? 90.0f : 0.0f);
                    const double area = ellipseArea(r, aspect) * dabFalloffMass(hardness);
                    EXPECT_NEAR(m.sum(), area, 1e-5 * area)
                        << "radius " << r << " hardness " << hardness << " aspect " << aspect;
                }
            }
}

TEST(DabMask, RoundDabCentredOnAPixelIsSymmetric)
{
    for (float hardness : {1.0f, 0.0f, 0.6f, 0.85f})
        for (float r : {0.5f, 3.7f, 25.0f}) {
            const int c = 40;  // centre (40.5, 40.5): pixel 40 + k mirrors to 40 - k
            const DabMask m = dab(r, hardness, c + 0.5, c + 0.5);
            for (int dy = -30; dy <= 30; ++dy)
                for (int dx = -30; dx <= 30; ++dx) {
                    const float v = m.at(c + dx, c + dy);
                    ASSERT_NEAR(v, m.at(c - dx, c + dy), 1e-5f) << dx << "," << dy;
                    ASSERT_NEAR(v, m.at(c + dx, c - dy), 1e-5f) << dx << "," << dy;
                    ASSERT_NEAR(v, m.at(c + dy, c + dx), 1e-5f) << dx << "," << dy;
                }
        }
}

TEST(DabMask, QuarterTurnTransposesTheMask)
{
    for (float hardness : {1.0f, 0.5f})
        for (float r : {1.5f, 12.0f}) {
            const DabMask m0 = dab(r, hardness, 30.3, 50.8, 0.4f, 0.0f);
            const DabMask m90 = dab(r, hardness, 50.8, 30.3, 0.4f, 90.0f);
            EXPECT_EQ(m90.box, (signe::core::Rect{m0.box.y, m0.box.x, m0.box.h, m0.box.w}));
            for (int y = m0.box.y; y < m0.box.bottom(); ++y)
                for (int x = m0.box.x; x < m0.box.right(); ++x)
                    ASSERT_NEAR(m0.at(x, y), m90.at(y, x), 1e-5f) << x << "," << y;
        }
}

TEST(DabMask, AngleLaysTheMajorAxisAlongCosSin)
{
    const double cx = 100.5, cy = 100.5;
    for (float angle : {0.0f, 30.0f, 60.0f, 100.0f, 150.0f, 210.0f}) {
        const DabMask m = dab(30.0f, 1.0f, cx, cy, 0.2f, angle);
        const double a = angle * kPi / 180, ca = std::cos(a), sa = std::sin(a);
        for (double t : {-24.0, -12.0, 12.0, 24.0}) {
            // Along the major axis: inside. Across it, beyond the minor radius (6): outside.
            EXPECT_EQ(m.at(int(std::floor(cx + t * ca)), int(std::floor(cy + t * sa))), 1.0f)
                << "angle " << angle << " t " << t;
            EXPECT_EQ(m.at(int(std::floor(cx - t * sa)), int(std::floor(cy + t * ca))), 0.0f)
                << "angle " << angle << " t " << t;
        }
    }
}

TEST(DabMask, QuarterPixelMoveShiftsTheCentroidByAQuarterPixel)
{
    for (float hardness : {1.0f, 0.8f, 0.3f})
        for (float r : {2.0f, 2.7f, 5.0f, 20.0f, 200.0f})
            for (double start : {10.0, 10.4, 10.75}) {
                const Centroid a = centroid(dab(r, hardness, start, 20.1));
                const Centroid b = centroid(dab(r, hardness, start + 0.25, 20.1));
                const Centroid c = centroid(dab(r, hardness, start, 20.1 + 0.25));
                EXPECT_NEAR(b.x - a.x, 0.25, 0.02) << "radius " << r << " from " << start;
                EXPECT_NEAR(b.y - a.y, 0.0, 0.02) << "radius " << r << " from " << start;
                EXPECT_NEAR(c.y - a.y, 0.25, 0.02) << "radius " << r << " from " << start;
                // A near-hard radius-2 dab is quantised like a hard one, a little more (see the
                // header): 0.0102 px at worst for hardness 0.8, and was before the corner grid.
                const double slack = hardness == 0.8f && r < 2.5f ? 0.0125 : 0.01;
                EXPECT_NEAR(a.x, start, slack) << "radius " << r << " hardness " << hardness;
            }
}

TEST(DabMask, TinyHardDabsStayNearTheirCentre)
{
    // Coverage is each pixel's share of the dab (a one-pixel box filter): crisp, but a dab
    // much smaller than a pixel can only move its mass between whole pixels, so its centroid
    // is quantised a little. Bounded here so it cannot grow unnoticed.
    for (float r : {0.5f, 0.75f, 1.0f, 1.5f})
        for (int k = 0; k < 20; ++k) {
            const double cx = 10 + k / 20.0, cy = 20 + k / 13.0;
            const Centroid c = centroid(dab(r, 1.0f, cx, cy));
            EXPECT_NEAR(c.x, cx, r < 1 ? 0.06 : 0.025) << "radius " << r;
            EXPECT_NEAR(c.y, cy, r < 1 ? 0.06 : 0.025) << "radius " << r;
        }
}

TEST(DabMask, SoftDabIsOneAtTheCentreAndFallsAlongEveryRay)
{
    for (float r : {6.0f, 40.0f, 150.0f}) {
        const int c = 200;
        const DabMask m = dab(r, 0.0f, c + 0.5, c + 0.5);
        EXPECT_FLOAT_EQ(m.at(c, c), 1.0f);
        for (auto [dx, dy] : {std::pair{1, 0}, std::pair{0, 1}, std::pair{-1, 0}, std::pair{0, -1},
                              std::pair{1, 1}, std::pair{-1, 1}}) {
            float previous = 1.0f;
            for (int k = 1; k <= int(r) + 2; ++k) {
                const float v = m.at(c + k * dx, c + k * dy);
                ASSERT_LE(v, previous) << "radius " << r << " step " << k;
                previous = v;
            }
            EXPECT_EQ(previous, 0.0f);
        }
    }
}

TEST(DabMask, HardDabIsFullInsideAndEmptyOutside)
{
    const double cx = 80.3, cy = 70.6;
    const float r = 33.0f;
    const DabMask m = dab(r, 1.0f, cx, cy);
    for (int y = m.box.y; y < m.box.bottom(); ++y)
        for (int x = m.box.x; x < m.box.right(); ++x) {
            // Distance from the pixel's nearest and farthest corner to the centre.
            const double nx = std::clamp(cx, double(x), x + 1.0) - cx;
            const double ny = std::clamp(cy, double(y), y + 1.0) - cy;
            const double fx = std::max(std::abs(x - cx), std::abs(x + 1 - cx));
            const double fy = std::max(std::abs(y - cy), std::abs(y + 1 - cy));
            if (std::hypot(fx, fy) < r - 0.02) {
                ASSERT_EQ(m.at(x, y), 1.0f) << x << "," << y;
            }
            if (std::hypot(nx, ny) > r + 0.02) {
                ASSERT_EQ(m.at(x, y), 0.0f) << x << "," << y;
            }
        }
}

TEST(DabMask, BoxIsTight)
{
    const DabShape shapes[] = {{0.5f, 1, 1, 0},     {2, 1, 1, 0},         {20, 1, 1, 0},
                               {20, 0.3f, 1, 0},    {20, 0, 0.3f, 25},    {50, 1, 0.1f, 60},
                               {200, 0.9f, 1, 0},   {7, 0.5f, 0.02f, 10}, {300, 0.2f, 0.5f, 45},
                               {3, 0.8f, 1, 0},     {6, 1, 0.5f, 90},     {5, 0.3f, 1, 0},
                               {8, 0.2f, 0.8f, 30}, {11, 0, 1, 0},        {35, 0.95f, 1, 0}};
    for (const DabShape& s : shapes)
        for (double off : {0.0, 0.5, 0.71}) {
            DabMask m;
            rasterizeDab(s, 500 + off, 300 + off * 0.3, m);
            ASSERT_FALSE(m.box.isEmpty());
            ASSERT_EQ(m.coverage.size(), std::size_t(m.box.w) * std::size_t(m.box.h));
            auto rowEmpty = [&](int y) {
                for (int x = m.box.x; x < m.box.right(); ++x)
                    if (m.at(x, y) > 0) return false;
                return true;
            };
            auto colEmpty = [&](int x) {
                for (int y = m.box.y; y < m.box.bottom(); ++y)
                    if (m.at(x, y) > 0) return false;
                return true;
            };
            // At most one empty line on each side (an edge that grazes a pixel row).
            const bool tight = !(rowEmpty(m.box.y) && rowEmpty(m.box.y + 1)) &&
                               !(rowEmpty(m.box.bottom() - 1) && rowEmpty(m.box.bottom() - 2)) &&
                               !(colEmpty(m.box.x) && colEmpty(m.box.x + 1)) &&
                               !(colEmpty(m.box.right() - 1) && colEmpty(m.box.right() - 2));
            EXPECT_TRUE(tight) << "radius " << s.radius << " hardness " << s.hardness << " aspect "
                               << s.aspectRatio << " box " << m.box.w << "x" << m.box.h;
        }
}

TEST(DabMask, CoverageStaysInRangeAndRepeatsExactly)
{
    DabMask a, b;
    for (float angle : {12.0f, 0.0f})  // a polygon, or the corner grid of an axis-aligned dab
        for (float h : {0.0f, 0.3f, 0.8f, 0.97f, 1.0f})
            for (float r : {0.5f, 3.0f, 64.0f}) {
                const DabShape s{r, h, 0.7f, angle};
                rasterizeDab(s, -33.3, 1e4 + 0.6, a);
                rasterizeDab({200, 0.5f, 1, 0}, 0, 0, b);  // something else in between,
                rasterizeDab({4, 0.6f, 1, 0}, 0.3, 0, b);  // with other falloff levels
                rasterizeDab(s, -33.3, 1e4 + 0.6, b);
                ASSERT_EQ(a.box, b.box);
                ASSERT_EQ(0, std::memcmp(a.coverage.data(), b.coverage.data(),
                                         a.coverage.size() * sizeof(float)));
                for (float c : a.coverage) ASSERT_TRUE(c >= 0.0f && c <= 1.0f) << c;
            }
}

TEST(DabMask, ReusesItsStorage)
{
    DabMask m;
    rasterizeDab({100, 1, 1, 0}, 0, 0, m);
    const float* storage = m.coverage.data();
    rasterizeDab({3, 0.5f, 1, 0}, 10, 10, m);
    rasterizeDab({90, 0.2f, 1, 0}, 10, 10, m);
    EXPECT_EQ(m.coverage.data(), storage);
}

TEST(DabMask, AtIsZeroOutsideTheBox)
{
    const DabMask m = dab(5, 1, 10, 10);
    EXPECT_EQ(m.at(m.box.x - 1, 10), 0.0f);
    EXPECT_EQ(m.at(10, m.box.bottom()), 0.0f);
    EXPECT_EQ(m.at(-100000, -100000), 0.0f);
    EXPECT_EQ(m.at(10, 10), 1.0f);
}

TEST(DabMask, OutOfRangeShapesAreClamped)
{
    const double tiny = dab(0.5f, 1, 5, 5).sum();
    EXPECT_DOUBLE_EQ(dab(NAN, 1, 5, 5).sum(), tiny);
    EXPECT_DOUBLE_EQ(dab(0.01f, 1, 5, 5).sum(), tiny);
    EXPECT_DOUBLE_EQ(dab(-3, 1, 5, 5).sum(), tiny);
    EXPECT_DOUBLE_EQ(dab(5000, 1, 5, 5).sum(), dab(1000, 1, 5, 5).sum());
    EXPECT_DOUBLE_EQ(dab(10, NAN, 5, 5).sum(), dab(10, 1, 5, 5).sum());
    EXPECT_DOUBLE_EQ(dab(10, 7, 5, 5).sum(), dab(10, 1, 5, 5).sum());
    EXPECT_DOUBLE_EQ(dab(10, 1, 5, 5, NAN).sum(), dab(10, 1, 5, 5, 1).sum());
    EXPECT_DOUBLE_EQ(dab(10, 1, 5, 5, 1, NAN).sum(), dab(10, 1, 5, 5, 1, 0).sum());
    // Aspect 0 is a hairline of aspect 0.001, not nothing or NaN.
    EXPECT_NEAR(dab(10, 1, 5, 5, 0.0f).sum(), kPi * 100 * 1e-3, 1e-3);
    EXPECT_DOUBLE_EQ(dab(10, 1, 5, 5, 0.5f, 200).sum(), dab(10, 1, 5, 5, 0.5f, 20).sum());
}
