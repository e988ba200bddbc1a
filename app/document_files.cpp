// SPDX-License-Identifier: GPL-3.0-or-later
#include "app/document_files.h"

#include <QAction>
#include <QApplication>
#include <QDir>
#include <QFile>
#include <QFileDialog>
#include <QFileInfo>
#include <QLabel>
#include <QMenu>
#include <QMessageBox>
#include <QProgressBar>
#include <QStatusBar>
#include <QThread>
#include <filesystem>

#include "app/autosave.h"
#include "app/canvas_widget.h"
#include "app/export_dialog.h"
#include "app/layer_panel.h"
#include "app/main_window.h"
#include "app/progress_task.h"
#include "app/recovery_dialog.h"
#include "core/document.h"
#include "core/io/openraster.h"
#include "core/io/raster_format.h"

namespace signe::app {

namespace {

constexpr int kMessageMs = 5000;

// Paths are bytes on Linux; encodeName gives the bytes the file system expects.
std::filesystem::path toFsPath(const QString& path)
{
    return std::filesystem::path(QFile::encodeName(path).toStdString());
}

bool isOpenRaster(const QString& path)
{
    return QFileInfo(path).suffix().compare(QLatin1String("ora"), Qt::CaseInsensitive) == 0;
}

QString fromStd(const std::string& s)
{
    return QString::fromStdString(s);
}

}  // namespace

/// What a load hands from the worker to the UI thread.
struct DocumentFiles::LoadResult {
    std::unique_ptr<core::Document> document;
    core::LayerId selected = core::kNoLayer;
    QString lastPreset;  // the preset the file was painted with last ("" when it names none)
    QStringList warnings;
    QString error;
};

DocumentFiles::DocumentFiles(MainWindow& window)
    : QObject(&window), m_window(window), m_task(new ProgressTask(this))
{
    m_prompts.askUnsaved = [this](const QString& name) {
        return askUnsavedChanges(&m_window, name);
    };
    m_prompts.askSavePath = [this](const QString& suggested) {
        QString path = QFileDialog::getSaveFileName(&m_window, tr("Save Painting"), suggested,
                                                    tr("OpenRaster (*.ora)"));
        if (!path.isEmpty() && !isOpenRaster(path)) path += QStringLiteral(".ora");
        return path;
    };
    m_prompts.showError = [this](const QString& title, const QString& message) {
        QMessageBox::warning(&m_window, title, message);
    };
    m_prompts.showWarnings = [this](const QString& file, const QStringList& warnings) {
        // Not modal: the painting opened fine, the list is for reading when convenient.
        auto* box = new QMessageBox(QMessageBox::Information, tr("Opened with Warnings"),
                                    tr("%1 opened, but %n thing(s) in it had to be guessed or "
                                       "left out.",
                                       nullptr, int(warnings.size()))
                                        .arg(file),
                                    QMessageBox::Ok, &m_window);
        box->setDetailedText(warnings.join(QLatin1Char('\n')));
        box->setAttribute(Qt::WA_DeleteOnClose);
        box->setModal(false);
        box->show();
    };

    m_progressLabel = new QLabel(&m_window);
    m_progress = new QProgressBar(&m_window);
    m_progress->setObjectName(QStringLiteral("fileProgress"));
    m_progress->setRange(0, 1000);
    m_progress->setTextVisible(false);
    m_progress->setMaximumWidth(200);
    m_window.statusBar()->addPermanentWidget(m_progressLabel);
    m_window.statusBar()->addPermanentWidget(m_progress);
    m_progressLabel->hide();
    m_progress->hide();
    connect(m_task, &ProgressTask::progressChanged, m_progress, &QProgressBar::setValue);

    m_autosave = new Autosave(m_store, this);
    m_autosave->setSource([this]() -> std::unique_ptr<core::Document> {
        // A stroke in progress has written half its tiles and has no history entry yet: its
        // copy would match no state. Autosave tries again a little later.
        core::Document* doc = m_window.document();
        if (!doc || m_clean.isClean() || m_window.canvas()->isStroking() || isBusy())
            return nullptr;
        return doc->snapshot();
    });
    connect(m_autosave, &Autosave::failed, this,
            [this](const QString& message) { status(tr("Autosave failed: %1").arg(message)); });

    m_clean.setOnChanged([this] { updateTitle(); });
}

DocumentFiles::~DocumentFiles()
{
    // Reached on a normal exit (a crash never gets here): the recovery copy is not needed.
    m_task->waitForFinished();
    m_autosave->waitForIdle();
    m_window.canvas()->setJournal(nullptr);
    m_journal.stop();
    m_store.endSession();
    m_clean.setOnChanged({});
    m_clean.attach(nullptr);
}

void DocumentFiles::addActions(QMenu* menu)
{
    m_new = menu->addAction(tr("&New"), &m_window, &MainWindow::newDocument);
    m_new->setShortcut(QKeySequence::New);
    m_open = menu->addAction(tr("&Open..."), this, &DocumentFiles::open);
    m_open->setShortcut(QKeySequence::Open);
    m_import = menu->addAction(tr("&Import as Layer..."), this, &DocumentFiles::importLayer);
    m_import->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_I));
    menu->addSeparator();
    m_save = menu->addAction(tr("&Save"), this, qOverload<>(&DocumentFiles::save));
    m_save->setShortcut(QKeySequence::Save);
    m_saveAs = menu->addAction(tr("Save &As..."), this, qOverload<>(&DocumentFiles::saveAs));
    m_saveAs->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_S));
    m_export = menu->addAction(tr("&Export..."), this, &DocumentFiles::exportImage);
    m_export->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_E));
}

QString DocumentFiles::displayName() const
{
    return m_path.isEmpty() ? tr("Untitled") : QFileInfo(m_path).fileName();
}

bool DocumentFiles::isBusy() const
{
    return m_task->isRunning();
}

void DocumentFiles::waitForIdle()
{
    m_task->waitForFinished();
    m_autosave->waitForIdle();
}

void DocumentFiles::documentReplaced()
{
    m_path.clear();
    m_clean.attach(m_window.document() ? &m_window.document()->history() : nullptr);
    restartJournal(std::exchange(m_loadedFrom, QString()));
    updateTitle();
}

void DocumentFiles::restartJournal(const QString& savedFile)
{
    m_window.canvas()->setJournal(nullptr);
    const QString error = m_journal.start(m_window.document(), savedFile);
    if (!error.isEmpty()) status(tr("The stroke journal could not start: %1").arg(error));
    m_window.canvas()->setJournal(m_journal.journal());
}

void DocumentFiles::updateTitle()
{
    // "[*]" is where Qt shows the modified marker while windowModified is set.
    m_window.setWindowTitle(tr("%1[*] \u2014 Signe").arg(displayName()));
    const bool clean = m_clean.isClean();
    m_window.setWindowModified(!clean);
    // Back at what the file holds (saved, or undone to it): the recovery copy has nothing the
    // file lacks.
    if (clean && !m_wasClean) m_autosave->discard();
    m_wasClean = clean;
}

void DocumentFiles::status(const QString& message)
{
    m_window.statusBar()->showMessage(message, kMessageMs);
}

void DocumentFiles::fail(const QString& title, const QString& path, const QString& message)
{
    if (m_prompts.showError)
        m_prompts.showError(title, tr("%1\n\n%2").arg(QDir::toNativeSeparators(path), message));
}

void DocumentFiles::setBusy(bool busy)
{
    for (QAction* action : {m_new, m_open, m_import, m_save, m_saveAs, m_export})
        if (action) action->setEnabled(!busy);
    if (!busy) {
        m_progress->hide();
        m_progressLabel->hide();
        // Disabling took the keyboard focus away from the canvas (Space to pan needs it).
        if (!m_window.canvas()->isEnabled()) {
            m_window.canvas()->setEnabled(true);
            m_window.canvas()->setFocus();
        }
    }
    emit busyChanged(busy);
}

void DocumentFiles::beginProgress(const QString& what)
{
    m_progressLabel->setText(what);
    m_progress->setValue(0);
    m_progressLabel->show();
    m_progress->show();
    setBusy(true);
}

QString DocumentFiles::dialogFolder() const
{
    return m_path.isEmpty() ? QDir::homePath() : QFileInfo(m_path).absolutePath();
}

QString DocumentFiles::suggestedOraPath() const
{
    const QString base = m_path.isEmpty() ? tr("Untitled") : QFileInfo(m_path).completeBaseName();
    return dialogFolder() + QLatin1Char('/') + base + QStringLiteral(".ora");
}

// --- Unsaved changes --------------------------------------------------------------------------

void DocumentFiles::whenDiscardable(std::function<void()> proceed)
{
    m_window.canvas()->finishStroke();  // a stroke in progress is a change too
    const UnsavedStep step = unsavedStep(isModified(), [this] {
        return m_prompts.askUnsaved ? m_prompts.askUnsaved(displayName()) : UnsavedChoice::Cancel;
    });
    switch (step) {
        case UnsavedStep::Proceed:
            proceed();
            break;
        case UnsavedStep::SaveFirst:
            save([proceed = std::move(proceed)](bool ok) {
                if (ok) proceed();
            });
            break;
        case UnsavedStep::Stay:
            break;
    }
}

bool DocumentFiles::mayClose()
{
    // A save or export being written finishes first: its file must not be left half done.
    waitForIdle();
    m_window.canvas()->finishStroke();
    const UnsavedStep step = unsavedStep(isModified(), [this] {
        return m_prompts.askUnsaved ? m_prompts.askUnsaved(displayName()) : UnsavedChoice::Cancel;
    });
    switch (step) {
        case UnsavedStep::Proceed:
            m_window.canvas()->setJournal(nullptr);
            m_journal.stop();
            m_store.endSession();
            return true;
        case UnsavedStep::SaveFirst:
            // The save runs on a worker; once it has succeeded the document is clean and a
            // second close goes straight through.
            save([this](bool ok) {
                if (ok) QMetaObject::invokeMethod(&m_window, &QWidget::close, Qt::QueuedConnection);
            });
            return false;
        case UnsavedStep::Stay:
            break;
    }
    return false;
}

// --- Open --------------------------------------------------------------------------------------

void DocumentFiles::open()
{
    whenDiscardable([this] {
        const QString path = QFileDialog::getOpenFileName(
            &m_window, tr("Open Painting"), dialogFolder(),
            tr("Paintings and images (*.ora *.png *.jpg *.jpeg *.tif *.tiff *.exr *.webp *.psd);;"
               "OpenRaster (*.ora);;All files (*)"));
        if (!path.isEmpty()) startLoad(path, false, {});
    });
}

bool DocumentFiles::openFile(const QString& path)
{
    if (isBusy()) return false;
    // After a Save answer the load starts once the save has succeeded, after we return.
    auto started = std::make_shared<bool>(false);
    whenDiscardable([this, path, started] { *started = startLoad(path, false, {}); });
    return *started;
}

bool DocumentFiles::startLoad(const QString& path, bool recovered, const QString& recoveredBase)
{
    if (isBusy()) return false;
    auto result = std::make_shared<LoadResult>();
    const bool ora = isOpenRaster(path);
    const std::filesystem::path fsPath = toFsPath(path);
    beginProgress(tr("Opening %1\u2026").arg(QFileInfo(path).fileName()));
    // The document is about to be replaced: painting on it now would be lost work.
    m_window.canvas()->setEnabled(false);
    m_task->start(
        [result, ora, fsPath](const ProgressTask::Report& report) {
            if (ora) {
                core::OraLoadOptions options;
                options.progress = report;
                auto loaded = core::loadOpenRaster(fsPath, options);
                if (!loaded) {
                    result->error = fromStd(loaded.error().message);
                    return;
                }
                result->document = std::move(loaded->document);
                result->selected = loaded->selected;
                result->lastPreset = fromStd(loaded->lastPreset);
                for (const std::string& w : loaded->warnings)
                    result->warnings.push_back(fromStd(w));
            } else {
                core::ImportOptions options;
                options.progress = report;
                auto opened = core::openImageAsDocument(fsPath, options);
                if (!opened) {
                    result->error = fromStd(opened.error().message);
                    return;
                }
                result->document = std::move(*opened);
            }
        },
        [this, path, result, recovered, recoveredBase] {
            loadFinished(path, *result, recovered, recoveredBase);
        });
    return true;
}

void DocumentFiles::loadFinished(const QString& path, LoadResult& result, bool recovered,
                                 const QString& recoveredBase)
{
    setBusy(false);
    if (!result.document) {
        // The current document was never touched: nothing to restore.
        fail(tr("Could not open \u201c%1\u201d").arg(QFileInfo(path).fileName()), path,
             result.error);
        return;
    }
    // The journal can start from a copy of the file rather than encode it again.
    if (!recovered && isOpenRaster(path)) m_loadedFrom = path;
    m_window.setDocument(std::move(result.document));  // calls documentReplaced()
    if (result.selected != core::kNoLayer && m_window.document()->layer(result.selected))
        m_window.layerPanel()->setCurrentLayer(result.selected);
    if (const int preset = m_window.presets().indexOf(result.lastPreset.toStdString()); preset >= 0)
        m_window.setPreset(preset);
    if (recovered) {
        // Not what any file holds: modified until saved, and the autosave now belongs here.
        m_clean.markNeverSaved();
        m_store.adoptSession(recoveredBase);
        status(tr("Recovered the painting autosaved at %1")
                   .arg(QFileInfo(path).lastModified().toString()));
    } else {
        m_path = QFileInfo(path).absoluteFilePath();
        status(tr("Opened %1").arg(displayName()));
    }
    updateTitle();
    if (!result.warnings.isEmpty()) {
        status(tr("Opened %1 with %n warning(s): %2", nullptr, int(result.warnings.size()))
                   .arg(displayName(), result.warnings.front()));
        if (m_prompts.showWarnings)
            m_prompts.showWarnings(QFileInfo(path).fileName(), result.warnings);
    }
}

// --- Save --------------------------------------------------------------------------------------

void DocumentFiles::save()
{
    save(std::function<void(bool)>());
}
void DocumentFiles::saveAs()
{
    saveAs(std::function<void(bool)>());
}

void DocumentFiles::save(std::function<void(bool ok)> done)
{
    // A document opened from a PNG is saved as OpenRaster under a name the painter picks:
    // overwriting the PNG with layers flattened would lose them silently.
    if (!m_path.isEmpty() && isOpenRaster(m_path))
        saveTo(m_path, std::move(done));
    else
        saveAs(std::move(done));
}

void DocumentFiles::saveAs(std::function<void(bool ok)> done)
{
    const QString path =
        m_prompts.askSavePath ? m_prompts.askSavePath(suggestedOraPath()) : QString();
    if (path.isEmpty()) return;  // cancelled: whoever waits on `done` stays where it is
    saveTo(path, std::move(done));
}

bool DocumentFiles::saveTo(const QString& path, std::function<void(bool ok)> done)
{
    if (isBusy()) return false;
    m_window.canvas()->finishStroke();  // its half-written tiles would match no state
    std::shared_ptr<core::Document> snapshot = m_window.document()->snapshot();
    const CleanState::StateId state = m_clean.current();
    auto error = std::make_shared<QString>();
    const std::filesystem::path fsPath = toFsPath(path);
    const std::string preset = m_window.canvas()->brushSettings().preset.name;
    beginProgress(tr("Saving %1\u2026").arg(QFileInfo(path).fileName()));
    m_task->start(
        [snapshot, fsPath, error, preset](const ProgressTask::Report& report) {
            core::OraSaveOptions options;
            options.progress = report;
            options.lastPreset = preset;  // the brush the painter picks up on opening it
            if (auto saved = core::saveOpenRaster(*snapshot, fsPath, options); !saved)
                *error = fromStd(saved.error().message);
        },
        // The snapshot dies here, on this thread, after the worker has joined.
        [this, snapshot, path, state, error, done = std::move(done)]() mutable {
            snapshot.reset();
            setBusy(false);
            if (!error->isEmpty()) {
                // core saves atomically: the old file is still there, unharmed.
                fail(tr("Could not save \u201c%1\u201d").arg(QFileInfo(path).fileName()), path,
                     *error);
                if (done) done(false);
                return;
            }
            m_path = QFileInfo(path).absoluteFilePath();
            m_clean.markClean(state);  // edits made while saving stay modified
            m_autosave->discard();
            // Clean: the file is the document, and the journal can start again from it.
            // Edits made while saving are in the running journal, which then stays; so does
            // one writing a snapshot, which would be waited for (it shortens itself anyway).
            if (m_clean.isClean() && !(journal() && journal()->isWritingSnapshot()))
                restartJournal(m_path);
            updateTitle();
            status(tr("Saved %1").arg(displayName()));
            if (done) done(true);
        });
    return true;
}

// --- Export ------------------------------------------------------------------------------------

void DocumentFiles::exportImage()
{
    // File dialog filters and the extension each adds when the painter typed none.
    const QList<QPair<QString, QString>> filters = {
        {tr("PNG (*.png)"), QStringLiteral(".png")},
        {tr("JPEG (*.jpg *.jpeg)"), QStringLiteral(".jpg")},
        {tr("TIFF (*.tif *.tiff)"), QStringLiteral(".tif")},
        {tr("OpenEXR (*.exr)"), QStringLiteral(".exr")},
        {tr("WebP (*.webp)"), QStringLiteral(".webp")},
    };
    QStringList names;
    for (const auto& filter : filters) names.push_back(filter.first);
    const QString base = m_path.isEmpty() ? tr("Untitled") : QFileInfo(m_path).completeBaseName();
    QString chosen;
    QString path = QFileDialog::getSaveFileName(
        &m_window, tr("Export Picture"),
        dialogFolder() + QLatin1Char('/') + base + QStringLiteral(".png"),
        names.join(QStringLiteral(";;")), &chosen);
    if (path.isEmpty()) return;
    if (!core::rasterFormatForPath(toFsPath(path))) {
        for (const auto& filter : filters)
            if (filter.first == chosen) path += filter.second;
    }
    auto format = core::rasterFormatForPath(toFsPath(path));
    if (!format) {
        fail(tr("Could not export \u201c%1\u201d").arg(QFileInfo(path).fileName()), path,
             fromStd(format.error().message));
        return;
    }
    const core::Document& doc = *m_window.document();
    ExportDialog dialog(*format, QFileInfo(path).fileName(), QSize(doc.width(), doc.height()),
                        &m_window);
    if (dialog.exec() != QDialog::Accepted) return;
    exportTo(path, dialog.options());
}

bool DocumentFiles::exportTo(const QString& path, core::ExportOptions options)
{
    if (isBusy()) return false;
    m_window.canvas()->finishStroke();
    std::shared_ptr<core::Document> snapshot = m_window.document()->snapshot();
    auto error = std::make_shared<QString>();
    const std::filesystem::path fsPath = toFsPath(path);
    beginProgress(tr("Exporting %1\u2026").arg(QFileInfo(path).fileName()));
    m_task->start(
        [snapshot, fsPath, error, options](const ProgressTask::Report& report) mutable {
            options.progress = report;
            options.threads = std::max(1, QThread::idealThreadCount());
            if (auto done = core::exportFlattened(*snapshot, fsPath, options); !done)
                *error = fromStd(done.error().message);
        },
        [this, snapshot, path, error]() mutable {
            snapshot.reset();
            setBusy(false);
            if (!error->isEmpty())
                fail(tr("Could not export \u201c%1\u201d").arg(QFileInfo(path).fileName()), path,
                     *error);
            else
                status(tr("Exported %1").arg(QFileInfo(path).fileName()));
        });
    return true;
}

// --- Import ------------------------------------------------------------------------------------

void DocumentFiles::importLayer()
{
    const QString path = QFileDialog::getOpenFileName(
        &m_window, tr("Import Image as Layer"), dialogFolder(),
        tr("Images (*.png *.jpg *.jpeg *.tif *.tiff *.exr *.webp *.psd);;All files (*)"));
    if (!path.isEmpty()) importLayerFrom(path);
}

bool DocumentFiles::importLayerFrom(const QString& path)
{
    if (isBusy()) return false;
    m_window.canvas()->finishStroke();
    beginProgress(tr("Importing %1\u2026").arg(QFileInfo(path).fileName()));
    QApplication::setOverrideCursor(Qt::WaitCursor);
    core::ImportOptions options;
    // This thread is busy decoding, so the bar is repainted directly; no events are processed
    // (the document must not change under the import).
    options.progress = [this](double f) {
        m_progress->setValue(int(f * 1000.0));
        m_progress->repaint();
    };
    auto added = core::importImageAsLayer(*m_window.document(), toFsPath(path), options);
    QApplication::restoreOverrideCursor();
    setBusy(false);
    if (!added) {
        fail(tr("Could not import \u201c%1\u201d").arg(QFileInfo(path).fileName()), path,
             fromStd(added.error().message));
        return false;
    }
    m_window.layerPanel()->setCurrentLayer(*added);
    status(tr("Imported %1 as a layer").arg(QFileInfo(path).fileName()));
    return true;
}

// --- Recovery ----------------------------------------------------------------------------------

void DocumentFiles::offerRecovery()
{
    std::vector<RecoverySet> sets = m_store.sets();
    if (sets.empty()) return;
    RecoveryDialog dialog(m_store, std::move(sets), &m_window);
    if (dialog.exec() == QDialog::Accepted && dialog.chosen()) openRecovered(*dialog.chosen());
}

bool DocumentFiles::openRecovered(const RecoverySet& set)
{
    if (isBusy()) return false;
    if (!set.journalPath.isEmpty()) {
        // The journal holds every finished stroke; the autosaved copy only what it had then.
        auto started = std::make_shared<bool>(false);
        whenDiscardable([this, set, started] { *started = openJournal(set); });
        if (*started) return true;
    }
    if (set.documentPath.isEmpty()) return false;
    auto started = std::make_shared<bool>(false);
    whenDiscardable([this, path = set.documentPath, base = set.baseName, started] {
        *started = startLoad(path, true, base);
    });
    return *started;
}

bool DocumentFiles::openJournal(const RecoverySet& set)
{
    auto recovered = SessionJournal::recover(set.journalPath, m_window.presets());
    if (!recovered) {
        status(tr("The stroke journal could not be replayed: %1")
                   .arg(QString::fromStdString(recovered.error().message)));
        return false;
    }
    QStringList warnings;
    for (const std::string& w : recovered->warnings) warnings << QString::fromStdString(w);
    // The recovered document starts a journal of its own in this session's set (its first
    // snapshot is on disk when setDocument returns); only then do the crashed session's files
    // go, for until then they are the only copy of the work. If the journal cannot start,
    // they stay, and are offered again at the next start.
    m_window.canvas()->setJournal(nullptr);
    m_journal.stop();
    m_window.setDocument(std::move(recovered->document));  // calls documentReplaced()
    if (m_journal.journal()) m_store.removeSet(set.baseName);
    m_clean.markNeverSaved();
    updateTitle();
    status(tr("Recovered %n operation(s) from the stroke journal", nullptr,
              recovered->operations));
    if (!warnings.isEmpty() && m_prompts.showWarnings)
        m_prompts.showWarnings(QFileInfo(set.journalPath).fileName(), warnings);
    return true;
}

}  // namespace signe::app
