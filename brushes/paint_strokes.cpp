// SPDX-License-Identifier: GPL-3.0-or-later
#include "brushes/paint_strokes.h"

#include "brushes/stroke_record.h"
#include "core/transaction.h"

namespace signe::brushes {

core::Result<PaintStats> paintStrokes(core::Document& doc, core::LayerId layer,
                                      const Preset& preset,
                                      const std::vector<std::vector<InputEvent>>& strokes,
                                      const StrokeOptions& options, core::Journal* journal)
{
    PaintStats stats;
    for (std::size_t i = 0; i < strokes.size(); ++i) {
        const std::vector<InputEvent>& events = strokes[i];
        if (events.empty()) continue;
        // The events' times drive the document's clock (which never goes back), so paint
        // drying by time dries the same way however fast this runs.
        doc.clock().setSeconds(events.front().t);
        core::Transaction tx(doc, "Brush stroke");
        auto target = tx.target(layer);
        if (!target) return tl::unexpected(target.error());
        StrokeOptions strokeOptions = options;
        strokeOptions.seed = options.seed + i;
        StrokeEngine stroke(preset, *target, strokeOptions);
        stroke.begin(events.front());
        for (std::size_t e = 1; e < events.size(); ++e) stroke.add(events[e]);
        stroke.end();
        if (journal) {
            StrokeRecord record{doc.pathOf(layer), preset, strokeOptions.color, strokeOptions.seed,
                                doc.clock().strokes() > 0
                                    ? doc.clock().strokeSeconds(doc.clock().strokes())
                                    : doc.clock().seconds(),
                                events};
            journal->commitStroke(tx, encodeStrokeRecord(record));
        } else {
            tx.commit();
        }
        ++stats.strokes;
        stats.dabs += stroke.dabCount();
        stats.dabPixels += stroke.dabPixels();
    }
    return stats;
}

}  // namespace signe::brushes
