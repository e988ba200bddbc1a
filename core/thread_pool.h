// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <algorithm>
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstddef>
#include <memory>
#include <mutex>
#include <system_error>
#include <thread>
#include <vector>

namespace signe::core {

/// Threads that outlive the work they do, so that handing work to them costs a wake-up (a few
/// microseconds), not a thread creation. The process has one pool, created on first use; its
/// threads sleep on a condition variable when there is nothing to do and end at exit.
///
/// Work tends to come in bursts of small tasks (a brush hands over a batch of dabs every
/// hundred microseconds or so), so a thread that runs out of work first polls for kSpin before
/// it sleeps, and a caller waiting for helpers to leave a task polls as long before it sleeps:
/// a task handed over in a burst then starts and ends without a trip through the kernel on
/// either side. Outside bursts the cost is kSpin of one core after each task.
///
/// Work comes as a Task: a body that any number of threads may run at once and that returns
/// when there is nothing left for it to take (typically a loop over an atomic counter). The
/// caller always runs the body too, in finish(), so a task completes even if no pool thread is
/// free; helpers are extra hands, never needed for progress. That also makes nested use safe.
///
///     std::atomic<int> next{0};
///     auto body = [&] { for (int i = next++; i < count; i = next++) work(i); };
///     ThreadPool::Task task(body);
///     ThreadPool::shared().start(task, 3);  // up to 3 pool threads may join from now on
///     ...                                   // the caller may do something else meanwhile
///     ThreadPool::shared().finish(task);    // runs body here too, waits for the helpers
///
/// Header-only, so that it needs no build change; the pool itself is one object per process
/// (an inline function's static).
class ThreadPool {
public:
    /// One piece of shared work. Owned by the caller; must stay alive and in place from start()
    /// until finish() returns. The body is referenced, not copied.
    class Task {
    public:
        template <class Body>
        explicit Task(Body& body)
            : m_run([](void* b) { (*static_cast<Body*>(b))(); }), m_body(&body)
        {
        }
        Task(const Task&) = delete;
        Task& operator=(const Task&) = delete;

    private:
        friend class ThreadPool;
        void (*m_run)(void*);
        void* m_body;
        int m_wanted = 0;                 // helpers that may still join
        std::atomic<int> m_running = 0;   // helpers inside the body now (written under the lock)
        bool m_listed = false;
    };

    /// The process's pool.
    static ThreadPool& shared()
    {
        static ThreadPool pool;
        return pool;
    }

    ~ThreadPool()
    {
        {
            std::lock_guard lock(m_mutex);
            m_stop = true;
        }
        m_wake.notify_all();
        for (std::thread& t : m_threads) t.join();
    }
    ThreadPool(const ThreadPool&) = delete;
    ThreadPool& operator=(const ThreadPool&) = delete;

    /// Lets up to `helpers` pool threads run the task's body from now on, and returns at once.
    /// The pool grows to that many threads on first need (at most kMaxThreads); helpers <= 0
    /// makes finish() run the body on the caller alone.
    void start(Task& task, int helpers)
    {
        helpers = std::min(helpers, kMaxThreads);
        if (helpers <= 0) return;
        {
            std::lock_guard lock(m_mutex);
            grow(helpers);
            task.m_wanted = std::min(helpers, int(m_threads.size()));
            if (task.m_wanted == 0) return;
            task.m_listed = true;
            m_open.push_back(&task);
            m_openCount.store(int(m_open.size()), std::memory_order_relaxed);
            // Spinning threads see the task without being woken.
            if (m_sleepers == 0) return;
        }
        if (helpers == 1)
            m_wake.notify_one();
        else
            m_wake.notify_all();
    }

    /// Runs the body on the calling thread, then stops further helpers from joining and waits
    /// for those inside the body to return. Afterwards no pool thread touches the task. If the
    /// body throws on the caller, the helpers are still waited for and the exception passes on.
    void finish(Task& task)
    {
        try {
            task.m_run(task.m_body);
        } catch (...) {
            close(task);
            throw;
        }
        close(task);
    }

    /// Threads the pool has now (for tests and diagnostics).
    int size()
    {
        std::lock_guard lock(m_mutex);
        return int(m_threads.size());
    }

    static constexpr int kMaxThreads = 256;
    /// How long an idle thread polls for new work, and a caller for helpers to finish, before
    /// sleeping.
    static constexpr std::chrono::microseconds kSpin{200};

private:
    ThreadPool() = default;

    // Called with m_mutex held.
    void grow(int wanted)
    {
        while (int(m_threads.size()) < wanted) {
            try {
                m_threads.emplace_back([this] { workerLoop(); });
            } catch (const std::system_error&) {
                return;  // no more threads to be had: work with those there are
            }
        }
    }

    void close(Task& task)
    {
        std::unique_lock lock(m_mutex);
        unlist(task);
        if (task.m_running == 0) return;
        lock.unlock();
        spinUntil([&] { return task.m_running.load(std::memory_order_relaxed) == 0; });
        lock.lock();
        m_idle.wait(lock, [&] { return task.m_running == 0; });
    }

    /// Polls `done` for up to kSpin; true if it came true.
    template <class Done>
    static bool spinUntil(const Done& done)
    {
        const auto until = std::chrono::steady_clock::now() + kSpin;
        for (;;) {
            for (int i = 0; i < 64; ++i) {
                if (done()) return true;
#if defined(__x86_64__) || defined(__i386__)
                __builtin_ia32_pause();
#endif
            }
            if (std::chrono::steady_clock::now() >= until) return false;
            // Gives the core to any other thread that wants it: polling must not slow the
            // work it waits for when the machine is busy.
            std::this_thread::yield();
        }
    }

    // Called with m_mutex held.
    void unlist(Task& task)
    {
        if (!task.m_listed) return;
        task.m_listed = false;
        m_open.erase(std::find(m_open.begin(), m_open.end(), &task));
        m_openCount.store(int(m_open.size()), std::memory_order_relaxed);
    }

    void workerLoop()
    {
        std::unique_lock lock(m_mutex);
        for (;;) {
            if (m_open.empty() && !m_stop) {
                lock.unlock();
                spinUntil([&] { return m_openCount.load(std::memory_order_relaxed) > 0; });
                lock.lock();
            }
            ++m_sleepers;
            m_wake.wait(lock, [&] { return m_stop || !m_open.empty(); });
            --m_sleepers;
            if (m_stop) return;
            Task& task = *m_open.front();
            if (--task.m_wanted == 0) unlist(task);
            ++task.m_running;
            lock.unlock();
            task.m_run(task.m_body);
            lock.lock();
            if (--task.m_running == 0 && !task.m_listed) m_idle.notify_all();
        }
    }

    std::mutex m_mutex;
    std::condition_variable m_wake;  // work was listed, or the pool is stopping
    std::condition_variable m_idle;  // a task's last helper left it
    std::vector<Task*> m_open;       // tasks that helpers may still join, oldest first
    std::atomic<int> m_openCount{0};  // m_open.size(), for spinning threads to poll unlocked
    int m_sleepers = 0;              // threads waiting on m_wake
    std::vector<std::thread> m_threads;
    bool m_stop = false;
};

}  // namespace signe::core
