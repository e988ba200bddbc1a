// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "app/cli/cli_options.h"
#include "brushes/brush_tip.h"
#include "brushes/input_event.h"
#include "brushes/paint_strokes.h"
#include "brushes/preset.h"
#include "brushes/stroke_engine.h"
#include "core/document.h"
#include "core/io/image_io.h"
#include "core/result.h"

namespace signe::cli {

/// Everything `signe-cli render` and `signe-cli bench` read from their options, loaded and
/// checked: the preset (with overrides applied), the strokes, the canvas and the colours.
struct RenderJob {
    brushes::Preset preset;
    std::shared_ptr<const brushes::BrushTip> tip;  ///< the preset's bitmap tip, if it names one
    std::vector<std::vector<brushes::InputEvent>> strokes;
    std::int64_t width = 0, height = 0;
    core::Color16 background{65535, 65535, 65535, 65535};
    /// --over: an image on the layer before the strokes, at its top left (empty: none).
    core::PixelImage over;
    /// --drying: how the paint dries (the over image counts as dry paint when it does).
    core::Drying drying{core::DryingMode::Never, 0};
    /// render --journal: record every stroke in this stroke journal as it is painted.
    std::filesystem::path journal;
    brushes::StrokeOptions stroke;
    std::string out;
    std::vector<std::string> warnings;  ///< what was forgiven: preset warnings, clamped values
};

/// The options both commands take (bench adds --repeat).
std::vector<std::string> renderOptionNames();

/// Builds the job from parsed options; errors name the option and the bad value.
core::Result<RenderJob> loadRenderJob(const CliOptions& options, bool needsOut);

/// What render and bench have after reading their words: the options and the loaded job.
struct RenderCommand {
    CliOptions options;
    RenderJob job;
};

/// Reads a render-like command's words (render's options plus `extra`). On --help, or on an
/// error, prints (usage or the message, and any warnings go to stderr in every case), sets
/// `exitCode` and returns nothing; the caller returns `exitCode`.
std::optional<RenderCommand> readRenderCommand(const std::vector<std::string>& args,
                                               const std::string& command, const char* usage,
                                               const std::vector<std::string>& extra,
                                               bool needsOut, int& exitCode);

/// A job painted onto a new canvas, and how long the painting alone took.
struct PaintedCanvas {
    std::unique_ptr<core::Document> doc;
    brushes::PaintStats stats;
    double seconds = 0;
};

/// Paints the job's strokes onto a new document of the job's size, timing only the painting.
core::Result<PaintedCanvas> paintJob(const RenderJob& job);

}  // namespace signe::cli
