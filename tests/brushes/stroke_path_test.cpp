// SPDX-License-Identifier: GPL-3.0-or-later
#include "brushes/stroke_path.h"

#include <gtest/gtest.h>

#include <chrono>
#include <cmath>
#include <numbers>
#include <vector>

#include "brushes/smoother.h"

using namespace signe::brushes;

namespace {

constexpr double kPi = std::numbers::pi;

SpacingFn constantSpacing(double px)
{
    return [px](const PathSample&) { return px; };
}

/// Runs a whole stroke and returns its dabs.
std::vector<PathSample> stroke(const std::vector<InputEvent>& events, const SpacingFn& spacing)
{
    std::vector<PathSample> dabs;
    const DabFn collect = [&](const PathSample& s) { dabs.push_back(s); };
    StrokePath path;
    path.begin(events.front(), collect);
    for (std::size_t i = 1; i < events.size(); ++i) path.add(events[i], spacing, collect);
    path.end(spacing, collect);
    EXPECT_EQ(path.dabCount(), int(dabs.size()));
    return dabs;
}

/// `n` events around the circle of radius r about (cx, cy), the last one closing the loop,
/// at angles 0, 360/n, ... over `duration` seconds.
std::vector<InputEvent> circle(int n, double r, double duration, double cx = 200, double cy = 200)
{
    std::vector<InputEvent> events;
    for (int i = 0; i <= n; ++i) {
        const double a = 2 * kPi * i / n;
        events.push_back({duration * i / n, cx + r * std::cos(a), cy + r * std::sin(a)});
    }
    return events;
}

/// Dabs placed the way a polyline brush places them (libmypaint's straight segments between
/// events), to show the circle test tells the two apart.
std::vector<PathSample> polylineDabs(const std::vector<InputEvent>& events, double spacing)
{
    std::vector<PathSample> dabs{{events[0].x, events[0].y}};
    double toNext = spacing;
    for (std::size_t i = 1; i < events.size(); ++i) {
        const double dx = events[i].x - events[i - 1].x, dy = events[i].y - events[i - 1].y;
        const double len = std::hypot(dx, dy);
        double at = 0;
        while (at + toNext <= len) {
            at += toNext;
            toNext = spacing;
            dabs.push_back({events[i - 1].x + dx * at / len, events[i - 1].y + dy * at / len});
        }
        toNext -= len - at;
    }
    return dabs;
}

double worstRadialError(const std::vector<PathSample>& dabs, double r, double cx = 200,
                        double cy = 200)
{
    double worst = 0;
    for (const PathSample& d : dabs)
        worst = std::max(worst, std::abs(std::hypot(d.x - cx, d.y - cy) - r));
    return worst;
}

/// A smooth, unevenly curving path (a wave that tightens, down to a radius of curvature of
/// about 60 px), at parameter u in 0..1.
InputEvent wave(double u)
{
    InputEvent e;
    e.x = 100 + 700 * u;
    e.y = 300 + 90 * std::sin(2 * kPi * (u + 0.3 * u * u));
    e.pressure = float(0.2 + 0.7 * u);
    return e;
}

}  // namespace

TEST(StrokePath, FastCircleOf24EventsComesOutRound)
{
    // 24 events a turn, in 50 ms: a fast flick. A polyline through them is a 24-gon whose sides
    // sag 100 * (1 - cos 7.5 deg) = 0.86 px inside the circle.
    const auto events = circle(24, 100, 0.05);
    const double spacing = 1.0;
    const auto dabs = stroke(events, constantSpacing(spacing));

    EXPECT_LT(worstRadialError(dabs, 100), 0.5);
    EXPECT_GT(worstRadialError(polylineDabs(events, spacing), 100), 0.8)
        << "the polyline the spline replaces fails the same check";

    // Evenly spaced: neighbours one spacing apart (the chord of a 1 px arc on r = 100 is
    // shorter by 4e-6 px), and the whole turn is 2 pi r long.
    for (std::size_t i = 1; i < dabs.size(); ++i)
        EXPECT_NEAR(std::hypot(dabs[i].x - dabs[i - 1].x, dabs[i].y - dabs[i - 1].y), spacing,
                    0.01 * spacing)
            << "dab " << i;
    EXPECT_NEAR(double(dabs.size() - 1), 2 * kPi * 100, 1.0);
}

TEST(StrokePath, SlowAndFastStrokesOverThePathGiveTheSameDabs)
{
    // The same path sampled by 50 events over 2 s and by 500 events over 0.3 s with uneven
    // timing: the dabs depend on the path, not on how it was sampled.
    auto sample = [](int n, double duration, double jitter) {
        std::vector<InputEvent> events;
        for (int i = 0; i < n; ++i) {
            const double u = double(i) / (n - 1);
            InputEvent e = wave(u);
            e.t = duration * (u + jitter * std::sin(7.0 * i) / n);
            events.push_back(e);
        }
        return events;
    };
    const auto slow = stroke(sample(50, 2.0, 0.0), constantSpacing(2.0));
    const auto fast = stroke(sample(500, 0.3, 0.4), constantSpacing(2.0));
    ASSERT_GT(slow.size(), 400u);
    EXPECT_NEAR(double(slow.size()), double(fast.size()), 1.0);
    double worst = 0;
    for (std::size_t i = 0; i < std::min(slow.size(), fast.size()); ++i)
        worst = std::max(worst, std::hypot(slow[i].x - fast[i].x, slow[i].y - fast[i].y));
    EXPECT_LT(worst, 0.05);
}

TEST(StrokePath, OnePixelSpacingOnAStraightLineHitsEveryPixel)
{
    // 400 px in uneven pieces, some ending exactly on a dab, one not: 401 dabs at x0 + k.
    const double x0 = 10.25, y = 50.5;
    std::vector<InputEvent> events;
    double t = 0;
    for (double x : {0.0, 37.3, 100.0, 101.0, 250.0, 399.99, 400.0})
        events.push_back({t += 0.01, x0 + x, y});
    const auto dabs = stroke(events, constantSpacing(1.0));
    ASSERT_EQ(dabs.size(), 401u);
    for (std::size_t k = 0; k < dabs.size(); ++k) {
        EXPECT_NEAR(dabs[k].x, x0 + double(k), 1e-6) << "dab " << k;
        EXPECT_NEAR(dabs[k].y, y, 1e-9);
        EXPECT_NEAR(dabs[k].distance, double(k), 1e-6);
        if (k > 0) {
            EXPECT_FLOAT_EQ(dabs[k].direction, 0.0f);
        }
    }
}

TEST(StrokePath, LowPressureGivesDenserDabs)
{
    // The usual spacing: a fraction (0.1) of the dab's diameter, which follows pressure.
    const SpacingFn spacing = [](const PathSample& s) { return 0.1 * 2 * (40.0 * s.pressure); };
    std::vector<InputEvent> events;
    for (int i = 0; i <= 10; ++i)
        events.push_back({i * 0.02, 40.0 * i, 0, float(0.1 + 0.09 * i)});  // 0.1 -> 1.0
    const auto dabs = stroke(events, spacing);
    int firstHalf = 0, secondHalf = 0;
    for (const PathSample& d : dabs) {
        if (d.x < 200)
            ++firstHalf;
        else
            ++secondHalf;
    }
    EXPECT_GT(firstHalf, 2 * secondHalf);
    // Each gap is the spacing asked for at the dab before it.
    for (std::size_t i = 1; i < dabs.size(); ++i)
        EXPECT_NEAR(dabs[i].x - dabs[i - 1].x, spacing(dabs[i - 1]), 1e-6);
}

TEST(StrokePath, DuplicateEventsChangeNothing)
{
    std::vector<InputEvent> plain, doubled;
    for (int i = 0; i <= 20; ++i) {
        const InputEvent e = wave(i / 20.0);
        plain.push_back(e);
        doubled.push_back(e);
        doubled.push_back(e);  // a repeat, as tablets send when the pen stands still
        if (i == 10) doubled.push_back(e);
    }
    const auto a = stroke(plain, constantSpacing(3.0));
    const auto b = stroke(doubled, constantSpacing(3.0));
    ASSERT_EQ(a.size(), b.size());
    for (std::size_t i = 0; i < a.size(); ++i) {
        EXPECT_TRUE(std::isfinite(b[i].x) && std::isfinite(b[i].y) &&
                    std::isfinite(b[i].direction));
        EXPECT_NEAR(a[i].x, b[i].x, 1e-9);
        EXPECT_NEAR(a[i].y, b[i].y, 1e-9);
    }
}

TEST(StrokePath, StandingStillGivesOneDab)
{
    std::vector<InputEvent> events(30, InputEvent{0, 64.5, 32.25, 0.5f});
    for (std::size_t i = 0; i < events.size(); ++i) events[i].t = 0.01 * double(i);
    const auto dabs = stroke(events, constantSpacing(1.0));
    ASSERT_EQ(dabs.size(), 1u);
    EXPECT_EQ(dabs[0].x, 64.5);
    EXPECT_EQ(dabs[0].y, 32.25);
}

TEST(StrokePath, OneEventStrokeIsOneDab)
{
    std::vector<PathSample> dabs;
    StrokePath path;
    path.setDirectionNeeded(false);
    path.begin({1.5, 10, 20, 0.7f, 0.1f, -0.2f, 30},
               [&](const PathSample& s) { dabs.push_back(s); });
    ASSERT_EQ(dabs.size(), 1u) << "begin() dabs at once when no direction is wanted";
    path.end(constantSpacing(1.0), [&](const PathSample& s) { dabs.push_back(s); });
    ASSERT_EQ(dabs.size(), 1u);
    EXPECT_EQ(path.dabCount(), 1);
    const PathSample& s = dabs[0];
    EXPECT_EQ(s.x, 10);
    EXPECT_EQ(s.y, 20);
    EXPECT_EQ(s.t, 1.5);
    EXPECT_FLOAT_EQ(s.pressure, 0.7f);
    EXPECT_FLOAT_EQ(s.xtilt, 0.1f);
    EXPECT_FLOAT_EQ(s.ytilt, -0.2f);
    EXPECT_FLOAT_EQ(s.rotation, 30.0f);
    EXPECT_EQ(s.distance, 0);
    EXPECT_EQ(s.speed, 0);
}

TEST(StrokePath, DistanceIsTheArcLength)
{
    const auto dabs = stroke(circle(24, 100, 0.05), constantSpacing(0.5));
    for (std::size_t i = 1; i < dabs.size(); ++i) {
        EXPECT_NEAR(dabs[i].distance - dabs[i - 1].distance, 0.5, 1e-9);
        // Over half a pixel of a radius-100 curve, chord and arc agree to 1e-6 px.
        EXPECT_NEAR(std::hypot(dabs[i].x - dabs[i - 1].x, dabs[i].y - dabs[i - 1].y), 0.5, 1e-4);
    }
    EXPECT_NEAR(dabs.back().distance, 2 * kPi * 100, 0.5);
}

TEST(StrokePath, ChannelsFollowThePath)
{
    // Down-left at 1000 px/s with a pressure ramp, tilt and a rotation wrapping past 180.
    std::vector<InputEvent> events;
    for (int i = 0; i <= 100; ++i) {
        InputEvent e{0.004 * i, 500 - 3.2 * i, 100 + 2.4 * i, float(i) / 100};
        e.xtilt = 0.5f;
        e.ytilt = -0.25f;
        e.rotation = float(std::remainder(150.0 + i, 360.0));
        events.push_back(e);
    }
    const auto dabs = stroke(events, constantSpacing(2.0));
    EXPECT_EQ(dabs.front().speed, 0.0f);
    for (std::size_t i = 1; i < dabs.size(); ++i) {
        const PathSample& d = dabs[i];
        EXPECT_NEAR(d.direction, std::atan2(2.4, -3.2), 1e-5);
        EXPECT_NEAR(d.pressure, d.distance / 400, 1e-5);
        EXPECT_NEAR(d.t, d.distance / 1000, 1e-9);
        EXPECT_FLOAT_EQ(d.xtilt, 0.5f);
        EXPECT_FLOAT_EQ(d.ytilt, -0.25f);
        EXPECT_NEAR(std::remainder(d.rotation - (150 + d.distance / 4), 360.0), 0.0, 1e-3);
        EXPECT_GE(d.t, dabs[i - 1].t);
        EXPECT_GE(d.speed, dabs[i - 1].speed - 1e-3f) << "speeding up from rest";
    }
    // After 0.4 s, eight time constants, the smoothed speed has reached the true 1000 px/s.
    EXPECT_NEAR(dabs.back().speed, 1000.0, 1.0);
}

TEST(StrokePath, SpeedDoesNotDependOnTheEventRate)
{
    auto line = [](int n) {
        std::vector<InputEvent> events;
        for (int i = 0; i <= n; ++i) events.push_back({0.2 * i / n, 300.0 * i / n, 0});
        return events;
    };
    const auto a = stroke(line(20), constantSpacing(10.0));
    const auto b = stroke(line(200), constantSpacing(10.0));
    ASSERT_EQ(a.size(), b.size());
    for (std::size_t i = 0; i < a.size(); ++i) EXPECT_NEAR(a[i].speed, b[i].speed, 60.0);
    EXPECT_NEAR(a.back().speed, b.back().speed, 1.0);
}

TEST(StrokePath, SharpTurnsDoNotOvershoot)
{
    // A hairpin and a zigzag with very uneven event spacing.
    const std::vector<InputEvent> events = {{0, 0, 0},     {0.1, 100, 0}, {0.2, 101, 0.5},
                                            {0.3, 0, 10},  {0.4, 50, 60}, {0.5, 52, 60},
                                            {0.6, 54, 140}};
    const auto dabs = stroke(events, constantSpacing(0.5));
    // The events span x 0..101, y 0..140; the curve rounds the corners but leaves that box by
    // at most about a pixel (1.07 px measured, at the hairpin).
    for (const PathSample& d : dabs) {
        EXPECT_TRUE(std::isfinite(d.x) && std::isfinite(d.y));
        EXPECT_GT(d.x, -1.5);
        EXPECT_LT(d.x, 102.5);
        EXPECT_GT(d.y, -1.5);
        EXPECT_LT(d.y, 141.5);
    }
}

TEST(StrokePath, HugeJumpIsCappedNotHung)
{
    const auto start = std::chrono::steady_clock::now();
    std::vector<InputEvent> events = {{0, 0, 0}, {0.01, 1e6, 0}, {0.02, 1e6 + 5, 0}};
    const auto dabs = stroke(events, constantSpacing(1e-3));  // floored to kMinSpacing
    const double seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    EXPECT_LE(dabs.size(), 1u + StrokePath::kMaxDabsPerSegment + 5 / StrokePath::kMinSpacing + 1);
    EXPECT_GE(dabs.size(), std::size_t(StrokePath::kMaxDabsPerSegment));
    for (std::size_t i = 1; i < 1000; ++i)
        EXPECT_NEAR(dabs[i].x - dabs[i - 1].x, StrokePath::kMinSpacing, 1e-6);
    EXPECT_LT(seconds, 10.0) << "a generous bound: the cap exists so this never hangs";
}

TEST(StrokePath, NonsenseSpacingIsFloored)
{
    std::vector<InputEvent> events = {{0, 0, 0}, {0.1, 10, 0}};
    for (double bad : {0.0, -5.0, std::nan("")}) {
        const auto dabs = stroke(events, constantSpacing(bad));
        EXPECT_EQ(dabs.size(), std::size_t(1 + 10 / StrokePath::kMinSpacing)) << bad;
    }
    EXPECT_EQ(stroke(events, constantSpacing(INFINITY)).size(), 1u);
}

TEST(StrokePath, SmoothedEventsDrawToWhereThePenLifted)
{
    // The smoother's catch-up events share one timestamp; the path takes them in its stride.
    std::vector<InputEvent> raw;
    for (int i = 0; i <= 60; ++i) {
        const double a = 2 * kPi * i / 60;
        raw.push_back({0.01 * i, 300 + 150 * std::cos(a) + 3 * std::sin(7.0 * i),
                       300 + 150 * std::sin(a), float(i) / 60});
    }
    for (SmoothingSettings::Mode mode :
         {SmoothingSettings::Mode::Weighted, SmoothingSettings::Mode::Stabiliser}) {
        SmoothingSettings settings;
        settings.mode = mode;
        Smoother smoother(settings);
        std::vector<InputEvent> events;
        for (const InputEvent& e : raw) smoother.push(e, events);
        smoother.finish(events);
        const auto dabs = stroke(events, constantSpacing(1.0));
        ASSERT_GT(dabs.size(), 100u);
        for (std::size_t i = 1; i < dabs.size(); ++i) {
            EXPECT_TRUE(std::isfinite(dabs[i].x) && std::isfinite(dabs[i].speed));
            EXPECT_GE(dabs[i].t, dabs[i - 1].t);
            EXPECT_NEAR(std::hypot(dabs[i].x - dabs[i - 1].x, dabs[i].y - dabs[i - 1].y), 1.0,
                        0.01);
        }
        EXPECT_LT(std::hypot(dabs.back().x - raw.back().x, dabs.back().y - raw.back().y), 1.0);
    }
}

TEST(StrokePath, TheFirstDabSetsOffTheWayThePathDoes)
{
    // With directions wanted, the first dab waits for the first segment and takes its
    // direction (a knife's blade or a bristle brush starts turned the right way); alone, a tap
    // still paints one dab, at end().
    std::vector<PathSample> dabs;
    const DabFn collect = [&](const PathSample& s) { dabs.push_back(s); };
    StrokePath path;
    path.begin({0.0, 10, 10, 1.0f}, collect);
    EXPECT_TRUE(dabs.empty());
    path.add({0.01, 20, 20, 1.0f}, constantSpacing(1.0), collect);
    path.add({0.02, 30, 30, 1.0f}, constantSpacing(1.0), collect);
    ASSERT_FALSE(dabs.empty());
    EXPECT_EQ(dabs[0].x, 10);
    EXPECT_EQ(dabs[0].distance, 0);
    EXPECT_NEAR(dabs[0].direction, std::atan2(1.0, 1.0), 1e-6) << "down and to the right";
    path.end(constantSpacing(1.0), collect);
    EXPECT_EQ(path.dabCount(), int(dabs.size()));

    dabs.clear();
    path.begin({1.0, 50, 50, 1.0f}, collect);
    path.end(constantSpacing(1.0), collect);
    ASSERT_EQ(dabs.size(), 1u);
    EXPECT_EQ(dabs[0].direction, 0.0f);
}
