// SPDX-License-Identifier: GPL-3.0-or-later
#include "brushes/smoother.h"

#include <gtest/gtest.h>

#include <cmath>
#include <numbers>
#include <random>
#include <vector>

using namespace signe::brushes;

namespace {

using Mode = SmoothingSettings::Mode;

SmoothingSettings weighted(float distance)
{
    SmoothingSettings s;
    s.mode = Mode::Weighted;
    s.distance = distance;
    return s;
}

SmoothingSettings stabiliser(float radius)
{
    SmoothingSettings s;
    s.mode = Mode::Stabiliser;
    s.lazyRadius = radius;
    return s;
}

std::vector<InputEvent> run(SmoothingSettings settings, const std::vector<InputEvent>& raw,
                            bool finish = true)
{
    Smoother smoother(settings);
    std::vector<InputEvent> out;
    for (const InputEvent& e : raw) smoother.push(e, out);
    if (finish) smoother.finish(out);
    return out;
}

/// A smooth test path (a loop and a wave), sampled by `n` events evenly in its parameter.
std::vector<InputEvent> curve(int n, double duration)
{
    std::vector<InputEvent> events;
    for (int i = 0; i < n; ++i) {
        const double u = double(i) / (n - 1);
        const double a = 2 * std::numbers::pi * u;
        InputEvent e;
        e.t = duration * u;
        e.x = 300 + 200 * std::cos(a) + 40 * std::cos(3 * a);
        e.y = 300 + 150 * std::sin(a);
        e.pressure = float(0.3 + 0.6 * u);
        events.push_back(e);
    }
    return events;
}

/// A horizontal line with seeded vertical jitter of +-amplitude.
std::vector<InputEvent> noisyLine(double amplitude, int n = 500)
{
    std::mt19937 rng(5);
    std::uniform_real_distribution<double> noise(-amplitude, amplitude);
    std::vector<InputEvent> events;
    for (int i = 0; i < n; ++i) events.push_back({i * 0.004, 10.0 + 2 * i, 100 + noise(rng)});
    return events;
}

double variance(const std::vector<double>& v)
{
    double mean = 0, sq = 0;
    for (double x : v) mean += x;
    mean /= double(v.size());
    for (double x : v) sq += (x - mean) * (x - mean);
    return sq / double(v.size());
}

void expectMonotonicTime(const std::vector<InputEvent>& events)
{
    for (std::size_t i = 1; i < events.size(); ++i)
        EXPECT_LE(events[i - 1].t, events[i].t) << "event " << i;
}

}  // namespace

TEST(Smoother, NoneIsIdentity)
{
    const auto raw = curve(100, 1.0);
    const auto out = run(SmoothingSettings{}, raw);
    ASSERT_EQ(out.size(), raw.size());
    for (std::size_t i = 0; i < raw.size(); ++i) {
        EXPECT_EQ(out[i].x, raw[i].x);
        EXPECT_EQ(out[i].y, raw[i].y);
        EXPECT_EQ(out[i].t, raw[i].t);
        EXPECT_EQ(out[i].pressure, raw[i].pressure);
    }
    // A zero distance or string is no smoothing either.
    EXPECT_EQ(run(weighted(0), raw).size(), raw.size());
    EXPECT_EQ(run(stabiliser(0), raw).size(), raw.size());
}

TEST(Smoother, WeightedReducesJitter)
{
    const auto raw = noisyLine(3.0);
    const auto out = run(weighted(15), raw, false);
    ASSERT_EQ(out.size(), raw.size());
    std::vector<double> rawOffsets, smoothOffsets;
    // Skip the first stretch, where the brush starts on a noisy point and settles.
    for (std::size_t i = 50; i < raw.size(); ++i) {
        rawOffsets.push_back(raw[i].y - 100);
        smoothOffsets.push_back(out[i].y - 100);
    }
    EXPECT_LT(variance(smoothOffsets), 0.1 * variance(rawOffsets));
}

TEST(Smoother, WeightedTrailsByExactlyTheDistanceOnALine)
{
    std::vector<InputEvent> raw;
    for (int i = 0; i <= 300; ++i) raw.push_back({i * 0.01, 50.0 + 3 * i, 80.0 - 4 * i});
    const auto out = run(weighted(12), raw, false);
    const InputEvent& p = raw.back();
    const InputEvent& b = out.back();
    EXPECT_NEAR(std::hypot(p.x - b.x, p.y - b.y), 12.0, 1e-9);
    EXPECT_NEAR((b.x - 50) * 4 + (b.y - 80) * 3, 0.0, 1e-9) << "the brush stays on the line";
}

TEST(Smoother, WeightedIsRateIndependent)
{
    // The same path at 1x and 2x the event rate: the brush path is nearly the same at the
    // events both share. A per-event weight (the classic "brush += w * (pointer - brush)")
    // lags twice as far at half the rate; it is shown here to make sure the test can fail.
    const int n = 200;
    const auto slow = curve(n, 2.0), fast = curve(2 * n - 1, 2.0);
    const auto a = run(weighted(20), slow, false), b = run(weighted(20), fast, false);
    ASSERT_EQ(a.size(), slow.size());
    ASSERT_EQ(b.size(), fast.size());
    double worst = 0, worstNaive = 0;
    double naiveA[2] = {slow[0].x, slow[0].y}, naiveB[2] = {fast[0].x, fast[0].y};
    for (int i = 1; i < n; ++i) {
        worst = std::max(worst, std::hypot(a[i].x - b[2 * i].x, a[i].y - b[2 * i].y));
        for (int k : {2 * i - 1, 2 * i}) {
            naiveB[0] += 0.1 * (fast[k].x - naiveB[0]);
            naiveB[1] += 0.1 * (fast[k].y - naiveB[1]);
        }
        naiveA[0] += 0.1 * (slow[i].x - naiveA[0]);
        naiveA[1] += 0.1 * (slow[i].y - naiveA[1]);
        worstNaive = std::max(worstNaive, std::hypot(naiveA[0] - naiveB[0], naiveA[1] - naiveB[1]));
    }
    EXPECT_LT(worst, 0.1);
    EXPECT_GT(worstNaive, 10.0);
    // Pressure trails along the same way.
    for (int i = 0; i < n; i += 10) EXPECT_NEAR(a[i].pressure, b[2 * i].pressure, 1e-3);
}

TEST(Smoother, WeightedFinishCatchesUpToTheLastRawEvent)
{
    auto raw = curve(120, 1.0);
    raw.back().pressure = 0.05f;  // the pen lifts
    Smoother smoother(weighted(25));
    std::vector<InputEvent> out;
    for (const InputEvent& e : raw) smoother.push(e, out);
    const std::size_t before = out.size();
    const double gap = std::hypot(out.back().x - raw.back().x, out.back().y - raw.back().y);
    EXPECT_GT(gap, 10.0) << "the brush lags before the catch-up";
    smoother.finish(out);
    ASSERT_GT(out.size(), before);
    EXPECT_EQ(out.back().x, raw.back().x);
    EXPECT_EQ(out.back().y, raw.back().y);
    EXPECT_EQ(out.back().pressure, 0.05f);
    for (std::size_t i = before; i < out.size(); ++i) {
        EXPECT_LE(std::hypot(out[i].x - out[i - 1].x, out[i].y - out[i - 1].y),
                  Smoother::kCatchUpStep + 1e-9);
        EXPECT_EQ(out[i].t, raw.back().t);
    }
    expectMonotonicTime(out);
}

TEST(Smoother, StabiliserIgnoresJitterWithinTheRadius)
{
    std::mt19937 rng(9);
    std::uniform_real_distribution<double> noise(-7, 7);  // |offset| < 10 < radius 20
    std::vector<InputEvent> raw;
    for (int i = 0; i < 300; ++i) raw.push_back({i * 0.005, 200 + noise(rng), 200 + noise(rng)});
    const auto out = run(stabiliser(20), raw, false);
    ASSERT_EQ(out.size(), 1u) << "only the first event: the brush never moves";
    EXPECT_EQ(out[0].x, raw[0].x);
    EXPECT_EQ(out[0].y, raw[0].y);
}

TEST(Smoother, StabiliserTrailsByTheStringLength)
{
    std::vector<InputEvent> raw;
    for (int i = 0; i <= 100; ++i) raw.push_back({i * 0.01, 10.0 + 5 * i, 40.0});
    const auto out = run(stabiliser(30), raw, false);
    // The string is taut from the 7th event on (6 * 5 = 30 px): one output per event after.
    EXPECT_EQ(out.size(), 1u + 100 - 6);
    EXPECT_NEAR(raw.back().x - out.back().x, 30.0, 1e-9);
    EXPECT_EQ(out.back().y, 40.0);
}

TEST(Smoother, StabiliserCatchUpEndsAtTheLastPointWithoutJumps)
{
    const auto raw = curve(150, 1.5);
    Smoother smoother(stabiliser(40));
    std::vector<InputEvent> out;
    for (const InputEvent& e : raw) smoother.push(e, out);
    const std::size_t before = out.size();
    smoother.finish(out);
    ASSERT_GT(out.size(), before + 5) << "40 px of catch-up in steps of at most 4 px";
    EXPECT_EQ(out.back().x, raw.back().x);
    EXPECT_EQ(out.back().y, raw.back().y);
    EXPECT_FLOAT_EQ(out.back().pressure, raw.back().pressure);
    const double dx = out.back().x - out[before - 1].x, dy = out.back().y - out[before - 1].y;
    for (std::size_t i = before; i < out.size(); ++i) {
        EXPECT_LE(std::hypot(out[i].x - out[i - 1].x, out[i].y - out[i - 1].y),
                  Smoother::kCatchUpStep + 1e-9);
        // A straight pull: every catch-up event lies on the line to the pointer.
        const double cross =
            (out[i].x - out[before - 1].x) * dy - (out[i].y - out[before - 1].y) * dx;
        EXPECT_NEAR(cross / std::hypot(dx, dy), 0.0, 1e-9);
    }
    expectMonotonicTime(out);
}

TEST(Smoother, StabiliserPressureTrailsWithThePath)
{
    // Pressure ramps along a straight line; the brush, 20 px behind, gets the pressure the
    // pointer had 20 px earlier, and the catch-up walks it up to the final value.
    std::vector<InputEvent> raw;
    for (int i = 0; i <= 100; ++i) raw.push_back({i * 0.01, 2.0 * i, 0.0, float(i) / 100});
    const auto out = run(stabiliser(20), raw);
    for (const InputEvent& e : out) EXPECT_NEAR(e.pressure, e.x / 200, 1e-6) << "at x " << e.x;
    EXPECT_EQ(out.back().pressure, 1.0f);
}

TEST(Smoother, StabiliserIsNearlyRateIndependent)
{
    const int n = 200;
    const auto slow = curve(n, 2.0), fast = curve(2 * n - 1, 2.0);
    const auto a = run(stabiliser(25), slow), b = run(stabiliser(25), fast);
    // Compare the brush path: each slow output against the nearest point of the fast polyline.
    double worst = 0;
    for (const InputEvent& e : a) {
        double best = 1e9;
        for (std::size_t k = 1; k < b.size(); ++k) {
            const double sx = b[k].x - b[k - 1].x, sy = b[k].y - b[k - 1].y;
            const double len2 = sx * sx + sy * sy;
            double u = len2 > 0 ? ((e.x - b[k - 1].x) * sx + (e.y - b[k - 1].y) * sy) / len2 : 0;
            u = std::clamp(u, 0.0, 1.0);
            best = std::min(best, std::hypot(e.x - b[k - 1].x - u * sx, e.y - b[k - 1].y - u * sy));
        }
        worst = std::max(worst, best);
    }
    EXPECT_LT(worst, 0.1);
}

TEST(Smoother, RotationAveragesTheShortWayRound)
{
    std::vector<InputEvent> raw;
    for (int i = 0; i < 100; ++i) {
        InputEvent e{i * 0.01, 3.0 * i, 0};
        e.rotation = i % 2 ? 179.0f : -179.0f;
        raw.push_back(e);
    }
    for (const auto& settings : {weighted(10), stabiliser(10)}) {
        for (const InputEvent& e : run(settings, raw))
            EXPECT_GT(std::abs(e.rotation), 178.0f) << "not the 0 degrees a plain average gives";
    }
}

TEST(Smoother, TimeNeverGoesBackwardsAndBadEventsAreDropped)
{
    std::vector<InputEvent> raw = noisyLine(2.0, 100);
    raw[40].t = 0.0;           // a clock glitch
    raw[60].x = std::nan("");  // a driver glitch
    raw[61].pressure = INFINITY;
    for (const auto& settings : {SmoothingSettings{}, weighted(10), stabiliser(5)}) {
        const auto out = run(settings, raw);
        expectMonotonicTime(out);
        for (const InputEvent& e : out) {
            EXPECT_TRUE(std::isfinite(e.x) && std::isfinite(e.y) && std::isfinite(e.pressure));
        }
    }
}

TEST(Smoother, SameInputSameOutputAndFinishStartsANewStroke)
{
    const auto raw = curve(80, 0.8);
    Smoother smoother(weighted(10));
    std::vector<InputEvent> first, second;
    for (const InputEvent& e : raw) smoother.push(e, first);
    smoother.finish(first);
    for (const InputEvent& e : raw) smoother.push(e, second);
    smoother.finish(second);
    ASSERT_EQ(first.size(), second.size());
    for (std::size_t i = 0; i < first.size(); ++i) {
        EXPECT_EQ(first[i].x, second[i].x);
        EXPECT_EQ(first[i].y, second[i].y);
        EXPECT_EQ(first[i].pressure, second[i].pressure);
    }
}
