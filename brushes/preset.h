// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <cstddef>
#include <filesystem>
#include <string>
#include <vector>
#include <string_view>

#include "brushes/bristles.h"
#include "brushes/dynamics.h"
#include "brushes/grain.h"
#include "brushes/smoothing_settings.h"
#include "core/pigment_mix.h"
#include "core/result.h"

namespace signe::brushes {

/// A brush preset: everything saved about a brush, nothing about a stroke in progress.
/// Stored as JSON; the schema is in docs/brush-engine.md ("Preset files").
struct Preset {
    enum class Mode { Paint, Erase };

    std::string name;
    Mode mode = Mode::Paint;
    /// "" = the round dab; otherwise a plain file name (no folders) under resources/tips,
    /// resolved by whoever loads tips.
    std::string tip;
    BrushSettings settings;
    SmoothingSettings smoothing;
    /// How picked-up paint mixes with the brush's (docs/pigment-mixing.md).
    core::MixModel mixing = core::MixModel::Pigment;
    /// count 0: whole dabs; otherwise the brush paints with this many bristles.
    BristleSettings bristles;
    /// strength 0: no grain.
    GrainSettings grain;
    /// What loading forgave: unknown keys (ignored) and setting values outside their range
    /// (clamped), each "file: key path: what was done". Not part of the preset: not saved, not
    /// compared.
    std::vector<std::string> warnings;
};

/// Field by field, floats compared exactly (SmoothingSettings has no operator==).
bool operator==(const Preset& a, const Preset& b);

/// The schema version this code reads and writes ("signe-preset": 1).
inline constexpr int kPresetVersion = 1;
/// Larger input is refused before parsing: real presets are a few kilobytes.
inline constexpr std::size_t kMaxPresetBytes = 1024 * 1024;
/// Preset names are for menus; longer ones are refused (bytes of UTF-8).
inline constexpr std::size_t kMaxPresetNameBytes = 200;

/// Parses and validates a preset. Wrong types, malformed curves, unknown setting or input
/// names as values, duplicate keys and unsupported versions are errors. Lenient where a
/// painter's file from a newer or older Signe should still load: an unknown key is ignored and
/// a setting or smoothing value outside its range is clamped, each with a line in
/// Preset::warnings. Messages start with sourceName and the
/// key path, then say what was expected and what was found:
///   pen.json: settings.radius: expected a number, got "big"
///   pen.json: line 3, column 14: invalid JSON: ...
/// Never throws.
core::Result<Preset> parsePreset(std::string_view json, std::string_view sourceName);

/// Reads and parses a preset file; errors name the path. Files over kMaxPresetBytes are
/// refused without being read. Never throws.
core::Result<Preset> loadPreset(const std::filesystem::path& path);

/// The preset as JSON text that parsePreset reads back to an equal Preset. Every setting and
/// smoothing field is written, so a file shows all of a brush's values. Values are written as
/// they are: a preset holding something parsePreset refuses (a base outside baseRange(), an
/// empty name, a tip with a folder) makes a file that is refused on reading, so editors keep
/// values within those limits.
std::string presetToJson(const Preset& preset);

std::string_view modeName(Preset::Mode mode);
std::string_view smoothingModeName(SmoothingSettings::Mode mode);

}  // namespace signe::brushes
