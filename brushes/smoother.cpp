// SPDX-License-Identifier: GPL-3.0-or-later
#include "brushes/smoother.h"

#include <algorithm>
#include <cmath>

namespace signe::brushes {

namespace {

using Mode = SmoothingSettings::Mode;

/// Below this a smoothing distance or string length (px) does nothing visible: pass through.
constexpr double kMinLength = 1e-6;

bool isFinite(const InputEvent& e)
{
    return std::isfinite(e.t) && std::isfinite(e.x) && std::isfinite(e.y) &&
           std::isfinite(e.pressure) && std::isfinite(e.xtilt) && std::isfinite(e.ytilt) &&
           std::isfinite(e.rotation);
}

/// The mode that actually applies: a zero or nonsense length means no smoothing.
SmoothingSettings sanitise(SmoothingSettings s)
{
    if (s.mode == Mode::Weighted && !(s.distance > kMinLength && std::isfinite(s.distance)))
        s.mode = Mode::None;
    if (s.mode == Mode::Stabiliser && !(s.lazyRadius > kMinLength && std::isfinite(s.lazyRadius)))
        s.mode = Mode::None;
    return s;
}

double lerp(double a, double b, double u)
{
    return a + (b - a) * u;
}

}  // namespace

Smoother::Smoother(SmoothingSettings settings) : m_settings(sanitise(settings)) {}

void Smoother::reset()
{
    m_started = false;
    m_trail.clear();
    m_pointerLength = 0;
}

Smoother::Channels Smoother::rawChannels(const InputEvent& raw) const
{
    Channels c{raw.pressure, raw.xtilt, raw.ytilt, raw.rotation};
    // Unwrap rotation against the previous event so 179 -> -179 degrees is a 2 degree turn,
    // not a 358 degree sweep, when it is averaged or interpolated.
    if (m_started)
        c.rotation = m_lastRawChannels.rotation +
                     std::remainder(double(raw.rotation) - m_lastRawChannels.rotation, 360.0);
    return c;
}

InputEvent Smoother::output(double t, double x, double y, const Channels& c) const
{
    InputEvent e;
    e.t = t;
    e.x = x;
    e.y = y;
    e.pressure = float(std::clamp(c.pressure, 0.0, 1.0));
    e.xtilt = float(std::clamp(c.xtilt, -1.0, 1.0));
    e.ytilt = float(std::clamp(c.ytilt, -1.0, 1.0));
    e.rotation = float(std::remainder(c.rotation, 360.0));
    return e;
}

void Smoother::push(const InputEvent& event, std::vector<InputEvent>& out)
{
    if (!isFinite(event)) return;
    InputEvent raw = event;
    if (m_started) raw.t = std::max(raw.t, m_lastT);
    m_lastT = raw.t;

    if (m_settings.mode == Mode::None) {
        m_started = true;
        out.push_back(raw);
        return;
    }
    const Channels rawC = rawChannels(raw);
    if (!m_started) {
        m_started = true;
        m_brushX = raw.x;
        m_brushY = raw.y;
        m_brush = rawC;
        m_pointerLength = 0;
        m_trail.assign(1, Trail{0.0, rawC});
        out.push_back(output(raw.t, raw.x, raw.y, rawC));
    } else if (m_settings.mode == Mode::Weighted) {
        pushWeighted(raw, rawC, out);
    } else {
        pushStabiliser(raw, rawC, out);
    }
    m_lastRaw = raw;
    m_lastRawChannels = rawC;
}

void Smoother::pushWeighted(const InputEvent& raw, const Channels& rawC,
                            std::vector<InputEvent>& out)
{
    const double dx = raw.x - m_lastRaw.x, dy = raw.y - m_lastRaw.y;
    const double d = std::hypot(dx, dy);
    if (d > 0) {
        // The exact solution of de/ds = -e/D - v over a straight pointer move of length d (see
        // the header): a = exp(-d/D) keeps part of the old offset, and k = D/d * (1 - a) is the
        // share of the move the brush has not yet made. expm1 keeps k accurate for tiny d.
        const double D = m_settings.distance;
        const double a = std::exp(-d / D);
        const double k = -std::expm1(-d / D) * (D / d);
        auto follow = [&](double brush, double from, double to) {
            return to + a * (brush - from) - (to - from) * k;
        };
        m_brushX = follow(m_brushX, m_lastRaw.x, raw.x);
        m_brushY = follow(m_brushY, m_lastRaw.y, raw.y);
        m_brush.pressure = follow(m_brush.pressure, m_lastRawChannels.pressure, rawC.pressure);
        m_brush.xtilt = follow(m_brush.xtilt, m_lastRawChannels.xtilt, rawC.xtilt);
        m_brush.ytilt = follow(m_brush.ytilt, m_lastRawChannels.ytilt, rawC.ytilt);
        m_brush.rotation = follow(m_brush.rotation, m_lastRawChannels.rotation, rawC.rotation);
    }
    // A pointer standing still leaves the brush where it is, but time still moves on.
    out.push_back(output(raw.t, m_brushX, m_brushY, m_brush));
}

void Smoother::pushStabiliser(const InputEvent& raw, const Channels& rawC,
                              std::vector<InputEvent>& out)
{
    const double R = m_settings.lazyRadius;
    const double dx = raw.x - m_lastRaw.x, dy = raw.y - m_lastRaw.y;
    const double d = std::hypot(dx, dy);
    // Pulling the string once per event would make the brush path depend on the event rate
    // (a long step cuts the corner a short one follows); sub-steps approximate the continuous
    // pull. The cap keeps a wild jump cheap; along a straight jump the pull is exact anyway.
    const int steps = int(std::clamp(std::ceil(d / (R / 16.0)), 1.0, double(kMaxSubsteps)));
    bool moved = false;
    for (int i = 1; i <= steps; ++i) {
        const double u = double(i) / steps;
        const double px = i == steps ? raw.x : m_lastRaw.x + dx * u;
        const double py = i == steps ? raw.y : m_lastRaw.y + dy * u;
        const double ex = px - m_brushX, ey = py - m_brushY;
        const double dist = std::hypot(ex, ey);
        if (dist > R) {
            const double f = (dist - R) / dist;
            m_brushX += ex * f;
            m_brushY += ey * f;
            moved = true;
        }
    }

    m_pointerLength += d;
    if (m_trail.back().length == m_pointerLength)
        m_trail.back().channels = rawC;  // standing still: the latest pressure wins
    else
        m_trail.push_back(Trail{m_pointerLength, rawC});
    // Keep exactly the stretch of path trailAt() can be asked about: the last string length.
    while (m_trail.size() >= 2 && m_trail[1].length <= m_pointerLength - R) m_trail.pop_front();

    if (moved) out.push_back(output(raw.t, m_brushX, m_brushY, trailAt(m_pointerLength - R)));
}

Smoother::Channels Smoother::trailAt(double length) const
{
    auto after = std::upper_bound(m_trail.begin(), m_trail.end(), length,
                                  [](double l, const Trail& s) { return l < s.length; });
    if (after == m_trail.begin()) return m_trail.front().channels;
    if (after == m_trail.end()) return m_trail.back().channels;
    const Trail& a = *(after - 1);
    const Trail& b = *after;
    const double u = (length - a.length) / (b.length - a.length);  // lengths strictly increase
    return Channels{lerp(a.channels.pressure, b.channels.pressure, u),
                    lerp(a.channels.xtilt, b.channels.xtilt, u),
                    lerp(a.channels.ytilt, b.channels.ytilt, u),
                    lerp(a.channels.rotation, b.channels.rotation, u)};
}

void Smoother::finish(std::vector<InputEvent>& out)
{
    if (!m_started || m_settings.mode == Mode::None) {
        reset();
        return;
    }
    const double dx = m_lastRaw.x - m_brushX, dy = m_lastRaw.y - m_brushY;
    const double gap = std::hypot(dx, dy);
    const bool stabiliser = m_settings.mode == Mode::Stabiliser;
    const Channels& last = m_lastRawChannels;
    const bool sameChannels = m_brush.pressure == last.pressure && m_brush.xtilt == last.xtilt &&
                              m_brush.ytilt == last.ytilt && m_brush.rotation == last.rotation;
    // A stabilised brush already at the pointer has emitted its channels; a weighted one may
    // still lag in pressure alone.
    if (gap > 0 || (!stabiliser && !sameChannels)) {
        const int n =
            int(std::clamp(std::ceil(gap / kCatchUpStep), 1.0, double(kMaxCatchUpEvents)));
        for (int i = 1; i <= n; ++i) {
            const double u = double(i) / n;
            Channels c;
            if (stabiliser) {
                // The brush walks the string's length; its channels walk the pointer's last
                // stretch of path, ending at the pointer's own.
                c = trailAt(m_pointerLength - gap * (1 - u));
            } else {
                c = Channels{lerp(m_brush.pressure, last.pressure, u),
                             lerp(m_brush.xtilt, last.xtilt, u), lerp(m_brush.ytilt, last.ytilt, u),
                             lerp(m_brush.rotation, last.rotation, u)};
            }
            const double x = i == n ? m_lastRaw.x : m_brushX + dx * u;
            const double y = i == n ? m_lastRaw.y : m_brushY + dy * u;
            out.push_back(output(m_lastRaw.t, x, y, c));
        }
    }
    reset();
}

}  // namespace signe::brushes
