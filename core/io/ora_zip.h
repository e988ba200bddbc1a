// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <cstdint>
#include <deque>
#include <filesystem>
#include <functional>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"

struct zip;
struct zip_source;

namespace signe::core::ora {

class PendingEntry;

/// Checks a file name that stack.xml (or Signe's own data) points to inside the archive: a
/// relative path of plain components, '/'-separated. Refuses "..", ".", empty components, a
/// leading '/', backslashes, drive letters ("C:"), control characters and names over 1024
/// bytes. The archive is never unpacked to disk, but a name that could escape a folder is a
/// sign of a hostile file, and other tools may unpack it.
Result<void> checkEntryName(std::string_view name);

/// Reads entries of a zip archive with a cap on what each may inflate to, counted while
/// inflating (the sizes in the archive's headers are claims, not facts).
/// One reader per thread: libzip's archive handle is not safe for concurrent use.
class ZipReader {
public:
    static Result<ZipReader> open(const std::filesystem::path& path);
    ZipReader(ZipReader&&) noexcept;
    ZipReader& operator=(ZipReader&&) noexcept;
    ~ZipReader();

    bool contains(std::string_view name) const;
    /// The name of entry 0 (OpenRaster puts "mimetype" there), or "" for an empty archive.
    std::string firstEntryName() const;
    /// True when the entry is stored without compression.
    bool isStored(std::string_view name) const;

    /// The first `count` bytes of an entry (fewer if it is shorter), inflating no further.
    Result<std::vector<std::uint8_t>> readHead(std::string_view name, std::size_t count) const;

    /// Reads a whole entry. `maxBytes` caps its inflated size. When `limitFromHead` is given it
    /// sees the first bytes (up to 64, fewer for a shorter entry) and returns the cap for the
    /// rest (a PNG's header says how large its data can sensibly be) or an error.
    using HeadCheck = std::function<Result<std::uint64_t>(std::span<const std::uint8_t> head)>;
    Result<std::vector<std::uint8_t>> read(std::string_view name, std::uint64_t maxBytes,
                                           const HeadCheck& limitFromHead = {}) const;

private:
    ZipReader(zip* archive, std::string displayName);
    zip* m_zip = nullptr;
    std::string m_displayName;  // the archive's file name, for messages
};

/// Writes a new zip archive: entries go in the order they are added. Nothing appears at
/// `path` until close() succeeds (libzip writes a temporary file beside it and renames).
class ZipWriter {
public:
    static Result<ZipWriter> create(const std::filesystem::path& path);
    ZipWriter(ZipWriter&&) noexcept;
    ZipWriter& operator=(ZipWriter&&) noexcept;
    ~ZipWriter();  ///< without close(): discards everything

    /// Adds an entry; the writer keeps `data` until close(). `compress` deflates it (PNGs are
    /// compressed already and go in stored, as does OpenRaster's "mimetype").
    Result<void> add(const std::string& name, std::vector<std::uint8_t> data, bool compress);
    /// Adds a stored entry whose bytes come later, from any thread, through supply(). close()
    /// writes the entries in order and waits at a pending one until its bytes (or an error)
    /// are supplied, so it can run on its own thread while the entries are still being made.
    /// Returns the entry's handle for supply(). Every pending entry must be supplied, or
    /// close() waits forever.
    Result<std::size_t> addPending(const std::string& name);
    /// Thread-safe. An error makes close() fail with that error.
    void supply(std::size_t pending, Result<std::vector<std::uint8_t>> bytes);
    Result<void> close();

private:
    ZipWriter(zip* archive, std::string displayName);
    /// Adds `source` (freed on failure) as entry `name`.
    Result<void> addSource(const std::string& name, zip_source* source, bool compress);
    zip* m_zip = nullptr;
    std::string m_displayName;
    std::deque<std::vector<std::uint8_t>> m_data;  // stable addresses for libzip's sources
    std::vector<std::shared_ptr<PendingEntry>> m_pending;
};

}  // namespace signe::core::ora
