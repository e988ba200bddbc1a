// SPDX-License-Identifier: GPL-3.0-or-later
// The File menu's work through the window: save/open round trips, the title and modified
// marker, unsaved-changes answers, autosave and recovery, errors and progress. Questions and
// messages go through DocumentFiles::prompts(), answered here, so no modal dialog appears.
#include "app/document_files.h"

#include <QComboBox>
#include <gtest/gtest.h>

#include <QAction>
#include <QCoreApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QProgressBar>
#include <QTemporaryDir>
#include <QThread>
#include <filesystem>
#include <fstream>
#include <future>
#include <memory>

#include "app/autosave.h"
#include "app/canvas_widget.h"
#include "app/main_window.h"
#include "app/progress_task.h"
#include "app/recovery_store.h"
#include "core/document.h"
#include "core/io/image_io.h"
#include "core/io/openraster.h"
#include "core/transaction.h"
#include "tests/app/test_application.h"

namespace signe::app {
namespace {

namespace fs = std::filesystem;

const fs::path kBadOra = fs::path(SIGNE_SOURCE_DIR) / "tests/data/ora/bad";

constexpr core::Pixel16 kInk{30000, 10000, 5000, 40000};

class DocumentFilesTest : public ::testing::Test {
protected:
    void SetUp() override
    {
        test::application();
        ASSERT_TRUE(m_dir.isValid());
        qputenv("SIGNE_RECOVERY_DIR", QFile::encodeName(recoveryDir()));
        m_window = std::make_unique<MainWindow>();
        DocumentFiles::Prompts& prompts = files().prompts();
        prompts.askUnsaved = [this](const QString&) {
            ++m_asked;
            return m_answer;
        };
        prompts.askSavePath = [this](const QString&) { return m_savePath; };
        prompts.showError = [this](const QString& title, const QString& message) {
            m_errors.push_back(title + "\n" + message);
        };
        prompts.showWarnings = [this](const QString&, const QStringList& warnings) {
            m_warnings += warnings;
        };
    }

    void TearDown() override
    {
        m_window.reset();
        qunsetenv("SIGNE_RECOVERY_DIR");
    }

    DocumentFiles& files() const { return *m_window->files(); }
    core::Document& doc() const { return *m_window->document(); }
    QString path(const QString& name) const { return m_dir.filePath(name); }
    QString recoveryDir() const { return m_dir.filePath("recovery"); }

    /// One history entry: a layer named `name` with a filled square.
    core::LayerId paintLayer(const std::string& name)
    {
        const core::LayerId id = doc().addPaintLayer(name).value();
        core::Transaction tx(doc(), "Fill");
        tx.target(id)->fillRect({10, 20, 100, 50}, kInk);
        tx.commit();
        return id;
    }

    const core::Layer* layerNamed(const std::string& name) const
    {
        for (core::LayerId id : doc().layerIds())
            if (doc().layer(id)->properties().name == name) return doc().layer(id);
        return nullptr;
    }

    bool saveAndWait(const QString& target)
    {
        bool result = false;
        if (!files().saveTo(target, [&](bool ok) { result = ok; })) return false;
        files().waitForIdle();
        return result;
    }

    QTemporaryDir m_dir;
    std::unique_ptr<MainWindow> m_window;
    UnsavedChoice m_answer = UnsavedChoice::Cancel;
    int m_asked = 0;
    QString m_savePath;
    QStringList m_errors;
    QStringList m_warnings;
};

TEST_F(DocumentFilesTest, SaveAndOpenRoundTrip)
{
    const core::LayerId ink = paintLayer("Ink");
    ASSERT_TRUE(doc().setLayerOpacity(ink, 0.5f));
    const QString file = path("round trip.ora");
    ASSERT_TRUE(saveAndWait(file));
    EXPECT_TRUE(QFileInfo::exists(file));
    EXPECT_FALSE(files().isModified());
    EXPECT_EQ(files().filePath(), QFileInfo(file).absoluteFilePath());

    m_window->newDocument();  // clean: no question
    EXPECT_EQ(m_asked, 0);
    EXPECT_EQ(layerNamed("Ink"), nullptr);
    EXPECT_TRUE(files().filePath().isEmpty());

    const core::Document* before = m_window->document();
    ASSERT_TRUE(files().openFile(file));
    EXPECT_FALSE(m_window->canvas()->isEnabled());  // no painting on a document about to go
    EXPECT_FALSE(files().saveAction()->isEnabled());
    files().waitForIdle();
    EXPECT_TRUE(m_errors.isEmpty()) << m_errors.join("\n").toStdString();
    EXPECT_NE(m_window->document(), before);
    EXPECT_TRUE(m_window->canvas()->isEnabled());
    EXPECT_TRUE(files().saveAction()->isEnabled());
    const core::Layer* loaded = layerNamed("Ink");
    ASSERT_NE(loaded, nullptr);
    EXPECT_FLOAT_EQ(loaded->properties().opacity, 0.5f);
    EXPECT_EQ(loaded->tiles().pixel(50, 40), kInk);
    EXPECT_EQ(loaded->tiles().pixel(5, 5).a, 0);
    EXPECT_FALSE(files().isModified());
    EXPECT_EQ(m_window->windowTitle(), "round trip.ora[*] \u2014 Signe");
}

TEST_F(DocumentFilesTest, AFileOpensWithThePresetItWasSavedWith)
{
    const int charcoal = m_window->presets().indexOf("Charcoal");
    ASSERT_GE(charcoal, 0);
    m_window->setPreset(charcoal);
    paintLayer("Sketch");
    const QString file = path("sketch.ora");
    ASSERT_TRUE(saveAndWait(file));
    m_window->setPreset(m_window->presets().indexOf("Pen"));
    ASSERT_NE(m_window->canvas()->brushSettings().preset.name, "Charcoal");
    ASSERT_TRUE(files().openFile(file));
    files().waitForIdle();
    EXPECT_EQ(m_window->canvas()->brushSettings().preset.name, "Charcoal");
    EXPECT_EQ(m_window->findChild<QComboBox*>("presetBox")->currentIndex(), charcoal);
}

TEST_F(DocumentFilesTest, TitleShowsNameAndModifiedMarker)
{
    EXPECT_EQ(m_window->windowTitle(), "Untitled[*] \u2014 Signe");
    EXPECT_FALSE(m_window->isWindowModified());
    paintLayer("A");
    EXPECT_TRUE(m_window->isWindowModified());
    m_window->undo();
    m_window->undo();
    EXPECT_FALSE(m_window->isWindowModified());
    m_window->redo();
    EXPECT_TRUE(m_window->isWindowModified());
    m_window->redo();

    ASSERT_TRUE(saveAndWait(path("picture.ora")));
    EXPECT_EQ(m_window->windowTitle(), "picture.ora[*] \u2014 Signe");
    EXPECT_FALSE(m_window->isWindowModified());
    m_window->undo();  // the file holds the layer; the document now lacks its paint
    EXPECT_TRUE(m_window->isWindowModified());
    m_window->redo();
    EXPECT_FALSE(m_window->isWindowModified());
}

TEST_F(DocumentFilesTest, EditsMadeWhileSavingStayModified)
{
    const core::LayerId saved = paintLayer("Saved");
    const QString file = path("snapshot.ora");
    bool ok = false;
    ASSERT_TRUE(files().saveTo(file, [&](bool result) { ok = result; }));
    // The save works on a snapshot sharing the tiles: painting over them now copies them.
    {
        core::Transaction tx(doc(), "Over");
        tx.target(saved)->fillRect({0, 0, 200, 200}, {1000, 2000, 3000, 65535});
        tx.commit();
    }
    paintLayer("Painted during the save");
    files().waitForIdle();
    EXPECT_TRUE(ok);
    EXPECT_TRUE(files().isModified());

    auto reread = core::loadOpenRaster(fs::path(file.toStdString()));
    ASSERT_TRUE(reread) << reread.error().message;
    std::vector<std::string> names;
    for (const auto& layer : reread->document->root().children())
        names.push_back(layer->properties().name);
    EXPECT_EQ(names, (std::vector<std::string>{"Layer 1", "Saved"}));
    EXPECT_EQ(reread->document->root().children().back()->tiles().pixel(50, 40), kInk);
    EXPECT_EQ(doc().layer(saved)->tiles().pixel(50, 40), (core::Pixel16{1000, 2000, 3000, 65535}));
}

TEST_F(DocumentFilesTest, UnsavedChangesAnswers)
{
    paintLayer("Work");
    core::Document* work = m_window->document();

    m_answer = UnsavedChoice::Cancel;
    m_window->newDocument();
    EXPECT_EQ(m_asked, 1);
    EXPECT_EQ(m_window->document(), work);
    EXPECT_FALSE(m_window->close());  // closing asks too, and Cancel keeps the window

    m_answer = UnsavedChoice::Save;
    m_savePath.clear();  // the painter cancels the Save As dialog: nothing happens
    m_window->newDocument();
    EXPECT_EQ(m_window->document(), work);

    m_savePath = path("asked.ora");
    m_window->newDocument();
    files().waitForIdle();
    EXPECT_TRUE(QFileInfo::exists(m_savePath));
    EXPECT_NE(m_window->document(), work);  // saved, then replaced
    EXPECT_EQ(layerNamed("Work"), nullptr);

    paintLayer("More");
    m_answer = UnsavedChoice::Discard;
    m_window->newDocument();
    EXPECT_EQ(layerNamed("More"), nullptr);
    EXPECT_FALSE(files().isModified());
}

TEST_F(DocumentFilesTest, SaveOfAnImportedPictureAsksForAnOpenRasterName)
{
    const QString png = path("flat.png");
    paintLayer("Ink");
    ASSERT_TRUE(files().exportTo(png, {}));
    files().waitForIdle();
    m_answer = UnsavedChoice::Discard;
    ASSERT_TRUE(files().openFile(png));
    files().waitForIdle();
    EXPECT_EQ(m_window->windowTitle(), "flat.png[*] \u2014 Signe");

    m_savePath = path("layered.ora");
    files().save();
    files().waitForIdle();
    EXPECT_TRUE(QFileInfo::exists(m_savePath));
    EXPECT_EQ(files().filePath(), QFileInfo(m_savePath).absoluteFilePath());
}

TEST_F(DocumentFilesTest, CorruptFilesLeaveTheDocumentUntouched)
{
    paintLayer("Precious");
    core::Document* before = m_window->document();
    const std::size_t entries = doc().history().count();
    int cases = 0;
    std::ifstream list(kBadOra / "cases.txt");
    std::string line;
    m_answer = UnsavedChoice::Discard;
    while (std::getline(list, line)) {
        if (line.empty() || line[0] == '#' || line.find("\terror\t") == std::string::npos) continue;
        const std::string name = line.substr(0, line.find('\t'));
        m_errors.clear();
        ASSERT_TRUE(files().openFile(QString::fromStdString((kBadOra / name).string())));
        files().waitForIdle();
        ASSERT_EQ(m_errors.size(), 1) << name;
        EXPECT_TRUE(m_errors.front().contains(QString::fromStdString(name))) << name;
        EXPECT_EQ(m_window->document(), before) << name;
        EXPECT_NE(layerNamed("Precious"), nullptr);
        EXPECT_EQ(doc().history().count(), entries);
        EXPECT_TRUE(m_window->canvas()->isEnabled());
        ++cases;
    }
    EXPECT_GT(cases, 10);

    m_errors.clear();
    ASSERT_TRUE(files().openFile(path("missing.png")));
    files().waitForIdle();
    EXPECT_EQ(m_errors.size(), 1);
    EXPECT_EQ(m_window->document(), before);
}

TEST_F(DocumentFilesTest, WarningsAreShownAndTheFileOpens)
{
    ASSERT_TRUE(
        files().openFile(QString::fromStdString((kBadOra / "unknown-composite-op.ora").string())));
    files().waitForIdle();
    EXPECT_TRUE(m_errors.isEmpty());
    ASSERT_FALSE(m_warnings.isEmpty());
    EXPECT_TRUE(m_warnings.join("\n").contains("svg:foo"));
}

TEST_F(DocumentFilesTest, FailedSaveKeepsTheOldFileAndTheModifiedMarker)
{
    paintLayer("A");
    EXPECT_FALSE(saveAndWait(path("no such folder/x.ora")));
    ASSERT_EQ(m_errors.size(), 1);
    EXPECT_TRUE(m_errors.front().contains("x.ora"));
    EXPECT_TRUE(files().isModified());
    EXPECT_TRUE(files().filePath().isEmpty());
}

TEST_F(DocumentFilesTest, ExportWritesTheFlattenedPictureScaled)
{
    paintLayer("Ink");
    core::ExportOptions options;
    options.scale = 0.5;
    ASSERT_TRUE(files().exportTo(path("half.png"), options));
    files().waitForIdle();
    EXPECT_TRUE(m_errors.isEmpty()) << m_errors.join("\n").toStdString();
    auto info = core::readImageInfo(fs::path(path("half.png").toStdString()));
    ASSERT_TRUE(info) << info.error().message;
    EXPECT_EQ(info->width, MainWindow::kDefaultWidth / 2);
    EXPECT_EQ(info->height, MainWindow::kDefaultHeight / 2);
    EXPECT_TRUE(files().isModified());  // an export is not a save

    ASSERT_TRUE(files().exportTo(path("picture.xyz"), {}));
    files().waitForIdle();
    ASSERT_EQ(m_errors.size(), 1);
    EXPECT_TRUE(m_errors.front().contains("picture.xyz"));
}

TEST_F(DocumentFilesTest, ImportAddsAnUndoableLayer)
{
    paintLayer("Ink");
    ASSERT_TRUE(files().exportTo(path("layer.png"), {}));
    files().waitForIdle();
    const std::size_t layers = doc().layerIds().size();
    ASSERT_TRUE(files().importLayerFrom(path("layer.png")));
    EXPECT_EQ(doc().layerIds().size(), layers + 1);
    EXPECT_EQ(m_window->canvas()->currentLayer(), doc().root().children().back()->id());
    m_window->undo();
    EXPECT_EQ(doc().layerIds().size(), layers);

    EXPECT_FALSE(files().importLayerFrom(path("missing.png")));
    EXPECT_EQ(m_errors.size(), 1);
}

TEST_F(DocumentFilesTest, AutosaveWritesARecoveryCopyThatASaveRemoves)
{
    Autosave& autosave = *files().autosave();
    EXPECT_EQ(autosave.interval(), std::chrono::minutes(2));
    EXPECT_FALSE(autosave.saveNow());  // nothing unsaved

    const QString file = path("mine.ora");
    paintLayer("First");
    ASSERT_TRUE(saveAndWait(file));
    const QDateTime savedAt = QFileInfo(file).lastModified();
    const qint64 savedSize = QFileInfo(file).size();

    paintLayer("Second");
    ASSERT_TRUE(autosave.saveNow());
    autosave.waitForIdle();
    const QString copy = autosave.recoveryPath();
    ASSERT_TRUE(copy.startsWith(recoveryDir())) << copy.toStdString();
    ASSERT_TRUE(QFileInfo::exists(copy));
    // Neither the painter's file nor the saved state moved.
    EXPECT_TRUE(files().isModified());
    EXPECT_EQ(QFileInfo(file).lastModified(), savedAt);
    EXPECT_EQ(QFileInfo(file).size(), savedSize);
    auto recovered = core::loadOpenRaster(fs::path(copy.toStdString()));
    ASSERT_TRUE(recovered) << recovered.error().message;
    EXPECT_EQ(recovered->document->root().children().size(), 3u);

    ASSERT_TRUE(saveAndWait(file));
    EXPECT_FALSE(QFileInfo::exists(copy));
}

TEST_F(DocumentFilesTest, UndoingBackToTheSaveRemovesTheRecoveryCopy)
{
    paintLayer("A");
    ASSERT_TRUE(files().autosave()->saveNow());
    files().waitForIdle();
    const QString copy = files().autosave()->recoveryPath();
    ASSERT_TRUE(QFileInfo::exists(copy));
    while (doc().history().canUndo()) m_window->undo();
    EXPECT_FALSE(files().isModified());
    EXPECT_FALSE(QFileInfo::exists(copy));
}

TEST_F(DocumentFilesTest, QuitRemovesTheSessionsRecoveryFiles)
{
    paintLayer("A");
    ASSERT_TRUE(files().autosave()->saveNow());
    files().waitForIdle();
    const QString copy = files().autosave()->recoveryPath();
    ASSERT_TRUE(QFileInfo::exists(copy));
    m_answer = UnsavedChoice::Discard;
    EXPECT_TRUE(m_window->close());
    EXPECT_FALSE(QFileInfo::exists(copy));
    EXPECT_TRUE(QDir(recoveryDir()).entryList(QDir::Files).isEmpty());
}

TEST_F(DocumentFilesTest, StartUpFindsAndOpensACrashedSessionsCopy)
{
    // What a crash leaves: an autosaved document and no lock.
    auto crashed = core::Document::create(320, 200).value();
    ASSERT_TRUE(crashed->addPaintLayer("Unsaved work"));
    ASSERT_TRUE(QDir().mkpath(recoveryDir()));
    const QString copy = recoveryDir() + "/session-crashed.ora";
    ASSERT_TRUE(core::saveOpenRaster(*crashed, fs::path(copy.toStdString())));

    const std::vector<RecoverySet> sets = files().recoveryStore().sets();
    ASSERT_EQ(sets.size(), 1u);
    EXPECT_EQ(sets[0].baseName, "session-crashed");
    ASSERT_TRUE(files().openRecovered(sets[0]));
    files().waitForIdle();
    EXPECT_EQ(doc().width(), 320);
    EXPECT_NE(layerNamed("Unsaved work"), nullptr);
    EXPECT_TRUE(files().isModified());  // no file holds it
    EXPECT_TRUE(files().filePath().isEmpty());
    EXPECT_TRUE(files().recoveryStore().sets().empty());  // it is this session's now

    ASSERT_TRUE(saveAndWait(path("rescued.ora")));
    EXPECT_FALSE(QFileInfo::exists(copy));
}

TEST_F(DocumentFilesTest, ProgressReachesTheProgressBar)
{
    std::promise<void> release;
    std::shared_future<void> released = release.get_future().share();
    ProgressTask& task = *files().task();
    QProgressBar& bar = *files().progressBar();
    ASSERT_TRUE(task.start([released](const ProgressTask::Report& report) {
        report(0.25);
        report(0.5);
        released.wait();
        report(1.0);
    }));
    // The worker may not even have started yet: wait for its report, up to 10 s.
    QElapsedTimer waited;
    waited.start();
    while (bar.value() != 500 && waited.elapsed() < 10000) {
        QCoreApplication::processEvents();
        QThread::msleep(2);
    }
    EXPECT_EQ(bar.value(), 500);
    release.set_value();
    task.waitForFinished();
    EXPECT_EQ(bar.value(), 1000);
}

TEST_F(DocumentFilesTest, SaveReportsProgressFromTheWorker)
{
    paintLayer("A");
    std::vector<int> seen;
    QObject::connect(files().task(), &ProgressTask::progressChanged,
                     [&](int permille) { seen.push_back(permille); });
    ASSERT_TRUE(saveAndWait(path("progress.ora")));
    ASSERT_FALSE(seen.empty());
    EXPECT_EQ(seen.back(), 1000);
    EXPECT_TRUE(std::is_sorted(seen.begin(), seen.end()));
}

}  // namespace
}  // namespace signe::app
