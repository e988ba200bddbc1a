// SPDX-License-Identifier: GPL-3.0-or-later
// The app killed for real: a painting session (signe_app_painter) is sent SIGKILL after some
// strokes; the next start finds its recovery set, and the stroke journal rebuilds exactly the
// document it had.
#include <gtest/gtest.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <QDir>
#include <cstdio>
#include <cstdlib>
#include <string>

#include "app/document_files.h"
#include "app/main_window.h"
#include "app/session_journal.h"
#include "layer_hash.h"
#include "test_application.h"

namespace signe::app {
namespace {

struct Killed {
    int strokes = 0;
    std::string lastHash;  // "painted N HASH": the document's hash after the last stroke
};

/// Runs the painter with recovery folder `dir`, lets it paint `strokes` strokes, kills it.
/// `snapshotEvery`: the painter's journal setting ("" for the app's own).
Killed paintAndKill(const QString& dir, const char* preset, const char* snapshotEvery, int strokes)
{
    int out[2], in[2];
    if (pipe(out) != 0 || pipe(in) != 0) return {};
    const pid_t child = fork();
    if (child == 0) {
        dup2(out[1], STDOUT_FILENO);
        dup2(in[0], STDIN_FILENO);
        close(out[0]), close(out[1]), close(in[0]), close(in[1]);
        setenv("SIGNE_RECOVERY_DIR", dir.toLocal8Bit().constData(), 1);
        if (*snapshotEvery)
            execl(SIGNE_APP_PAINTER, SIGNE_APP_PAINTER, preset, snapshotEvery,
                  static_cast<char*>(nullptr));
        else
            execl(SIGNE_APP_PAINTER, SIGNE_APP_PAINTER, preset, static_cast<char*>(nullptr));
        _exit(127);
    }
    close(out[1]), close(in[0]);
    std::FILE* lines = fdopen(out[0], "r");
    Killed killed;
    char line[128];
    while (killed.strokes < strokes && std::fgets(line, sizeof line, lines)) {
        ++killed.strokes;
        killed.lastHash = std::string(line).substr(std::string(line).rfind(' ') + 1, 16);
        if (killed.strokes < strokes && write(in[1], "\n", 1) != 1) break;
    }
    kill(child, SIGKILL);
    int status = 0;
    waitpid(child, &status, 0);
    std::fclose(lines);
    close(in[1]);
    EXPECT_TRUE(WIFSIGNALED(status));
    return killed;
}

TEST(AppCrash, TheNextStartRecoversEveryStrokeFromTheJournal)
{
    test::application();
    const QString dir = QDir::temp().filePath(QStringLiteral("signe-app-crash-test"));
    QDir(dir).removeRecursively();
    // The last run starts a periodic snapshot with every stroke, so the kill comes while one
    // is being written (or written and not yet switched to).
    const std::pair<const char*, const char*> runs[] = {
        {"Oil Round", ""}, {"Wet on Wet", ""}, {"Oil Round", "1"}};
    for (const auto& [preset, snapshotEvery] : runs) {
        const Killed killed = paintAndKill(dir, preset, snapshotEvery, 4);
        ASSERT_EQ(killed.strokes, 4) << preset << " " << snapshotEvery;
        qputenv("SIGNE_RECOVERY_DIR", dir.toLocal8Bit());
        MainWindow window;
        const auto sets = window.files()->recoveryStore().sets();
        ASSERT_EQ(sets.size(), 1u) << preset << " " << snapshotEvery;
        ASSERT_FALSE(sets[0].journalPath.isEmpty());
        ASSERT_TRUE(window.files()->openJournal(sets[0]));
        char hash[17];
        std::snprintf(hash, sizeof hash, "%016llx",
                      static_cast<unsigned long long>(signe::test::layerHash(*window.document())));
        EXPECT_EQ(hash, killed.lastHash)
            << preset << " " << snapshotEvery << ": the recovered document differs";
        EXPECT_TRUE(window.files()->isModified());
        // The recovered work is in this session's own journal, on disk, and the crashed set
        // is gone (sets() lists no live session's): the journal replays to the same document.
        const RecoveryStore& store = window.files()->recoveryStore();
        EXPECT_TRUE(store.sets().empty());
        EXPECT_NE(store.sessionBaseName(), sets[0].baseName);
        auto again =
            SessionJournal::recover(store.journalPath(store.sessionBaseName()), window.presets());
        ASSERT_TRUE(again) << again.error().message;
        std::snprintf(hash, sizeof hash, "%016llx",
                      static_cast<unsigned long long>(signe::test::layerHash(*again->document)));
        EXPECT_EQ(hash, killed.lastHash) << "the new journal holds the recovered work";
        window.files()->prompts().askUnsaved = [](const QString&) {
            return UnsavedChoice::Discard;
        };
        ASSERT_TRUE(window.close());
        EXPECT_TRUE(window.files()->recoveryStore().sets().empty()) << "a normal quit cleans up";
    }
    qunsetenv("SIGNE_RECOVERY_DIR");
    QDir(dir).removeRecursively();
}

}  // namespace
}  // namespace signe::app
