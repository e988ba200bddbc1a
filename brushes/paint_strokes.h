// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <cstdint>
#include <vector>

#include "brushes/input_event.h"
#include "brushes/preset.h"
#include "brushes/stroke_engine.h"
#include "core/document.h"
#include "core/journal/journal.h"
#include "core/result.h"

namespace signe::brushes {

/// What painting a list of strokes did.
struct PaintStats {
    int strokes = 0;
    std::int64_t dabs = 0;
    double dabPixels = 0;  ///< sum of the dabs' bounding-box areas
};

/// Paints `strokes` onto paint layer `layer`, one undoable "Brush stroke" entry each, with
/// stroke i seeded by options.seed + i: how signe-cli, tests and (later) journal replay paint
/// recorded events exactly as the canvas would. Each stroke first sets the document's paint
/// clock to its first event's time (core::PaintClock::setSeconds: it never goes back), so
/// paint drying by time dries as the events say, however fast they are painted.
/// With `journal`, each stroke is committed through it and recorded (StrokeRecord), flushed to
/// the disk before the next stroke starts.
core::Result<PaintStats> paintStrokes(core::Document& doc, core::LayerId layer,
                                      const Preset& preset,
                                      const std::vector<std::vector<InputEvent>>& strokes,
                                      const StrokeOptions& options,
                                      core::Journal* journal = nullptr);

}  // namespace signe::brushes
