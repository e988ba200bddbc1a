// SPDX-License-Identifier: GPL-3.0-or-later
#include "app/main_window.h"

#include <memory>

#include <gtest/gtest.h>

#include <QAction>
#include <QCoreApplication>
#include <QDockWidget>
#include <QMouseEvent>
#include <QStatusBar>
#include <QTest>
#include <QToolButton>

#include "app/canvas_widget.h"
#include "app/layer_panel.h"
#include "core/document.h"
#include "tests/app/test_application.h"

namespace signe::app {
namespace {

void sendMouse(QWidget* w, QEvent::Type type, QPointF pos, Qt::MouseButton button,
               Qt::MouseButtons buttons)
{
    QMouseEvent event(type, pos, w->mapToGlobal(pos), button, buttons, Qt::NoModifier);
    QCoreApplication::sendEvent(w, &event);
}

class MainWindowTest : public ::testing::Test {
protected:
    void SetUp() override
    {
        test::application();
        m_window = std::make_unique<MainWindow>();
        m_window->resize(1000, 700);
        // A known view: canvas pixel (x, y) under widget pixel (x + 10, y + 10).
        ViewTransform view;
        view.setPan({10, 10});
        m_window->canvas()->setView(view);
    }

    core::Document& doc() const { return *m_window->document(); }
    CanvasWidget* canvas() const { return m_window->canvas(); }
    core::LayerId topLayer() const { return doc().root().children().back()->id(); }

    void press(double x, double y)
    {
        sendMouse(canvas(), QEvent::MouseButtonPress, QPointF(x + 10, y + 10), Qt::LeftButton,
                  Qt::LeftButton);
    }
    void move(double x, double y)
    {
        sendMouse(canvas(), QEvent::MouseMove, QPointF(x + 10, y + 10), Qt::NoButton,
                  Qt::LeftButton);
    }
    void release(double x, double y)
    {
        sendMouse(canvas(), QEvent::MouseButtonRelease, QPointF(x + 10, y + 10), Qt::LeftButton,
                  Qt::NoButton);
    }
    /// A horizontal stroke at canvas row `y` from x0 to x1.
    void stroke(double x0, double x1, double y)
    {
        press(x0, y);
        for (int i = 1; i <= 8; ++i) move(x0 + (x1 - x0) * i / 8.0, y);
        release(x1, y);
    }

    std::uint16_t alpha(core::LayerId layer, int x, int y) const
    {
        return doc().layer(layer)->tiles().pixel(x, y).a;
    }

    std::unique_ptr<MainWindow> m_window;
};

TEST_F(MainWindowTest, HasTitleCanvasDockAndShortcuts)
{
    EXPECT_EQ(m_window->windowTitle(), "Untitled[*] \u2014 Signe");
    EXPECT_EQ(m_window->centralWidget(), canvas());
    ASSERT_NE(m_window->layerDock(), nullptr);
    EXPECT_EQ(m_window->layerDock()->widget(), m_window->layerPanel());
    EXPECT_EQ(doc().width(), 2048);
    EXPECT_EQ(doc().height(), 1536);
    EXPECT_EQ(doc().background(), (core::Color16{65535, 65535, 65535, 65535}));

    EXPECT_TRUE(m_window->undoAction()->shortcuts().contains(QKeySequence("Ctrl+Z")));
    EXPECT_TRUE(m_window->redoAction()->shortcuts().contains(QKeySequence("Ctrl+Shift+Z")));
    EXPECT_TRUE(m_window->redoAction()->shortcuts().contains(QKeySequence("Ctrl+Y")));
    EXPECT_TRUE(m_window->zoomInAction()->shortcuts().contains(QKeySequence("Ctrl+=")));
    EXPECT_TRUE(m_window->zoomOutAction()->shortcuts().contains(QKeySequence("Ctrl+-")));
    EXPECT_EQ(canvas()->currentLayer(), topLayer());
}

TEST_F(MainWindowTest, UndoAndRedoActionsMirrorHistory)
{
    EXPECT_FALSE(m_window->undoAction()->isEnabled());
    EXPECT_FALSE(m_window->redoAction()->isEnabled());

    stroke(100, 300, 100);
    const core::LayerId layer = topLayer();
    EXPECT_EQ(alpha(layer, 200, 100), 65535);
    EXPECT_EQ(doc().history().count(), 1u);
    EXPECT_TRUE(m_window->undoAction()->isEnabled());
    EXPECT_EQ(m_window->undoAction()->text(), "&Undo Brush stroke");

    m_window->undoAction()->trigger();
    EXPECT_EQ(alpha(layer, 200, 100), 0);
    EXPECT_FALSE(m_window->undoAction()->isEnabled());
    EXPECT_TRUE(m_window->redoAction()->isEnabled());
    EXPECT_EQ(m_window->redoAction()->text(), "&Redo Brush stroke");

    m_window->redoAction()->trigger();
    EXPECT_EQ(alpha(layer, 200, 100), 65535);
    EXPECT_TRUE(m_window->undoAction()->isEnabled());
    EXPECT_FALSE(m_window->redoAction()->isEnabled());
}

TEST_F(MainWindowTest, KeyboardShortcutsUndoAndRedo)
{
    m_window->show();
    m_window->activateWindow();
    ASSERT_TRUE(QTest::qWaitForWindowActive(m_window.get()));

    stroke(100, 300, 100);
    const core::LayerId layer = topLayer();
    QTest::keyClick(m_window.get(), Qt::Key_Z, Qt::ControlModifier);
    EXPECT_EQ(alpha(layer, 200, 100), 0);
    QTest::keyClick(m_window.get(), Qt::Key_Z, Qt::ControlModifier | Qt::ShiftModifier);
    EXPECT_EQ(alpha(layer, 200, 100), 65535);
    QTest::keyClick(m_window.get(), Qt::Key_Z, Qt::ControlModifier);
    QTest::keyClick(m_window.get(), Qt::Key_Y, Qt::ControlModifier);
    EXPECT_EQ(alpha(layer, 200, 100), 65535);

    const double zoom = canvas()->view().zoom();
    QTest::keyClick(m_window.get(), Qt::Key_Equal, Qt::ControlModifier);
    EXPECT_GT(canvas()->view().zoom(), zoom);
    QTest::keyClick(m_window.get(), Qt::Key_Minus, Qt::ControlModifier);
    EXPECT_NEAR(canvas()->view().zoom(), zoom, 1e-12);
}

TEST_F(MainWindowTest, UndoDuringAStrokeCommitsItFirst)
{
    press(100, 100);
    move(200, 100);
    ASSERT_TRUE(canvas()->isStroking());
    EXPECT_TRUE(m_window->undoAction()->isEnabled());
    EXPECT_EQ(m_window->undoAction()->text(), "&Undo Brush stroke");
    m_window->undoAction()->trigger();

    EXPECT_FALSE(canvas()->isStroking());
    EXPECT_EQ(alpha(topLayer(), 150, 100), 0);
    EXPECT_EQ(doc().history().count(), 1u);  // the stroke, now undone
    EXPECT_TRUE(m_window->redoAction()->isEnabled());
    release(300, 100);  // the button comes up later: nothing more happens
    EXPECT_EQ(doc().history().count(), 1u);
    EXPECT_EQ(alpha(topLayer(), 250, 100), 0);
}

TEST_F(MainWindowTest, LayerPanelChoosesWhereStrokesGo)
{
    const core::LayerId first = topLayer();
    m_window->layerPanel()->findChild<QToolButton*>("addLayerButton")->click();
    const core::LayerId added = topLayer();
    ASSERT_NE(added, first);
    EXPECT_EQ(canvas()->currentLayer(), added);

    stroke(100, 300, 100);
    EXPECT_EQ(alpha(added, 200, 100), 65535);
    EXPECT_EQ(alpha(first, 200, 100), 0);

    m_window->layerPanel()->setCurrentLayer(first);
    EXPECT_EQ(canvas()->currentLayer(), first);
    stroke(100, 300, 200);
    EXPECT_EQ(alpha(first, 200, 200), 65535);
    EXPECT_EQ(doc().history().names(),
              (std::vector<std::string>{"Add layer", "Brush stroke", "Brush stroke"}));
}

TEST_F(MainWindowTest, LayerChangeDuringAStrokeCommitsTheStrokeFirst)
{
    press(100, 100);
    move(200, 100);
    m_window->layerPanel()->addLayer();
    release(300, 100);
    EXPECT_EQ(doc().history().names(), (std::vector<std::string>{"Brush stroke", "Add layer"}));
}

TEST_F(MainWindowTest, BrushColourAndSizeReachTheCanvas)
{
    m_window->setBrushColor(QColor(255, 0, 0));
    m_window->setBrushRadius(30);
    EXPECT_EQ(canvas()->brushSettings().color, (core::Color16{65535, 0, 0, 65535}));
    EXPECT_EQ(canvas()->brushSettings().radius, 30.0f);
    EXPECT_EQ(m_window->brushColor(), QColor(255, 0, 0));
    stroke(100, 101, 100);
    EXPECT_EQ(doc().layer(topLayer())->tiles().pixel(100, 120),  // beyond the default radius
              (core::Pixel16{65535, 0, 0, 65535}));
}

TEST_F(MainWindowTest, RefusedStrokeExplainsItselfInTheStatusBar)
{
    core::LayerProperties p = doc().layer(topLayer())->properties();
    p.editLock = true;
    ASSERT_TRUE(doc().setLayerProperties(topLayer(), p));
    stroke(100, 300, 100);
    EXPECT_TRUE(m_window->statusBar()->currentMessage().contains("locked"));
    EXPECT_EQ(doc().history().count(), 1u);
    EXPECT_TRUE(doc().layer(topLayer())->tiles().isEmpty());
}

TEST_F(MainWindowTest, ZoomActionsChangeTheView)
{
    m_window->fitAction()->trigger();
    const double fit = canvas()->view().zoom();
    EXPECT_LT(fit, 1.0);
    m_window->actualSizeAction()->trigger();
    EXPECT_EQ(canvas()->view().zoom(), 1.0);
    m_window->zoomInAction()->trigger();
    EXPECT_NEAR(canvas()->view().zoom(), std::sqrt(2.0), 1e-12);
    m_window->zoomOutAction()->trigger();
    m_window->zoomOutAction()->trigger();
    EXPECT_NEAR(canvas()->view().zoom(), std::sqrt(0.5), 1e-12);
}

TEST_F(MainWindowTest, NewDocumentStartsAfresh)
{
    core::Document* before = m_window->document();
    m_window->newDocument();  // nothing done yet, so no question is asked
    EXPECT_NE(m_window->document(), before);
    EXPECT_EQ(m_window->layerPanel()->document(), m_window->document());
    EXPECT_EQ(canvas()->document(), m_window->document());
    EXPECT_EQ(canvas()->currentLayer(), topLayer());
    EXPECT_FALSE(m_window->undoAction()->isEnabled());

    // The new document's history drives the actions.
    ViewTransform view;
    view.setPan({10, 10});
    canvas()->setView(view);
    stroke(100, 300, 100);
    EXPECT_TRUE(m_window->undoAction()->isEnabled());
}

TEST_F(MainWindowTest, KeepsAnotherHistoryListener)
{
    int calls = 0;
    auto doc = core::Document::create(64, 64).value();
    doc->history().addListener([&calls] { ++calls; });
    MainWindow window(std::move(doc));
    window.document()->addPaintLayer("More").value();
    EXPECT_EQ(calls, 1);
    EXPECT_TRUE(window.undoAction()->isEnabled());
}

}  // namespace
}  // namespace signe::app

namespace signe::app {
namespace {

TEST(PresetLibrary, EveryShippedPresetIsBuiltIn)
{
    test::application();
    const PresetLibrary library = PresetLibrary::loadBuiltIn();
    EXPECT_TRUE(library.problems.isEmpty()) << library.problems.join("\n").toStdString();
    ASSERT_EQ(library.presets.size(), 14u);
    for (const char* name : {"Pen", "Pencil", "Soft Airbrush", "Round Brush", "Eraser", "Chalk",
                             "Oil Round", "Blender", "Wet on Wet", "Gouache", "Oil Flat Bristle",
                             "Dry Brush", "Charcoal", "Palette Knife"})
        EXPECT_GE(library.indexOf(name), 0) << name;
    const auto& chalk = library.presets[std::size_t(library.indexOf("Chalk"))];
    ASSERT_NE(library.tipFor(chalk), nullptr) << "the chalk tip is built in";
    EXPECT_EQ(library.tipFor(chalk)->width(), 96);
}

TEST_F(MainWindowTest, ShowReliefSwitchesTheDocumentsLightAndFollowsUndo)
{
    QAction* relief = m_window->showReliefAction();
    ASSERT_NE(relief, nullptr);
    EXPECT_TRUE(relief->isChecked()) << "relief shows by default";
    relief->trigger();
    EXPECT_FALSE(m_window->document()->light().enabled);
    EXPECT_FALSE(relief->isChecked());
    m_window->undo();
    EXPECT_TRUE(m_window->document()->light().enabled);
    EXPECT_TRUE(relief->isChecked()) << "the menu follows the document back";
}

TEST_F(MainWindowTest, StartsWithTheRoundBrushAndSwitchesPresets)
{
    EXPECT_EQ(canvas()->brushSettings().preset.name, "Round Brush");
    const int pen = m_window->presets().indexOf("Pen");
    ASSERT_GE(pen, 0);
    m_window->setPreset(pen);
    EXPECT_EQ(canvas()->brushSettings().preset.name, "Pen");
    EXPECT_FLOAT_EQ(canvas()->brushSettings().radius,
                    m_window->presets().presets[std::size_t(pen)].settings[brushes::BrushSetting::Radius]);
}

}  // namespace
}  // namespace signe::app
