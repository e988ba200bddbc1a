// SPDX-License-Identifier: GPL-3.0-or-later
// How long the editing thread stops for the stroke journal's snapshots (docs/journal.md):
// a snapshot taken at once (what every snapshot cost before periodic ones were written on a
// thread of their own, and what an import or a fill cost before they were deltas), a fill and
// an import of a whole layer recorded as deltas, and a periodic snapshot: the operation that
// starts it (copying the document), the operations recorded while it is written, and the one
// that switches the journal to it. A plain program; nothing is asserted.
//
//     signe_journal_snapshot_bench                    # 4096 px, 4 painted layers
//     signe_journal_snapshot_bench --layers 10        # the deltas' figures
//     signe_journal_snapshot_bench --side 256 --layers 2   # the smoke run
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <string>
#include <vector>

#include "core/journal/journal.h"
#include "core/transaction.h"

namespace signe::core {
namespace {

namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;

double msSince(Clock::time_point t0)
{
    return std::chrono::duration<double, std::milli>(Clock::now() - t0).count();
}

[[noreturn]] void die(const std::string& message)
{
    std::fprintf(stderr, "signe_journal_snapshot_bench: %s\n", message.c_str());
    std::exit(2);
}

/// Paint that compresses like paint: a gradient with a little noise in the low bits.
void paint(Layer& layer, int index, int side)
{
    std::vector<Pixel16> row(static_cast<std::size_t>(side));
    std::uint32_t state = 0x9e3779b9u * std::uint32_t(index + 1);
    for (int y = 0; y < side; ++y) {
        for (int x = 0; x < side; ++x) {
            state ^= state << 13, state ^= state >> 17, state ^= state << 5;
            const auto noise = std::uint16_t(state & 255);
            row[std::size_t(x)] = {std::uint16_t(x * 60000 / side + noise),
                                   std::uint16_t(y * 50000 / side + noise),
                                   std::uint16_t(20000 + 9000 * index + noise), 65535};
        }
        layer.tiles().writeRect({0, y, side, 1}, row.data(), side);
    }
}

/// A replayable operation whose pixels the painter made: what a brush stroke costs the
/// journal, without the brush (the record is not replayed here).
void stroke(Document& doc, Journal& journal, LayerId layer, int i)
{
    Transaction tx(doc, "Stroke");
    auto target = tx.target(layer);
    if (!target) die(target.error().message);
    const int side = doc.width();
    target->fillRect(
        {(i * 97) % std::max(1, side - 256), (i * 61) % std::max(1, side - 256), 256, 256},
        {std::uint16_t(i * 1000), 30000, 20000, 65535});
    journal.commitStroke(tx, R"({"bench":true})");
}

}  // namespace
}  // namespace signe::core

int main(int argc, char** argv)
{
    using namespace signe::core;
    int side = 4096, layers = 4;
    for (int i = 1; i + 1 < argc; i += 2) {
        if (std::strcmp(argv[i], "--side") == 0) side = std::atoi(argv[i + 1]);
        if (std::strcmp(argv[i], "--layers") == 0) layers = std::atoi(argv[i + 1]);
    }
    if (side < 256 || layers < 1) die("--side must be at least 256 and --layers at least 1");
    const fs::path dir = fs::temp_directory_path() / "signe-journal-snapshot-bench";
    fs::remove_all(dir);
    fs::create_directories(dir);

    auto doc = Document::create(side, side).value();
    for (int i = 0; i < layers; ++i) {
        const LayerId id = i == 0 ? doc->layerAtPath({0}) : doc->addPaintLayer("Paint").value();
        paint(*doc->mutableLayer(id), i, side);
    }
    const LayerId top = doc->layerAtPath({layers - 1});
    JournalOptions options;
    options.snapshotEvery = 10;
    bool switched = false;  // told on this thread
    options.onSnapshotStep = [&switched](SnapshotStep step) {
        if (step == SnapshotStep::Switched) switched = true;
    };
    auto t0 = Clock::now();
    auto started = Journal::start(*doc, dir / "bench.signe-journal", options);
    if (!started) die(started.error().message);
    Journal& journal = **started;
    std::setvbuf(stdout, nullptr, _IOLBF, 0);  // each figure as it comes
    std::printf("%d x %d, %d painted layers\n", side, side, layers);
    std::printf("start (a snapshot at once)          %9.1f ms\n", msSince(t0));

    // Pixels no operation describes, recorded as deltas. Before, each was a snapshot at once,
    // which costs what the start above did.
    const auto deltaBytes = [&] {
        std::uintmax_t bytes = 0;
        for (const auto& entry : fs::directory_iterator(dir))
            if (entry.path().extension() == ".bin") bytes = std::max(bytes, entry.file_size());
        return double(bytes) / (1 << 20);
    };
    t0 = Clock::now();
    {
        Transaction tx(*doc, "Fill");
        tx.target(top).value().fillRect({0, 0, side, side}, {1, 2, 3, 65535});
        tx.commit();
    }
    std::printf("a fill of a layer (a delta)         %9.1f ms\n", msSince(t0));
    {
        // An import: a painted picture written over the whole layer, each tile full.
        auto picture = Document::create(side, side).value();
        paint(*picture->mutableLayer(picture->layerAtPath({0})), layers, side);
        const TileStore& source = picture->layer(picture->layerAtPath({0}))->tiles();
        Transaction tx(*doc, "Import");
        auto target = tx.target(top).value();
        for (TileCoord c : source.coords()) {
            const TileData& tile = *source.peek(c);
            target.writeRect(c.pixelRect(), tile.pixels(), kTileSize);
        }
        t0 = Clock::now();  // the commit, which records it: the import's own work is before
        tx.commit();
    }
    std::printf("an import's commit (a delta)        %9.1f ms  (%.1f MB)\n", msSince(t0),
                deltaBytes());

    for (int i = 0; i < options.snapshotEvery - 1; ++i) stroke(*doc, journal, top, i);
    t0 = Clock::now();
    stroke(*doc, journal, top, 100);  // the periodic point
    std::printf("the stroke that starts a periodic   %9.1f ms\n", msSince(t0));
    const auto writing = Clock::now();
    double longest = 0, total = 0, switching = 0;
    int during = 0;
    // Until the switch: the stroke that makes it may start the next periodic snapshot at once
    // (the strokes recorded meanwhile count towards it).
    for (int i = 0; !switched; ++i) {
        t0 = Clock::now();
        stroke(*doc, journal, top, 200 + i);
        const double ms = msSince(t0);
        if (!switched) {
            longest = std::max(longest, ms);
            total += ms;
            ++during;
        } else {
            switching = ms;
        }
    }
    std::printf("written in                          %9.1f ms\n", msSince(writing));
    std::printf("  %5d strokes meanwhile: mean     %9.1f ms\n", during,
                total / std::max(1, during));
    std::printf("                          longest  %9.1f ms\n", longest);
    std::printf("the stroke that switches to it      %9.1f ms\n", switching);
    if (!journal.error().empty()) die(journal.error());
    journal.discard();
    fs::remove_all(dir);
    return 0;
}
