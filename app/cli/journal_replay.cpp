// SPDX-License-Identifier: GPL-3.0-or-later
#include "app/cli/journal_replay.h"

#include <map>
#include <memory>
#include <mutex>

#include "brushes/stroke_record.h"

namespace signe::cli {

namespace fs = std::filesystem;

fs::path shippedTipsFolder()
{
    return fs::path(SIGNE_RESOURCES_DIR) / "tips";
}

core::StrokeReplayer strokeReplayer(fs::path tips, int threads)
{
    // Tips are loaded once each and kept for the whole recovery.
    auto loaded =
        std::make_shared<std::map<std::string, std::shared_ptr<const brushes::BrushTip>>>();
    brushes::TipResolver tipFor = [tips, loaded](const brushes::Preset& preset)
        -> core::Result<std::shared_ptr<const brushes::BrushTip>> {
        if (auto it = loaded->find(preset.tip); it != loaded->end()) return it->second;
        auto tip = brushes::loadBrushTip(tips / preset.tip);
        if (!tip) return tl::unexpected(tip.error());
        auto shared = std::make_shared<const brushes::BrushTip>(std::move(*tip));
        loaded->emplace(preset.tip, shared);
        return shared;
    };
    return [tipFor, threads](core::Document& doc, std::string_view stroke) -> core::Result<void> {
        auto record = brushes::decodeStrokeRecord(stroke);
        if (!record) return tl::unexpected(record.error());
        return brushes::replayStroke(doc, *record, tipFor, threads);
    };
}

std::string strokeInWords(std::string_view stroke)
{
    auto record = brushes::decodeStrokeRecord(stroke);
    return record ? brushes::describeStroke(*record) : "unreadable: " + record.error().message;
}

bool isJournalPath(const fs::path& path)
{
    return path.extension() == ".signe-journal";
}

}  // namespace signe::cli
