// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QObject>
#include <atomic>
#include <functional>
#include <memory>

class QThread;

namespace signe::app {

/// Runs one long job (a load, save or export) on a worker thread and reports its progress and
/// its end on the thread that started it, so the window keeps repainting meanwhile.
///
///     task->start([doc = std::move(snapshot), path](const ProgressTask::Report& report) {
///         saveOpenRaster(*doc, path, {.progress = report});   // on the worker
///     }, [] { /* on the UI thread, after the worker has ended */ });
///
/// core reports progress on the thread that runs the job (here the worker); the report
/// function only stores the fraction in an atomic and posts one queued update per visible
/// step (a thousandth), so the event queue is never flooded. One job at a time.
class ProgressTask : public QObject {
    Q_OBJECT

public:
    /// What core's ProgressCallback receives: the fraction done, 0..1.
    using Report = std::function<void(double fraction)>;
    using Work = std::function<void(const Report& report)>;

    explicit ProgressTask(QObject* parent = nullptr);
    ~ProgressTask() override;  ///< waits for a running job

    /// Runs `work` on a new thread; `done` runs on this object's thread once it has ended
    /// (whatever `work` captured is destroyed on the worker, before `done`). False if a job is
    /// running already.
    bool start(Work work, std::function<void()> done = {});
    bool isRunning() const { return m_thread != nullptr; }
    /// Processes events until the running job has ended and `done` has run (tests, quitting).
    void waitForFinished();

    /// The last reported fraction in thousandths (0..1000).
    int permille() const { return m_permille.load(std::memory_order_relaxed); }

signals:
    /// The fraction done changed, in thousandths (0..1000). On this object's thread.
    void progressChanged(int permille);
    /// A job began or ended.
    void runningChanged(bool running);

private:
    void report(double fraction);
    void finish();

    QThread* m_thread = nullptr;
    std::function<void()> m_done;
    std::atomic<int> m_permille{0};
};

}  // namespace signe::app
