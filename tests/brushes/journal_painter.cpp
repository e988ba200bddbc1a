// SPDX-License-Identifier: GPL-3.0-or-later
// A painting process for journal_kill_test: paints the journal test strokes one after another
// into a journal, printing "painted N" after each, until it is killed. SNAPSHOT-EVERY: the
// journal's operations between periodic snapshots (default: the journal's own). "fills": some
// strokes are followed by a fill the journal records as a delta (journalStepFills).
//
//     signe_journal_painter JOURNAL STROKES [SNAPSHOT-EVERY [fills]]
#include <cstdio>
#include <cstdlib>
#include <string>

#include "journal_painting.h"

int main(int argc, char** argv)
{
    if (argc < 3 || argc > 5) {
        std::fprintf(stderr,
                     "usage: signe_journal_painter JOURNAL STROKES [SNAPSHOT-EVERY [fills]]\n");
        return 2;
    }
    auto doc = signe::test::journalCanvas();
    signe::core::JournalOptions options;
    if (argc >= 4) options.snapshotEvery = std::atoi(argv[3]);
    const bool fills = argc == 5 && std::string(argv[4]) == "fills";
    auto journal = signe::core::Journal::start(*doc, argv[1], options);
    if (!journal) {
        std::fprintf(stderr, "signe_journal_painter: %s\n", journal.error().message.c_str());
        return 1;
    }
    const int strokes = std::atoi(argv[2]);
    for (int i = 0; i < strokes; ++i) {
        auto painted = signe::test::paintJournalStroke(*doc, i, journal->get());
        if (!painted || !(*journal)->error().empty()) {
            std::fprintf(stderr, "signe_journal_painter: stroke %d failed\n", i);
            return 1;
        }
        if (fills && signe::test::journalStepFills(i)) {
            signe::test::fillAfterJournalStroke(*doc, i);
            if (!(*journal)->error().empty()) {
                std::fprintf(stderr, "signe_journal_painter: fill %d failed\n", i);
                return 1;
            }
        }
        std::printf("painted %d\n", i + 1);
        std::fflush(stdout);
    }
    return 0;
}
