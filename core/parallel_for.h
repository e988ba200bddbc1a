// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <algorithm>
#include <atomic>
#include <thread>
#include <vector>

namespace signe::core {

/// Runs fn(i, state) for every i in [0, count) on up to `threads` threads (the caller's among
/// them), each thread with its own default-constructed `State` (scratch buffers). Work is
/// handed out one index at a time, so uneven items balance; callers that need identical
/// results for any thread count make each item independent of the others.
template <class State, class Fn>
void parallelFor(int count, int threads, Fn&& fn)
{
    threads = std::clamp(threads, 1, std::max(1, count));
    std::atomic<int> next{0};
    auto worker = [&] {
        State state;
        for (int i = next++; i < count; i = next++) fn(i, state);
    };
    std::vector<std::thread> pool;
    for (int t = 1; t < threads; ++t) pool.emplace_back(worker);
    worker();
    for (auto& th : pool) th.join();
}

}  // namespace signe::core
