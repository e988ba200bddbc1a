// SPDX-License-Identifier: GPL-3.0-or-later
// The painting that journal_painter does and journal_kill_test checks: the same document and
// strokes on both sides, so that a recovered document can be compared with a reference.
#pragma once

#include <cmath>
#include <memory>

#include "brushes/paint_strokes.h"
#include "core/transaction.h"
#include "test_presets.h"
#include "test_strokes.h"

namespace signe::test {

inline std::unique_ptr<core::Document> journalCanvas()
{
    auto doc = std::move(*core::Document::create(320, 240, {0, 0, 0, 0}));
    (void)doc->setDrying({core::DryingMode::Strokes, 4});
    return doc;
}

/// Paints stroke `i` of the sequence: a loaded, smudging, impasto brush along a line that
/// turns a little each time, so that strokes cross and pick each other up.
inline core::Result<brushes::PaintStats> paintJournalStroke(core::Document& doc, int i,
                                                            core::Journal* journal)
{
    brushes::Preset preset = roundPreset(10.0f + float(i % 5));
    preset.name = "Journal test";
    preset.settings[brushes::BrushSetting::Pickup] = 0.5f;
    preset.settings[brushes::BrushSetting::Charge] = 0.6f;
    preset.settings[brushes::BrushSetting::Impasto] = 0.3f;
    const double a = 0.7 * i;
    const double cx = 160, cy = 120, r = 110;
    brushes::StrokeOptions options;
    options.seed = 100 + std::uint64_t(i);
    options.threads = 2;
    options.color = {std::uint16_t(9000 * (i % 7)), std::uint16_t(50000 - 6000 * (i % 8)),
                     std::uint16_t(20000 + 4000 * (i % 9)), 65535};
    auto events = line(cx - r * std::cos(a), cy - r * std::sin(a) * 0.8, cx + r * std::cos(a),
                       cy + r * std::sin(a) * 0.8, 60, 0.5);
    for (auto& e : events) e.t += i;  // one stroke a second on the events' clock
    return brushes::paintStrokes(doc, doc.root().children()[0]->id(), preset, {events}, options,
                                 journal);
}

/// Whether stroke `i` of the sequence is followed by a fill when fills are asked for: a pixel
/// change the painter does not journal, which the journal records as a delta.
inline bool journalStepFills(int i)
{
    return i % 3 == 1;
}

/// The fill after stroke `i` (see journalStepFills): a rectangle that cuts through tiles, so
/// that the delta holds full tiles as well as uniform ones.
inline void fillAfterJournalStroke(core::Document& doc, int i)
{
    core::Transaction tx(doc, "Fill");
    auto target = tx.target(doc.root().children()[0]->id());
    if (!target) return;
    target->fillRect({(i * 37) % 200, 20 + (i * 23) % 150, 90, 70},
                     {std::uint16_t(3000 * (i % 11)), 20000, 40000, 65535});
    tx.commit();
}

}  // namespace signe::test
