// SPDX-License-Identifier: GPL-3.0-or-later
#include "brushes/stroke_engine.h"

#include <algorithm>
#include <cmath>
#include <numbers>

namespace signe::brushes {

namespace {

/// HSV of an sRGB-encoded colour (0..1 channels): hue in degrees.
void toHsv(float r, float g, float b, float hsv[3])
{
    const float mx = std::max({r, g, b}), mn = std::min({r, g, b}), d = mx - mn;
    float h = 0;
    if (d > 0) {
        if (mx == r)
            h = 60.0f * std::fmod((g - b) / d + 6.0f, 6.0f);
        else if (mx == g)
            h = 60.0f * ((b - r) / d + 2.0f);
        else
            h = 60.0f * ((r - g) / d + 4.0f);
    }
    hsv[0] = h;
    hsv[1] = mx > 0 ? d / mx : 0.0f;
    hsv[2] = mx;
}

void fromHsv(float h, float s, float v, float rgb[3])
{
    h = std::fmod(std::fmod(h, 360.0f) + 360.0f, 360.0f);
    const float c = v * s, x = c * (1.0f - std::abs(std::fmod(h / 60.0f, 2.0f) - 1.0f)), m = v - c;
    const int sector = std::min(5, int(h / 60.0f));
    const float table[6][3] = {{c, x, 0}, {x, c, 0}, {0, c, x}, {0, x, c}, {x, 0, c}, {c, 0, x}};
    for (int i = 0; i < 3; ++i) rgb[i] = table[sector][i] + m;
}

/// Whether a brush takes up paint or runs out of its own: only then does a dab depend on the
/// canvas under it.
bool carriesPaint(const BrushSettings& s)
{
    if (s[BrushSetting::Pickup] > 0.0f || s[BrushSetting::Charge] < 1.0f) return true;
    return std::any_of(s.dynamics.begin(), s.dynamics.end(), [](const Dynamic& d) {
        return d.setting == BrushSetting::Pickup || d.setting == BrushSetting::Charge;
    });
}

PaintMode paintModeOf(const Preset& preset)
{
    if (preset.mode == Preset::Mode::Erase) return PaintMode::Erase;
    // Bristles each carry their own paint, so bristle brushes always lay paint down that way.
    return carriesPaint(preset.settings) || preset.bristles.count > 0 ? PaintMode::Smudge
                                                                        : PaintMode::Paint;
}

}  // namespace

StrokeEngine::StrokeEngine(const Preset& preset, core::PaintTarget& target,
                           const StrokeOptions& options)
    : m_preset(preset), m_target(target), m_options(options), m_smoother(preset.smoothing),
      m_painter(target, paintModeOf(preset), options.threads),
      m_random(options.seed)
{
    const core::Color16 c = options.color;
    m_colorLinear[0] = core::srgb16ToLinear(c.r);
    m_colorLinear[1] = core::srgb16ToLinear(c.g);
    m_colorLinear[2] = core::srgb16ToLinear(c.b);
    toHsv(c.r / 65535.0f, c.g / 65535.0f, c.b / 65535.0f, m_hsv);
    // Inputs no dynamic reads are left at 0 rather than worked out for every dab.
    for (const Dynamic& d : preset.settings.dynamics) m_inputUsed[index(d.input)] = true;
    // Direction is read by dynamics and by scatter, which is 0 when its base value is.
    // Direction is read by dynamics, by scatter (which is 0 when its base value is) and by
    // bristles, which follow the stroke.
    m_path.setDirectionNeeded(m_inputUsed[index(DynamicInput::Direction)] ||
                              preset.settings[BrushSetting::Scatter] != 0.0f ||
                              preset.bristles.count > 0);
    if (preset.grain.strength > 0.0f)
        m_painter.setGrain(shippedGrain(preset.grain.texture), preset.grain.scale,
                           preset.grain.strength);
    if (preset.bristles.count > 0)
        m_bristles.emplace(preset.bristles, options.seed, preset.mixing);
    else if (paintModeOf(preset) == PaintMode::Smudge)
        m_reservoir.emplace(preset.mixing);
}

void StrokeEngine::begin(const InputEvent& event)
{
    m_begun = true;
    m_startTime = event.t;
    m_smoothed.clear();
    m_smoother.push(event, m_smoothed);
    if (m_smoothed.empty()) m_smoothed.push_back(event);  // the path starts where the pen does
    m_path.begin(m_smoothed.front(), [this](const PathSample& s) { paintDab(s); });
    m_smoothed.erase(m_smoothed.begin());
    feed(m_smoothed);
}

void StrokeEngine::add(const InputEvent& event)
{
    if (!m_begun) return begin(event);
    m_smoothed.clear();
    m_smoother.push(event, m_smoothed);
    feed(m_smoothed);
}

void StrokeEngine::end()
{
    if (!m_begun) return;
    m_smoothed.clear();
    m_smoother.finish(m_smoothed);
    feed(m_smoothed);
    m_path.end([this](const PathSample& s) { return spacingAt(s); },
               [this](const PathSample& s) { paintDab(s); });
    m_painter.flush();
    m_begun = false;
}

void StrokeEngine::feed(const std::vector<InputEvent>& smoothed)
{
    for (const InputEvent& e : smoothed)
        m_path.add(e, [this](const PathSample& s) { return spacingAt(s); },
                   [this](const PathSample& s) { paintDab(s); });
}

double StrokeEngine::spacingAt(const PathSample&) const
{
    // StrokePath asks for the spacing right after placing a dab: the dab just painted sets it.
    return m_nextSpacing;
}

DynamicsInputs StrokeEngine::inputsAt(const PathSample& s) const
{
    DynamicsInputs in;
    auto used = [&](DynamicInput input) { return m_inputUsed[index(input)]; };
    in[DynamicInput::Pressure] = s.pressure;
    in[DynamicInput::Speed] = s.speed / 1000.0f;  // the path gives px/s, curves read px/ms
    if (used(DynamicInput::TiltElevation))
        in[DynamicInput::TiltElevation] = tiltElevation(s.xtilt, s.ytilt);
    if (used(DynamicInput::TiltDirection))
        in[DynamicInput::TiltDirection] = tiltDirectionDegrees(s.xtilt, s.ytilt);
    if (used(DynamicInput::Direction)) {
        float direction = s.direction * float(180.0 / std::numbers::pi);
        if (direction < 0) direction += 360.0f;
        in[DynamicInput::Direction] = direction;
    }
    in[DynamicInput::Distance] = float(s.distance);
    in[DynamicInput::Time] = float(s.t - m_startTime);
    return in;
}

void StrokeEngine::paintDab(const PathSample& s)
{
    const DabSettings d = evaluate(m_preset.settings, inputsAt(s), m_random);
    // Spacing is a fraction of the diameter of what paints: the dab, or one bristle, so that
    // every bristle leaves an unbroken streak.
    const double painter = m_bristles ? std::max(0.5, double(d.radius) *
                                                          std::clamp(double(m_preset.bristles.thickness), 0.02, 1.0))
                                      : double(d.radius);
    m_nextSpacing = double(d.spacing) * 2.0 * painter;

    // Scatter moves the dab across the direction of travel.
    double x = s.x, y = s.y;
    if (d.scatterOffset != 0.0f) {
        x -= std::sin(s.direction) * d.scatterOffset;
        y += std::cos(s.direction) * d.scatterOffset;
    }
    // Masks are made in layer coordinates.
    x -= m_target.properties().offsetX;
    y -= m_target.properties().offsetY;
    DabPaint paint{m_colorLinear[0], m_colorLinear[1], m_colorLinear[2], d.opacity, d.flow};
    if (d.hueShift != 0 || d.saturationShift != 0 || d.valueShift != 0) {
        // Jitter works on the colour as painters pick it (HSV of the sRGB values).
        float rgb[3];
        fromHsv(m_hsv[0] + d.hueShift, std::clamp(m_hsv[1] + d.saturationShift, 0.0f, 1.0f),
                std::clamp(m_hsv[2] + d.valueShift, 0.0f, 1.0f), rgb);
        paint.r = core::srgbToLinear(rgb[0]);
        paint.g = core::srgbToLinear(rgb[1]);
        paint.b = core::srgbToLinear(rgb[2]);
    }
    paint.opacity *= m_options.color.a / 65535.0f;
    const PickupStep step{d.pickup, d.smudgeLength, d.charge, d.spacing, d.impasto};
    // A stroke's centre line meets about 1 / spacing dabs, so each adds that share of the
    // thickness: the stroke builds `impasto` full-scale layers whatever its spacing.
    paint.impasto = d.impasto * d.spacing;
    // How hard the medium presses into the paper's tooth: the pen's pressure, scaled by depth.
    const float grainPressure = s.pressure * m_preset.grain.depth;
    if (m_bristles) {
        // The bristles touch the canvas together: each samples it as the earlier dabs left
        // it, then all lay down their paint, as one batch.
        const auto& touches = m_bristles->touches(x, y, d.shape(), s.direction, s.pressure);
        const std::size_t n = touches.size();
        if (m_bristleMasks.size() < n) m_bristleMasks.resize(n);
        m_bristleReservoirs.resize(n);
        m_bristleUnder.resize(n);
        m_bristleSteps.resize(n);
        m_bristleLaid.resize(n);
        for (std::size_t i = 0; i < n; ++i) {
            const BristleTouch& t = touches[i];
            rasterizeDab(t.shape, t.x, t.y, m_bristleMasks[i]);
            m_painter.applyGrain(m_bristleMasks[i], grainPressure);
            m_bristleUnder[i] = m_painter.sampleUnder(m_bristleMasks[i]);
            m_bristleReservoirs[i] = &m_bristles->reservoir(t.bristle);
            m_bristleSteps[i] = step;
            m_bristleSteps[i].charge *= m_bristles->load(t.bristle);
        }
        PaintReservoir::dabAll(m_bristleReservoirs, m_bristleUnder, {paint.r, paint.g, paint.b},
                               m_bristleSteps, m_bristleLaid);
        for (std::size_t i = 0; i < n; ++i) {
            DabPaint own = paint;
            own.r = m_bristleLaid[i].rgb[0];
            own.g = m_bristleLaid[i].rgb[1];
            own.b = m_bristleLaid[i].rgb[2];
            own.alpha = m_bristleLaid[i].alpha;
            own.impasto = m_bristleLaid[i].thickness;
            m_painter.addDab(m_bristleMasks[i], own);
        }
    } else if (m_reservoir) {
        paintFromReservoir(d.shape(), x, y, paint, *m_reservoir, step, grainPressure);
    } else {
        m_painter.queueDab(d.shape(), x, y, m_options.tip, paint, grainPressure);
    }
}

void StrokeEngine::paintFromReservoir(const DabShape& shape, double x, double y, DabPaint paint,
                                      PaintReservoir& reservoir, const PickupStep& step,
                                      float grainPressure)
{
    if (m_options.tip)
        m_options.tip->rasterize(shape, x, y, m_mask);
    else
        rasterizeDab(shape, x, y, m_mask);
    m_painter.applyGrain(m_mask, grainPressure);
    const Paint laid =
        reservoir.dab(m_painter.sampleUnder(m_mask), {paint.r, paint.g, paint.b}, step);
    paint.r = laid.rgb[0];
    paint.g = laid.rgb[1];
    paint.b = laid.rgb[2];
    paint.alpha = laid.alpha;
    paint.impasto = laid.thickness;  // Smudge mode pulls the thickness towards the paint's
    m_painter.addDab(m_mask, paint);
}

}  // namespace signe::brushes
