// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <atomic>
#include <filesystem>
#include <functional>
#include <memory>
#include <thread>

#include "core/document.h"
#include "core/io/openraster.h"
#include "core/result.h"

namespace signe::core {

/// The steps of a journal snapshot written on a thread of its own (docs/journal.md,
/// "Snapshots written beside the painting").
enum class SnapshotStep {
    Writing,   ///< on the writer's thread: the copy is made, the file not yet begun
    Written,   ///< on the writer's thread: the write has ended, well or not
    Switched,  ///< on the editing thread: the journal now starts from the new snapshot; the
               ///< old snapshot is about to be removed
};
using SnapshotStepListener = std::function<void(SnapshotStep)>;

/// Writes a copy of a document (Document::snapshot()) as an OpenRaster file on a thread of its
/// own, so that the thread editing the document goes on meanwhile. The file is written beside
/// its name, flushed and renamed (saveOpenRaster), so it appears whole or not at all.
///
///     auto writer = SnapshotWriter::start(doc.snapshot(), path, options, onStep);
///     ...                                  // the editing thread goes on editing `doc`
///     if ((*writer)->hasEnded()) auto written = (*writer)->finish();
///
/// Threading: start, finish and destroy it on the editing thread. The copy is destroyed in
/// finish(), after the writer's thread has joined (what Document::snapshot() asks).
class SnapshotWriter {
public:
    /// Starts writing `copy` to `file`. `onStep` (may be empty) hears Writing and Written on
    /// the writer's thread; it must not wait for the editing thread, which may be waiting in
    /// finish() for it to return. An error if no thread can be started.
    static Result<std::unique_ptr<SnapshotWriter>> start(std::unique_ptr<Document> copy,
                                                         std::filesystem::path file,
                                                         OraSaveOptions options,
                                                         SnapshotStepListener onStep);
    /// Waits for the write to end, as finish() does; the file is left as it is.
    ~SnapshotWriter();
    SnapshotWriter(const SnapshotWriter&) = delete;
    SnapshotWriter& operator=(const SnapshotWriter&) = delete;

    /// True once the write has ended (finish() then returns without waiting for it).
    bool hasEnded() const { return m_ended.load(std::memory_order_acquire); }
    /// Waits for the write to end and returns how it went; the copy is destroyed here.
    /// Call once.
    Result<void> finish();
    const std::filesystem::path& file() const { return m_file; }

private:
    SnapshotWriter(std::unique_ptr<Document> copy, std::filesystem::path file)
        : m_copy(std::move(copy)), m_file(std::move(file))
    {
    }
    void write(const OraSaveOptions& options, const SnapshotStepListener& onStep);

    std::unique_ptr<Document> m_copy;
    std::filesystem::path m_file;
    Result<void> m_outcome;  // written by the writer's thread, read after it has joined
    std::atomic<bool> m_ended{false};
    std::thread m_thread;
};

}  // namespace signe::core
