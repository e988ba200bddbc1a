// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <cstdio>
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"

namespace signe::core {

/// The framing of a journal file (docs/journal.md): a header line, then one record a line,
/// each line its text's checksum (16 hex digits of 64-bit FNV-1a) and the text. A record is
/// flushed to the disk before append() returns, so once it returns a crash cannot lose it;
/// a crash while writing leaves at most one damaged last line, which reading drops.
///
///     auto file = JournalFile::create(path);         // or JournalFile::append(path)
///     file->append(R"({"op":"undo"})");
///     auto read = readJournalFile(path);              // records, and what was dropped
class JournalFile {
public:
    /// A new journal (replacing any file at `path`), header written and flushed.
    static Result<JournalFile> create(const std::filesystem::path& path);
    /// An existing journal, to append records to (its header is checked).
    static Result<JournalFile> openForAppend(const std::filesystem::path& path);

    JournalFile(JournalFile&& other) noexcept;
    JournalFile& operator=(JournalFile&& other) noexcept;
    ~JournalFile();

    /// Writes one record (no newlines in it) and flushes it to the disk.
    Result<void> append(std::string_view record);
    /// Writes several records and flushes them to the disk once; nothing is written if one
    /// of them cannot be a record.
    Result<void> append(const std::vector<std::string>& records);
    const std::filesystem::path& path() const { return m_path; }

private:
    JournalFile(std::FILE* file, std::filesystem::path path) : m_file(file), m_path(std::move(path))
    {
    }
    std::FILE* m_file = nullptr;
    std::filesystem::path m_path;
};

/// What a journal file holds.
struct JournalContents {
    std::vector<std::string> records;
    /// Set when the file ends in a damaged or unfinished line (a crash while writing, or a
    /// damaged disk): what was dropped and where. Every record before it is in `records`.
    std::string damage;
};

/// Reads a journal file: an error for a missing file or one that is not a journal; records up
/// to the first damaged line otherwise. Lines over kMaxRecordBytes are damage, not memory.
Result<JournalContents> readJournalFile(const std::filesystem::path& path);

/// The longest record a journal holds (a stroke of about a million events).
inline constexpr std::size_t kMaxRecordBytes = std::size_t(64) << 20;

/// Writes `records` as a new journal at `path` atomically: beside it first, flushed, then
/// renamed over it, so a crash leaves either the old journal or the new one.
Result<void> replaceJournalFile(const std::filesystem::path& path,
                                const std::vector<std::string>& records);

}  // namespace signe::core
