// SPDX-License-Identifier: GPL-3.0-or-later
// Crash recovery for real: a painting process is killed (SIGKILL) in the middle of its work,
// and the journal it leaves rebuilds every stroke it finished, pixel for pixel.
#include <gtest/gtest.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <string>
#include <tuple>

#include "brushes/stroke_record.h"
#include "journal_painting.h"

using namespace signe;
namespace fs = std::filesystem;

namespace {

core::Result<void> replay(core::Document& doc, std::string_view stroke)
{
    auto record = brushes::decodeStrokeRecord(stroke);
    if (!record) return tl::unexpected(record.error());
    return brushes::replayStroke(
        doc, *record,
        [](const brushes::Preset&) -> core::Result<std::shared_ptr<const brushes::BrushTip>> {
            return nullptr;
        });
}

std::vector<core::Pixel16> pixelsOf(const core::Document& doc)
{
    std::vector<core::Pixel16> px(std::size_t(doc.width()) * std::size_t(doc.height()));
    doc.root().children()[0]->tiles().readRect(doc.bounds(), px.data(), doc.width());
    return px;
}

/// Starts the painter (snapshots every `snapshotEvery` operations, some strokes followed by
/// fills if `fills`), waits until it reports `strokes` strokes, kills it and returns how many
/// it had reported.
int paintAndKill(const fs::path& journal, int strokes, int snapshotEvery, bool fills)
{
    const std::string every = std::to_string(snapshotEvery);
    int out[2];
    if (pipe(out) != 0) return -1;
    const pid_t child = fork();
    if (child == 0) {
        dup2(out[1], STDOUT_FILENO);
        close(out[0]);
        close(out[1]);
        execl(SIGNE_JOURNAL_PAINTER, SIGNE_JOURNAL_PAINTER, journal.c_str(), "1000", every.c_str(),
              fills ? "fills" : static_cast<char*>(nullptr), static_cast<char*>(nullptr));
        _exit(127);
    }
    close(out[1]);
    std::FILE* lines = fdopen(out[0], "r");
    int reported = 0;
    char line[64];
    while (reported < strokes && std::fgets(line, sizeof line, lines)) ++reported;
    kill(child, SIGKILL);  // mid-way through the next stroke, or its journal record
    int status = 0;
    waitpid(child, &status, 0);
    std::fclose(lines);
    EXPECT_TRUE(WIFSIGNALED(status)) << "the painter was to be killed, not to finish";
    return reported;
}

}  // namespace

TEST(JournalKill, RecoveryAfterSigkillRebuildsEveryFinishedStroke)
{
    // A folder of this process's own: two runs of the suite at once (a developer's and a
    // fresh clone's) must not kill or recover each other's painting.
    const fs::path dir =
        fs::temp_directory_path() / ("signe-journal-kill-" + std::to_string(getpid()));
    fs::remove_all(dir);
    fs::create_directories(dir);
    const fs::path journal = dir / "painting.signe-journal";
    // With a snapshot every 200 operations the kill finds none being written; with one every
    // operation or two it nearly always finds one being written, or written and not yet
    // switched to, on the writer's thread.
    // With fills, some strokes are followed by a pixel change recorded as a delta file.
    const std::tuple<int, int, bool> runs[] = {{3, 200, false}, {7, 200, false}, {4, 1, false},
                                               {9, 2, false},   {8, 200, true},  {6, 2, true}};
    for (const auto& [wanted, snapshotEvery, fills] : runs) {
        SCOPED_TRACE("killed after " + std::to_string(wanted) + " strokes, snapshots every " +
                     std::to_string(snapshotEvery) + " operations" + (fills ? ", fills" : ""));
        const int reported = paintAndKill(journal, wanted, snapshotEvery, fills);
        ASSERT_EQ(reported, wanted);
        auto recovered = core::recoverJournal(journal, replay, 2);
        ASSERT_TRUE(recovered) << recovered.error().message;
        // The strokes replayed are those after the snapshot; the clock counts them all.
        const int strokes = int(recovered->document->clock().strokes());
        // Every stroke it reported is there; one more may be, finished but not yet reported.
        EXPECT_GE(strokes, reported);
        EXPECT_LE(strokes, reported + 1);
        // The last stroke's fill may have been cut off by the kill: either state is whole.
        const auto reference = [&](bool lastFill) {
            auto doc = test::journalCanvas();
            for (int i = 0; i < strokes; ++i) {
                EXPECT_TRUE(test::paintJournalStroke(*doc, i, nullptr));
                if (fills && test::journalStepFills(i) && (i + 1 < strokes || lastFill))
                    test::fillAfterJournalStroke(*doc, i);
            }
            return pixelsOf(*doc);
        };
        const auto got = pixelsOf(*recovered->document);
        EXPECT_TRUE(got == reference(true) || (fills && got == reference(false)))
            << "after " << strokes << " strokes";
        fs::remove_all(dir);
        fs::create_directories(dir);
    }
    fs::remove_all(dir);
}
