// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QObject>
#include <QString>
#include <QStringList>
#include <functional>
#include <memory>

#include "app/clean_state.h"
#include "app/recovery_store.h"
#include "app/session_journal.h"
#include "app/unsaved_changes.h"
#include "core/io/image_io.h"

class QAction;
class QLabel;
class QMenu;
class QProgressBar;

namespace signe::app {

class Autosave;
class MainWindow;
class ProgressTask;

/// The window's documents and files: the File menu's actions, the document's file name and
/// modified marker, open/save/export on a worker thread with a progress bar, unsaved-changes
/// questions, autosave and crash recovery.
///
/// Threading: one file operation at a time runs on a ProgressTask's worker. Save and export
/// work on a snapshot (core::Document::snapshot()), so the painter may go on painting; the saved
/// state is the history position when the snapshot was taken. Opening disables the canvas
/// and the file actions until the new document arrives (it replaces the current one).
///
/// Every question and message goes through prompts(), so tests can answer them without a
/// modal dialog; the functions taking a path (openFile, saveTo, exportTo, importLayerFrom)
/// show no file dialog.
class DocumentFiles : public QObject {
    Q_OBJECT

public:
    /// How the controller talks to the painter. The defaults show dialogs.
    struct Prompts {
        std::function<UnsavedChoice(const QString& documentName)> askUnsaved;
        /// A path to save the document as, or "" for cancel. Gets a suggested path.
        std::function<QString(const QString& suggested)> askSavePath;
        std::function<void(const QString& title, const QString& message)> showError;
        /// Problems that did not stop a load (one line each).
        std::function<void(const QString& file, const QStringList& warnings)> showWarnings;
    };

    /// `window` owns this object and its document.
    explicit DocumentFiles(MainWindow& window);
    ~DocumentFiles() override;

    /// Adds New, Open, Import, Save, Save As and Export to `menu`.
    void addActions(QMenu* menu);
    QAction* newAction() const { return m_new; }
    QAction* openAction() const { return m_open; }
    QAction* importAction() const { return m_import; }
    QAction* saveAction() const { return m_save; }
    QAction* saveAsAction() const { return m_saveAs; }
    QAction* exportAction() const { return m_export; }

    Prompts& prompts() { return m_prompts; }

    /// The document's file ("" while untitled). May be a raster file the document was opened
    /// from; Save then asks for an OpenRaster name.
    QString filePath() const { return m_path; }
    /// The file's name, or "Untitled".
    QString displayName() const;
    bool isModified() const { return !m_clean.isClean(); }
    CleanState& cleanState() { return m_clean; }

    /// A file operation is running (not counting autosave).
    bool isBusy() const;
    /// Processes events until the running file operation and autosave have finished.
    void waitForIdle();
    ProgressTask* task() const { return m_task; }
    QProgressBar* progressBar() const { return m_progress; }
    Autosave* autosave() const { return m_autosave; }
    RecoveryStore& recoveryStore() { return m_store; }
    /// The document's stroke journal (null if it could not be started).
    core::Journal* journal() const { return m_journal.journal(); }
    SessionJournal& sessionJournal() { return m_journal; }

    /// Call after the window's document was replaced: the new one is untitled and clean.
    void documentReplaced();

    /// Runs `proceed` once unsaved changes are dealt with: at once when there are none or the
    /// painter discards them, after a successful save when they choose Save, never on Cancel.
    void whenDiscardable(std::function<void()> proceed);
    /// For closeEvent: true when the window may close now (unsaved changes dealt with, the
    /// session's recovery files removed). A Save answer saves and closes the window when done.
    bool mayClose();

    /// Opens `path` (OpenRaster, or any raster image as a one-layer document) in place of the
    /// current document, after the unsaved-changes question. False if nothing was started.
    bool openFile(const QString& path);
    /// Saves as OpenRaster to `path`; `done` gets whether it worked. False if not started.
    bool saveTo(const QString& path, std::function<void(bool ok)> done = {});
    /// Exports the flattened picture; the format follows the extension.
    bool exportTo(const QString& path, core::ExportOptions options);
    /// Adds an image file as a new layer on top (undoable). Runs on this thread: an import is
    /// one decode, and it writes into the live document.
    bool importLayerFrom(const QString& path);

    /// At start-up: offers the recovery sets a crashed session left (a dialog).
    void offerRecovery();
    /// Opens a recovered document as an untitled, modified one, and takes its recovery set
    /// over as this session's.
    bool openRecovered(const RecoverySet& set);
    /// Rebuilds the document from the set's stroke journal and shows it (no question asked).
    bool openJournal(const RecoverySet& set);

public slots:
    void open();
    void save();
    void saveAs();
    void exportImage();
    void importLayer();

signals:
    /// A file operation began or ended.
    void busyChanged(bool busy);

private:
    struct LoadResult;
    void save(std::function<void(bool ok)> done);
    void saveAs(std::function<void(bool ok)> done);
    bool startLoad(const QString& path, bool recovered, const QString& recoveredBase);
    void loadFinished(const QString& path, LoadResult& result, bool recovered,
                      const QString& recoveredBase);
    void beginProgress(const QString& what);
    /// Starts the stroke journal for the window's document (from `savedFile`, an .ora that
    /// holds it exactly, when there is one) and gives it to the canvas.
    void restartJournal(const QString& savedFile = {});
    void setBusy(bool busy);
    void updateTitle();
    void fail(const QString& title, const QString& path, const QString& message);
    void status(const QString& message);
    QString suggestedOraPath() const;
    QString dialogFolder() const;

    MainWindow& m_window;
    Prompts m_prompts;
    QString m_path;
    CleanState m_clean;
    bool m_wasClean = true;
    RecoveryStore m_store;
    SessionJournal m_journal{m_store};
    QString m_loadedFrom;  // the .ora being shown as it was just loaded: the journal copies it
    Autosave* m_autosave = nullptr;
    ProgressTask* m_task = nullptr;
    QProgressBar* m_progress = nullptr;
    QLabel* m_progressLabel = nullptr;

    QAction* m_new = nullptr;
    QAction* m_open = nullptr;
    QAction* m_import = nullptr;
    QAction* m_save = nullptr;
    QAction* m_saveAs = nullptr;
    QAction* m_export = nullptr;
};

}  // namespace signe::app
