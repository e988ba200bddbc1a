// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/journal/snapshot_writer.h"

#include <exception>
#include <new>
#include <system_error>

namespace signe::core {

Result<std::unique_ptr<SnapshotWriter>> SnapshotWriter::start(std::unique_ptr<Document> copy,
                                                              std::filesystem::path file,
                                                              OraSaveOptions options,
                                                              SnapshotStepListener onStep)
{
    std::unique_ptr<SnapshotWriter> writer(new SnapshotWriter(std::move(copy), std::move(file)));
    try {
        writer->m_thread =
            std::thread([self = writer.get(), options = std::move(options),
                         onStep = std::move(onStep)] { self->write(options, onStep); });
    } catch (const std::system_error& e) {
        return fail(ErrorCode::IoError, "cannot start writing journal snapshot '" +
                                            writer->m_file.string() + "': " + e.what());
    }
    return writer;
}

SnapshotWriter::~SnapshotWriter()
{
    if (m_thread.joinable()) m_thread.join();
}

void SnapshotWriter::write(const OraSaveOptions& options, const SnapshotStepListener& onStep)
{
    if (onStep) onStep(SnapshotStep::Writing);
    // Nothing may escape a thread's function (std::terminate): whatever goes wrong is the
    // outcome, which the editing thread reports.
    try {
        m_outcome = saveOpenRaster(*m_copy, m_file, options);
    } catch (const std::bad_alloc&) {
        m_outcome = fail(ErrorCode::IoError,
                         "out of memory while writing journal snapshot '" + m_file.string() + "'");
    } catch (const std::exception& e) {
        m_outcome = fail(ErrorCode::IoError,
                         "cannot write journal snapshot '" + m_file.string() + "': " + e.what());
    }
    // Ended before Written is told, so that whoever hears it finds hasEnded() true.
    m_ended.store(true, std::memory_order_release);
    if (onStep) onStep(SnapshotStep::Written);
}

Result<void> SnapshotWriter::finish()
{
    if (m_thread.joinable()) m_thread.join();
    m_copy.reset();
    return m_outcome;
}

}  // namespace signe::core
