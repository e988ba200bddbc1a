// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <array>
#include <cstdint>
#include <memory>
#include <optional>
#include <vector>

#include "brushes/bristles.h"
#include "brushes/brush_tip.h"
#include "brushes/dab_mask.h"
#include "brushes/dynamics.h"
#include "brushes/input_event.h"
#include "brushes/paint_reservoir.h"
#include "brushes/preset.h"
#include "brushes/smoother.h"
#include "brushes/stroke_painter.h"
#include "brushes/stroke_path.h"
#include "brushes/stroke_random.h"
#include "core/color.h"
#include "core/transaction.h"

namespace signe::brushes {

/// What a stroke is painted with; fixed for the stroke's whole life.
struct StrokeOptions {
    core::Color16 color{0, 0, 0, 65535};
    std::uint64_t seed = 1;       ///< random dynamics and jitter; same seed, same pixels
    int threads = 1;              ///< any count gives bit-identical pixels
    const BrushTip* tip = nullptr;  ///< nullptr paints round dabs
};

/// One stroke from pointer events to pixels: smoothing, the curved path, dab placement by
/// spacing, dynamics, dab masks and the paint model (docs/brush-engine.md).
///
///     core::Transaction tx(doc, "Brush stroke");
///     auto target = tx.target(layer);
///     StrokeEngine stroke(preset, *target, options);
///     stroke.begin(events[0]);
///     for (...) stroke.add(event);   // call flush() whenever the screen should catch up
///     stroke.end();
///     tx.commit();
class StrokeEngine {
public:
    StrokeEngine(const Preset& preset, core::PaintTarget& target, const StrokeOptions& options);

    void begin(const InputEvent& event);
    void add(const InputEvent& event);
    /// Catches the smoothing up, draws the last stretch of the path and writes every pixel.
    void end();
    /// Writes what was painted so far to the layer (the canvas calls this per input event).
    void flush() { m_painter.flush(); }

    std::int64_t dabCount() const { return m_painter.dabCount(); }
    /// Sum of the dabs' bounding-box areas, in pixels (for throughput figures; complete once
    /// the stroke has ended).
    double dabPixels() const { return m_painter.dabPixels(); }

private:
    void feed(const std::vector<InputEvent>& smoothed);
    void paintDab(const PathSample& sample);
    /// Rasterises a dab carrying paint, samples the canvas under it, updates `reservoir` and
    /// queues what it lays down.
    void paintFromReservoir(const DabShape& shape, double x, double y, DabPaint paint,
                            PaintReservoir& reservoir, const PickupStep& step,
                            float grainPressure);
    double spacingAt(const PathSample& sample) const;
    DynamicsInputs inputsAt(const PathSample& sample) const;

    const Preset& m_preset;
    core::PaintTarget& m_target;
    StrokeOptions m_options;
    Smoother m_smoother;
    StrokePath m_path;
    StrokePainter m_painter;
    StrokeRandom m_random;
    float m_colorLinear[3];
    float m_hsv[3];  // the colour as hue (degrees), saturation, value, for jitter
    double m_startTime = 0;
    bool m_begun = false;
    double m_nextSpacing = 1.0;  // px to the next dab, set by the dab just painted
    std::vector<InputEvent> m_smoothed;
    std::array<bool, kInputCount> m_inputUsed{};  // read by one of the preset's dynamics
    // Brushes that carry paint (pick-up, smudge, charge) sample the canvas under every dab,
    // so their dabs are rasterised here, one at a time, rather than queued as shapes.
    std::optional<PaintReservoir> m_reservoir;
    std::optional<Bristles> m_bristles;  // bristle brushes: a reservoir per bristle instead
    // The bristles touching at one dab: masks, reservoirs, the paint under each, and so on.
    std::vector<DabMask> m_bristleMasks;
    std::vector<PaintReservoir*> m_bristleReservoirs;
    std::vector<Paint> m_bristleUnder, m_bristleLaid;
    std::vector<PickupStep> m_bristleSteps;
    DabMask m_mask;
};

}  // namespace signe::brushes
