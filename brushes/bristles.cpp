// SPDX-License-Identifier: GPL-3.0-or-later
#include "brushes/bristles.h"

#include <algorithm>
#include <cmath>
#include <numbers>

#include "brushes/stroke_random.h"

namespace signe::brushes {

Bristles::Bristles(const BristleSettings& settings, std::uint64_t seed, core::MixModel model)
    : m_settings(settings)
{
    const int n = std::clamp(settings.count, 0, BristleSettings::kMaxBristles);
    // The bristles' own random stream, apart from the dynamics' (a different seed per stroke
    // gives a different brush, as picking up another brush of the same kind would).
    StrokeRandom random(seed ^ 0x62726973746c6573ULL);  // "bristles"
    const float lengthJitter = std::clamp(settings.lengthJitter, 0.0f, 1.0f);
    const float loadJitter = std::clamp(settings.loadJitter, 0.0f, 1.0f);
    m_bristles.reserve(std::size_t(n));
    for (int i = 0; i < n; ++i) {
        Bristle b{0, 0, 1, 1, PaintReservoir(model)};
        if (settings.shape == BristleSettings::Shape::Flat) {
            // A row across the stroke, evenly spaced with a little disorder, a few deep.
            const float slot = (float(i) + 0.5f) / float(n) * 2.0f - 1.0f;
            b.across = std::clamp(slot + (random.nextFloat() - 0.5f) * 1.5f / float(n), -1.0f, 1.0f);
            b.along = (random.nextFloat() - 0.5f) * 0.3f;
        } else {
            // Evenly over a disc (a sunflower spiral), then jittered.
            const float r = std::sqrt((float(i) + 0.5f) / float(n));
            const float a = float(i) * 2.39996323f;  // the golden angle
            b.across = r * std::cos(a) + (random.nextFloat() - 0.5f) * 0.1f;
            b.along = r * std::sin(a) + (random.nextFloat() - 0.5f) * 0.1f;
        }
        b.reach = lengthJitter * random.nextFloat();
        b.load = 1.0f - loadJitter * random.nextFloat();
        m_bristles.push_back(std::move(b));
    }
}

const std::vector<BristleTouch>& Bristles::touches(double cx, double cy, const DabShape& shape,
                                                   float direction, float pressure)
{
    m_touches.clear();
    // Pressure splays the bristles: the footprint widens from 70% to 100% of the radius.
    const double spread = shape.radius * (0.7 + 0.3 * std::clamp(double(pressure), 0.0, 1.0));
    const float bristleRadius =
        std::max(0.5f, shape.radius * std::clamp(m_settings.thickness, 0.02f, 1.0f));
    // The brush frame: "along" follows the travel, "across" is to its left (y down).
    const double ca = std::cos(double(direction)), sa = std::sin(double(direction));
    for (int i = 0; i < int(m_bristles.size()); ++i) {
        const Bristle& b = m_bristles[std::size_t(i)];
        if (pressure < b.reach) continue;  // too short to reach the canvas at this pressure
        const double u = b.across * spread, v = b.along * spread;
        BristleTouch t;
        t.x = cx + v * ca - u * sa;
        t.y = cy + v * sa + u * ca;
        t.shape = {bristleRadius, shape.hardness, 1.0f, 0.0f};
        t.bristle = i;
        m_touches.push_back(t);
    }
    return m_touches;
}

}  // namespace signe::brushes
