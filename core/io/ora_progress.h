// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <algorithm>
#include <atomic>
#include <cstdint>
#include <thread>

#include "core/io/image_io.h"

namespace signe::core::ora {

/// Work done by the threads of a load or save, counted in units all of them add to; the
/// callback is called only on the thread that made this object (ProgressCallback's promise),
/// with the fraction done times `scale` (a save keeps the rest for writing the zip).
struct ThreadedProgress {
    const ProgressCallback* callback = nullptr;
    std::uint64_t total = 1;
    double scale = 1.0;
    std::thread::id caller = std::this_thread::get_id();
    std::atomic<std::uint64_t> done{0};

    void add(std::uint64_t units)
    {
        const std::uint64_t now = done += units;
        if (*callback && std::this_thread::get_id() == caller)
            (*callback)(std::min(1.0, double(now) / double(total)) * scale);
    }
};

}  // namespace signe::core::ora
