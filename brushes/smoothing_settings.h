// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

namespace signe::brushes {

/// How raw pointer events are smoothed before the path is drawn (docs/brush-engine.md).
struct SmoothingSettings {
    enum class Mode { None, Weighted, Stabiliser };
    Mode mode = Mode::None;
    /// Weighted: how far (canvas px) the smoothed point trails the pointer; larger is smoother.
    float distance = 10.0f;
    /// Stabiliser: the string length (canvas px); the brush moves only when the pointer is
    /// further away than this, and catches up at the end of the stroke.
    float lazyRadius = 20.0f;
};

}  // namespace signe::brushes
