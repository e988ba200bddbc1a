// SPDX-License-Identifier: GPL-3.0-or-later
#include "app/progress_task.h"

#include <QEventLoop>
#include <QThread>
#include <algorithm>
#include <cmath>

namespace signe::app {

ProgressTask::ProgressTask(QObject* parent) : QObject(parent) {}

ProgressTask::~ProgressTask()
{
    // The worker captures state the caller handed us; it must not outlive this object.
    if (m_thread) {
        m_thread->wait();
        delete m_thread;
    }
}

bool ProgressTask::start(Work work, std::function<void()> done)
{
    if (m_thread) return false;
    m_done = std::move(done);
    m_permille.store(0, std::memory_order_relaxed);
    emit progressChanged(0);
    m_thread = QThread::create([this, work = std::move(work)]() mutable {
        work([this](double fraction) { report(fraction); });
        // Free what the job captured (a snapshot, a loaded file's buffers) here, before the
        // UI thread learns that the job is over.
        work = nullptr;
    });
    // finished() is emitted by the worker; the queued connection brings it to our thread,
    // after the thread's function has returned, so finish() sees everything it wrote.
    connect(m_thread, &QThread::finished, this, &ProgressTask::finish, Qt::QueuedConnection);
    m_thread->start();
    emit runningChanged(true);
    return true;
}

void ProgressTask::report(double fraction)
{
    const int permille = int(std::lround(std::clamp(fraction, 0.0, 1.0) * 1000.0));
    const int before = m_permille.exchange(permille, std::memory_order_relaxed);
    if (before == permille) return;
    QMetaObject::invokeMethod(
        this, [this] { emit progressChanged(m_permille.load(std::memory_order_relaxed)); },
        Qt::QueuedConnection);
}

void ProgressTask::finish()
{
    if (!m_thread) return;
    m_thread->wait();  // returns at once: the thread has finished
    delete m_thread;
    m_thread = nullptr;
    std::function<void()> done = std::move(m_done);
    m_done = nullptr;
    emit runningChanged(false);
    if (done) done();
}

void ProgressTask::waitForFinished()
{
    if (!m_thread) return;
    QEventLoop loop;
    // quit() only takes effect once finish() (and the job's `done`) has returned.
    connect(this, &ProgressTask::runningChanged, &loop, [&loop](bool running) {
        if (!running) loop.quit();
    });
    loop.exec();
}

}  // namespace signe::app
