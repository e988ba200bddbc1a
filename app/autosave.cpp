// SPDX-License-Identifier: GPL-3.0-or-later
#include "app/autosave.h"

#include <memory>

#include "app/progress_task.h"
#include "app/recovery_store.h"
#include "core/document.h"
#include "core/io/openraster.h"

namespace signe::app {

namespace {
// When the source has nothing to copy because a stroke is in progress, look again soon
// rather than a whole interval later.
constexpr int kRetryMs = 5000;
}  // namespace

Autosave::Autosave(RecoveryStore& store, QObject* parent)
    : QObject(parent), m_store(store), m_task(new ProgressTask(this))
{
    m_timer.setInterval(kDefaultInterval);
    connect(&m_timer, &QTimer::timeout, this, &Autosave::tick);
    m_timer.start();
}

Autosave::~Autosave() = default;  // m_task, a child, waits for its worker

void Autosave::setInterval(std::chrono::milliseconds interval)
{
    m_timer.setInterval(interval);
    m_timer.start();
}

std::chrono::milliseconds Autosave::interval() const
{
    return m_timer.intervalAsDuration();
}

bool Autosave::isSaving() const
{
    return m_task->isRunning();
}

void Autosave::waitForIdle()
{
    m_task->waitForFinished();
}

QString Autosave::recoveryPath() const
{
    const QString session = m_store.sessionBaseName();
    return session.isEmpty() ? QString() : m_store.documentPath(session);
}

void Autosave::tick()
{
    if (!saveNow() && m_source && !isSaving()) {
        // Nothing written: either nothing to save (wait the whole interval) or a stroke is in
        // progress; a short retry is cheap, since the source decides quickly.
        QTimer::singleShot(kRetryMs, this, [this] {
            if (!isSaving()) saveNow();
        });
    }
}

bool Autosave::saveNow()
{
    if (isSaving() || !m_source) return false;
    std::unique_ptr<core::Document> snapshot = m_source();
    if (!snapshot) return false;
    if (m_store.sessionBaseName().isEmpty() && m_store.beginSession().isEmpty()) {
        emit failed(tr("Cannot create the recovery folder %1").arg(m_store.directory()));
        return false;
    }
    const QString path = recoveryPath();
    m_discardWhenDone = false;
    auto error = std::make_shared<QString>();
    std::shared_ptr<core::Document> doc(std::move(snapshot));
    m_task->start(
        [doc, path, error](const ProgressTask::Report&) {
            core::OraSaveOptions options;
            options.compression = kCompression;
            // One encoder thread: the painter's strokes keep the other core.
            options.threads = 1;
            auto done = core::saveOpenRaster(*doc, path.toStdString(), options);
            if (!done) *error = QString::fromStdString(done.error().message);
        },
        // `done` holds the snapshot last, so it dies on this thread after the worker has
        // joined (core::Document::snapshot()).
        [this, path, error, doc]() mutable {
            doc.reset();
            if (m_discardWhenDone) {
                m_discardWhenDone = false;
                m_store.removeDocumentCopy();
                return;
            }
            if (error->isEmpty())
                emit saved(path);
            else
                emit failed(*error);
        });
    return true;
}

void Autosave::discard()
{
    if (isSaving()) m_discardWhenDone = true;
    // Only the copy: the session's stroke journal is still recording (app/session_journal.h).
    m_store.removeDocumentCopy();
}

}  // namespace signe::app
