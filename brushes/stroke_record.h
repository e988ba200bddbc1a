// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "brushes/brush_tip.h"
#include "brushes/input_event.h"
#include "brushes/preset.h"
#include "core/document.h"
#include "core/result.h"

namespace signe::brushes {

/// Everything that makes a stroke's pixels, as the stroke journal keeps it
/// (core/journal/journal.h, docs/journal.md): painting it again on the document as it was
/// gives the same pixels, bit for bit, whatever the thread count.
struct StrokeRecord {
    core::LayerPath layer;  ///< where the layer sat in the tree
    Preset preset;          ///< as the engine saw it (the painter's size put in)
    core::Color16 colour{0, 0, 0, 65535};
    std::uint64_t seed = 1;
    double clockSeconds = 0;  ///< the document's paint clock when the stroke began
    std::vector<InputEvent> events;
};

/// The record as one line of JSON (an object), and back; decoding names what is wrong.
std::string encodeStrokeRecord(const StrokeRecord& record);
core::Result<StrokeRecord> decodeStrokeRecord(std::string_view json);

/// The bitmap tip a preset names (nullptr for round dabs): the app's come from its resources,
/// the CLI's from resources/tips.
using TipResolver =
    std::function<core::Result<std::shared_ptr<const BrushTip>>(const Preset& preset)>;

/// Paints the record again: the clock set to its time, one "Brush stroke" transaction.
core::Result<void> replayStroke(core::Document& doc, const StrokeRecord& record,
                                const TipResolver& tipFor, int threads = 1);

/// "'Oil Round' on layer 0/2, 132 events, #1d4e89ff, seed 7" (for signe-cli info).
std::string describeStroke(const StrokeRecord& record);

}  // namespace signe::brushes
