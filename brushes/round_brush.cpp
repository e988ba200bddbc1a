// SPDX-License-Identifier: GPL-3.0-or-later
#include "brushes/round_brush.h"

#include <algorithm>
#include <cmath>

namespace signe::brushes {

using core::Pixel16;

namespace {

/// Coverage of a pixel whose centre is `dist` from the dab centre: a one-pixel anti-aliased
/// edge, times a smooth falloff from hardness * radius out to the radius.
float dabMask(float dist, float radius, float hardness)
{
    const float edge = std::clamp(radius + 0.5f - dist, 0.0f, 1.0f);
    const float inner = hardness * radius;
    if (dist <= inner || radius - inner < 1e-3f) return edge;  // a hard brush has no falloff
    const float t = std::clamp((dist - inner) / (radius - inner), 0.0f, 1.0f);
    return edge * (1.0f - t * t * (3.0f - 2.0f * t));
}

}  // namespace

float RoundBrush::radiusAt(float pressure) const
{
    const float p = std::clamp(pressure, 0.0f, 1.0f);
    return m_settings.pressureSize ? std::max(0.5f, m_settings.radius * p) : m_settings.radius;
}

void RoundBrush::begin(core::PaintTarget& target, const InputEvent& event)
{
    m_last = event;
    m_carry = 0;
    dab(target, event.x, event.y, radiusAt(event.pressure));
}

void RoundBrush::moveTo(core::PaintTarget& target, const InputEvent& event)
{
    const double dx = event.x - m_last.x, dy = event.y - m_last.y;
    const double length = std::hypot(dx, dy);
    double walked = 0;
    // Place dabs every `spacing * diameter` along the segment, carrying the remainder over.
    for (;;) {
        const double at = walked / std::max(length, 1e-9);
        const float pressure = float(m_last.pressure + (event.pressure - m_last.pressure) * at);
        const double spacing = std::max(0.5, double(m_settings.spacing) * 2.0 * radiusAt(pressure));
        // Pressure may have shrunk the spacing below what was already walked: dab at once.
        const double step = std::max(0.0, spacing - m_carry);
        if (walked + step > length) break;
        walked += step;
        m_carry = 0;
        const double f = length > 0 ? walked / length : 0.0;
        dab(target, m_last.x + dx * f, m_last.y + dy * f,
            radiusAt(float(m_last.pressure + (event.pressure - m_last.pressure) * f)));
    }
    m_carry += length - walked;
    m_last = event;
}

void RoundBrush::stroke(core::PaintTarget& target, const InputEvent* events, int count)
{
    if (count <= 0) return;
    begin(target, events[0]);
    for (int i = 1; i < count; ++i) moveTo(target, events[i]);
}

void RoundBrush::dab(core::PaintTarget& target, double cx, double cy, float radius)
{
    ++m_dabs;
    const auto& props = target.properties();
    // Canvas to layer coordinates.
    cx -= props.offsetX;
    cy -= props.offsetY;
    const core::Rect box{int(std::floor(cx - radius - 1)), int(std::floor(cy - radius - 1)),
                         int(std::ceil(2 * radius + 3)), int(std::ceil(2 * radius + 3))};
    const core::Color16 c = m_settings.color;
    // Blend in linear light: dab edges and overlaps darken or lighten wrongly in sRGB values.
    const float colour[3] = {core::srgb16ToLinear(c.r), core::srgb16ToLinear(c.g),
                             core::srgb16ToLinear(c.b)};
    const float paintAlpha = c.a / 65535.0f * std::clamp(m_settings.opacity, 0.0f, 1.0f);
    const bool alphaLock = props.alphaLock;

    const int tx0 = core::floorDiv(box.x, core::kTileSize);
    const int tx1 = core::floorDiv(box.right() - 1, core::kTileSize);
    const int ty0 = core::floorDiv(box.y, core::kTileSize);
    const int ty1 = core::floorDiv(box.bottom() - 1, core::kTileSize);
    for (int ty = ty0; ty <= ty1; ++ty)
        for (int tx = tx0; tx <= tx1; ++tx) {
            const core::TileCoord tc{tx, ty};
            const core::Rect part = tc.pixelRect().intersected(box);
            if (alphaLock && !target.tiles().tile(tc)) continue;  // nothing to paint on
            core::TileData& tile = target.writableTile(tc);
            for (int y = part.y; y < part.bottom(); ++y)
                for (int x = part.x; x < part.right(); ++x) {
                    const float dist = float(std::hypot(x + 0.5 - cx, y + 0.5 - cy));
                    const float cov = dabMask(dist, radius, m_settings.hardness) * paintAlpha;
                    if (cov <= 0.0f) continue;
                    Pixel16& px = tile.pixels()[(y - tc.y * core::kTileSize) * core::kTileSize +
                                                (x - tc.x * core::kTileSize)];
                    const float da = px.a / 65535.0f;
                    float d[3] = {0, 0, 0};
                    if (px.a > 0) {
                        d[0] = core::srgbToLinear(std::min(1.0f, px.r / 65535.0f / da));
                        d[1] = core::srgbToLinear(std::min(1.0f, px.g / 65535.0f / da));
                        d[2] = core::srgbToLinear(std::min(1.0f, px.b / 65535.0f / da));
                    }
                    float oa, o[3];
                    if (alphaLock) {
                        oa = da;
                        for (int ch = 0; ch < 3; ++ch) o[ch] = d[ch] + (colour[ch] - d[ch]) * cov;
                    } else {
                        oa = cov + da * (1.0f - cov);
                        for (int ch = 0; ch < 3; ++ch)
                            o[ch] = oa > 0 ? (colour[ch] * cov + d[ch] * da * (1 - cov)) / oa : 0;
                    }
                    px.r = std::uint16_t(core::linearToSrgb(o[0]) * oa * 65535.0f + 0.5f);
                    px.g = std::uint16_t(core::linearToSrgb(o[1]) * oa * 65535.0f + 0.5f);
                    px.b = std::uint16_t(core::linearToSrgb(o[2]) * oa * 65535.0f + 0.5f);
                    px.a = std::uint16_t(oa * 65535.0f + 0.5f);
                }
        }
    target.markDirty(box);
}

}  // namespace signe::brushes
