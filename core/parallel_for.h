// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <algorithm>
#include <atomic>

#include "core/thread_pool.h"

namespace signe::core {

/// Runs fn(i, state) for every i in [0, count) on up to `threads` threads (the caller's among
/// them), each thread with its own default-constructed `State` (scratch buffers). Work is
/// handed out one index at a time, so uneven items balance; callers that need identical
/// results for any thread count make each item independent of the others.
///
/// The other threads come from ThreadPool::shared(): a call costs a wake-up, not a thread
/// creation. With threads <= 1 (or count <= 1) everything runs on the caller, with no pool.
template <class State, class Fn>
void parallelFor(int count, int threads, Fn&& fn)
{
    threads = std::clamp(threads, 1, std::max(1, count));
    if (threads == 1) {
        State state;
        for (int i = 0; i < count; ++i) fn(i, state);
        return;
    }
    std::atomic<int> next{0};
    auto body = [&] {
        State state;
        for (int i = next++; i < count; i = next++) fn(i, state);
    };
    ThreadPool::Task task(body);
    ThreadPool& pool = ThreadPool::shared();
    pool.start(task, threads - 1);
    pool.finish(task);
}

}  // namespace signe::core
