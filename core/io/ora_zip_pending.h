// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <condition_variable>
#include <cstdint>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "core/result.h"

struct zip;
struct zip_source;

namespace signe::core::ora {

/// A zip entry whose bytes are still being made on another thread. libzip reads an entry's
/// data only while it closes the archive, entry by entry; a pending entry's source makes that
/// read wait until its bytes are supplied. So the archive can be written while the entries are
/// still being encoded, and each entry's bytes are dropped as soon as they are written.
class PendingEntry {
public:
    /// Hands over the bytes, or the error that means they will never come. Once only.
    void supply(Result<std::vector<std::uint8_t>> bytes);
    /// The error supplied instead of bytes, if any.
    std::optional<Error> error() const;

    /// A libzip source reading this entry (it shares ownership), or null on failure.
    static zip_source* makeSource(zip* archive, std::shared_ptr<PendingEntry> entry);

private:
    friend struct PendingSource;
    /// Waits for supply(); false when an error came instead of bytes.
    bool waitForBytes();

    mutable std::mutex m_mutex;
    std::condition_variable m_supplied;
    bool m_ready = false;
    std::optional<Error> m_error;
    std::vector<std::uint8_t> m_bytes;
    std::uint64_t m_size = 0;
    std::uint64_t m_offset = 0;  // libzip's read position, used on its thread only
};

}  // namespace signe::core::ora
