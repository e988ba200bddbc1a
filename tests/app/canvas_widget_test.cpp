// SPDX-License-Identifier: GPL-3.0-or-later
#include "app/canvas_widget.h"

#include <cmath>
#include <memory>
#include <vector>

#include <gtest/gtest.h>

#include <QCoreApplication>
#include <QImage>
#include <QKeyEvent>
#include <QMouseEvent>
#include <QPaintEvent>
#include <QPointingDevice>
#include <QSignalSpy>
#include <QTabletEvent>
#include <QWheelEvent>

#include "core/document.h"
#include "core/transaction.h"
#include "tests/app/test_application.h"

namespace signe::app {
namespace {

/// A brush whose radius follows pressure in proportion, with no smoothing or other dynamics:
/// what these tests measure is the canvas, not a shipped preset's tuning.
CanvasBrush plainBrush(float radius)
{
    CanvasBrush brush;
    brush.radius = radius;
    brush.preset.settings[brushes::BrushSetting::Hardness] = 0.8f;
    brush.preset.settings.dynamics.push_back(
        {brushes::BrushSetting::Radius, brushes::DynamicInput::Pressure,
         brushes::Curve::identity()});
    return brush;
}

void sendMouse(QWidget* w, QEvent::Type type, QPointF pos, Qt::MouseButton button,
               Qt::MouseButtons buttons)
{
    QMouseEvent event(type, pos, w->mapToGlobal(pos), button, buttons, Qt::NoModifier);
    QCoreApplication::sendEvent(w, &event);
}

/// Press at `from`, move in `steps` straight steps to `to`, release there.
void drag(QWidget* w, QPointF from, QPointF to, Qt::MouseButton button = Qt::LeftButton,
          int steps = 10)
{
    sendMouse(w, QEvent::MouseButtonPress, from, button, button);
    for (int i = 1; i <= steps; ++i)
        sendMouse(w, QEvent::MouseMove, from + (to - from) * (double(i) / steps), Qt::NoButton,
                  button);
    sendMouse(w, QEvent::MouseButtonRelease, to, button, Qt::NoButton);
}

void sendKey(QWidget* w, QEvent::Type type, int key)
{
    QKeyEvent event(type, key, Qt::NoModifier);
    QCoreApplication::sendEvent(w, &event);
}

/// Records the rectangles the widget is asked to paint.
class PaintRecorder : public QObject {
public:
    std::vector<QRect> rects;

protected:
    bool eventFilter(QObject*, QEvent* event) override
    {
        if (event->type() == QEvent::Paint)
            rects.push_back(static_cast<QPaintEvent*>(event)->rect());
        return false;
    }
};

class CanvasWidgetTest : public ::testing::Test {
protected:
    void SetUp() override
    {
        test::application();
        m_doc = core::Document::create(256, 192).value();
        m_layer = m_doc->root().children()[0]->id();
        m_canvas = std::make_unique<CanvasWidget>();
        m_canvas->resize(400, 300);
        m_canvas->setDocument(m_doc.get());
        setView(1.0, {10, 20});
    }

    void setView(double zoom, QPointF pan)
    {
        ViewTransform view;
        view.setZoom(zoom);
        view.setPan(pan);
        m_canvas->setView(view);
    }

    /// Widget position of a canvas position under the current view.
    QPointF at(double canvasX, double canvasY) const
    {
        return m_canvas->view().canvasToWidget(QPointF(canvasX, canvasY));
    }

    core::Pixel16 pixel(int x, int y) const
    {
        return m_doc->layer(m_layer)->tiles().pixel(x, y);
    }

    std::unique_ptr<core::Document> m_doc;  // declared first: outlives the widget
    core::LayerId m_layer = core::kNoLayer;
    std::unique_ptr<CanvasWidget> m_canvas;
};

TEST_F(CanvasWidgetTest, PaintsOnTheTopLayerOfANewDocument)
{
    EXPECT_EQ(m_canvas->currentLayer(), m_layer);
    EXPECT_EQ(m_canvas->document(), m_doc.get());
}

TEST_F(CanvasWidgetTest, MouseDragPaintsTheCurrentLayerInOneHistoryEntry)
{
    drag(m_canvas.get(), at(50, 50), at(150, 50));

    EXPECT_FALSE(m_canvas->isStroking());
    EXPECT_EQ(pixel(50, 50).a, 65535);
    EXPECT_EQ(pixel(100, 50).a, 65535);
    EXPECT_EQ(pixel(150, 50).a, 65535);
    EXPECT_EQ(pixel(100, 50).r, 0);  // the default brush is black
    EXPECT_EQ(pixel(100, 100).a, 0);
    EXPECT_EQ(pixel(200, 50).a, 0);
    ASSERT_EQ(m_doc->history().count(), 1u);
    EXPECT_EQ(m_doc->history().undoName(), "Brush stroke");
}

TEST_F(CanvasWidgetTest, StrokeFollowsZoomAndPan)
{
    setView(2.0, {-50, -30});
    drag(m_canvas.get(), QPointF(150, 130), QPointF(250, 130));  // canvas (100,80)-(150,80)
    EXPECT_EQ(pixel(100, 80).a, 65535);
    EXPECT_EQ(pixel(150, 80).a, 65535);
    EXPECT_EQ(pixel(150, 130).a, 0);
}

TEST_F(CanvasWidgetTest, UndoAndRedoRestoreTheStroke)
{
    drag(m_canvas.get(), at(50, 50), at(150, 50));
    ASSERT_TRUE(m_doc->undo());
    EXPECT_EQ(pixel(100, 50).a, 0);
    EXPECT_TRUE(m_doc->layer(m_layer)->tiles().isEmpty());
    ASSERT_TRUE(m_doc->redo());
    EXPECT_EQ(pixel(100, 50).a, 65535);
}

TEST_F(CanvasWidgetTest, BrushSettingsApplyToTheNextStroke)
{
    CanvasBrush settings = plainBrush(20);
    settings.color = {65535, 0, 0, 65535};
    m_canvas->setBrushSettings(settings);
    drag(m_canvas.get(), at(60, 60), at(61, 60), Qt::LeftButton, 1);
    EXPECT_EQ(pixel(60, 60), (core::Pixel16{65535, 0, 0, 65535}));
    EXPECT_EQ(pixel(60, 75).a, 65535);  // inside a radius of 20, outside the default 8
}

TEST_F(CanvasWidgetTest, PaintingOnAnEditLockedLayerChangesNothing)
{
    core::LayerProperties props = m_doc->layer(m_layer)->properties();
    props.editLock = true;
    ASSERT_TRUE(m_doc->setLayerProperties(m_layer, props));
    const std::size_t entries = m_doc->history().count();
    QSignalSpy messages(m_canvas.get(), &CanvasWidget::statusMessage);

    drag(m_canvas.get(), at(50, 50), at(150, 50));

    EXPECT_FALSE(m_canvas->isStroking());
    EXPECT_TRUE(m_doc->layer(m_layer)->tiles().isEmpty());
    EXPECT_EQ(m_doc->history().count(), entries);
    ASSERT_EQ(messages.count(), 1);
    const QString message = messages[0][0].toString();
    EXPECT_TRUE(message.contains("locked")) << message.toStdString();
}

TEST_F(CanvasWidgetTest, PaintingOnAGroupShowsAMessage)
{
    const core::LayerId group = m_doc->addGroup("Group").value();
    m_canvas->setCurrentLayer(group);
    const std::size_t entries = m_doc->history().count();
    QSignalSpy messages(m_canvas.get(), &CanvasWidget::statusMessage);

    drag(m_canvas.get(), at(50, 50), at(150, 50));

    EXPECT_EQ(m_doc->history().count(), entries);
    EXPECT_TRUE(m_doc->layer(m_layer)->tiles().isEmpty());
    ASSERT_EQ(messages.count(), 1);
    EXPECT_TRUE(messages[0][0].toString().contains("group"));
}

TEST_F(CanvasWidgetTest, PaintingOnAHiddenLayerShowsAMessage)
{
    ASSERT_TRUE(m_doc->setLayerVisible(m_layer, false));
    QSignalSpy messages(m_canvas.get(), &CanvasWidget::statusMessage);
    drag(m_canvas.get(), at(50, 50), at(150, 50));
    EXPECT_TRUE(m_doc->layer(m_layer)->tiles().isEmpty());
    EXPECT_EQ(m_doc->history().count(), 1u);  // just the visibility change
    EXPECT_EQ(messages.count(), 1);
}

TEST_F(CanvasWidgetTest, PaintingWithNoLayerShowsAMessage)
{
    ASSERT_TRUE(m_doc->removeLayer(m_layer));
    QSignalSpy messages(m_canvas.get(), &CanvasWidget::statusMessage);
    drag(m_canvas.get(), at(50, 50), at(150, 50));
    EXPECT_EQ(m_doc->history().count(), 1u);
    EXPECT_EQ(messages.count(), 1);
}

TEST_F(CanvasWidgetTest, MiddleDragPansWithoutPainting)
{
    const QPointF before = m_canvas->view().pan();
    drag(m_canvas.get(), QPointF(100, 100), QPointF(130, 90), Qt::MiddleButton);
    EXPECT_EQ(m_canvas->view().pan(), before + QPointF(30, -10));
    EXPECT_TRUE(m_doc->layer(m_layer)->tiles().isEmpty());
    EXPECT_EQ(m_doc->history().count(), 0u);
}

TEST_F(CanvasWidgetTest, SpaceAndLeftDragPansThenLeftDragPaintsAgain)
{
    const QPointF before = m_canvas->view().pan();
    sendKey(m_canvas.get(), QEvent::KeyPress, Qt::Key_Space);
    drag(m_canvas.get(), QPointF(100, 100), QPointF(80, 140));
    sendKey(m_canvas.get(), QEvent::KeyRelease, Qt::Key_Space);
    EXPECT_EQ(m_canvas->view().pan(), before + QPointF(-20, 40));
    EXPECT_TRUE(m_doc->layer(m_layer)->tiles().isEmpty());

    drag(m_canvas.get(), at(50, 50), at(150, 50));
    EXPECT_EQ(pixel(100, 50).a, 65535);
}

TEST_F(CanvasWidgetTest, WheelZoomsAboutTheCursor)
{
    const QPointF cursor(123, 87);
    const QPointF under = m_canvas->view().widgetToCanvas(cursor);
    const double before = m_canvas->view().zoom();
    QWheelEvent wheel(cursor, m_canvas->mapToGlobal(cursor), QPoint(), QPoint(0, 120),
                      Qt::NoButton, Qt::NoModifier, Qt::NoScrollPhase, false);
    QCoreApplication::sendEvent(m_canvas.get(), &wheel);

    EXPECT_NEAR(m_canvas->view().zoom(), before * std::pow(2.0, 0.25), 1e-12);
    const QPointF still = m_canvas->view().canvasToWidget(under);
    EXPECT_NEAR(still.x(), cursor.x(), 1e-9);
    EXPECT_NEAR(still.y(), cursor.y(), 1e-9);

    QWheelEvent back(cursor, m_canvas->mapToGlobal(cursor), QPoint(), QPoint(0, -120),
                     Qt::NoButton, Qt::NoModifier, Qt::NoScrollPhase, false);
    QCoreApplication::sendEvent(m_canvas.get(), &back);
    EXPECT_NEAR(m_canvas->view().zoom(), before, 1e-12);
}

TEST_F(CanvasWidgetTest, ZoomStepsPassThroughActualSize)
{
    setView(0.3, {0, 0});
    m_canvas->zoomIn();
    EXPECT_NEAR(m_canvas->view().zoom(), std::sqrt(0.125), 1e-12);
    m_canvas->zoomIn();
    EXPECT_NEAR(m_canvas->view().zoom(), 0.5, 1e-12);
    m_canvas->zoomIn();
    m_canvas->zoomIn();
    EXPECT_NEAR(m_canvas->view().zoom(), 1.0, 1e-12);
    m_canvas->zoomIn();
    EXPECT_NEAR(m_canvas->view().zoom(), std::sqrt(2.0), 1e-12);
    m_canvas->zoomOut();
    EXPECT_NEAR(m_canvas->view().zoom(), 1.0, 1e-12);

    m_canvas->zoomToFit();
    EXPECT_NEAR(m_canvas->view().zoom(), std::min((400 - 32) / 256.0, (300 - 32) / 192.0), 1e-12);
    m_canvas->zoomToActualSize();
    EXPECT_EQ(m_canvas->view().zoom(), 1.0);
    EXPECT_EQ(m_canvas->view().pan().x(), std::round(m_canvas->view().pan().x()));
}

TEST_F(CanvasWidgetTest, TabletPressureDrivesBrushSize)
{
    const QPointingDevice pen(QStringLiteral("test pen"), 4242, QInputDevice::DeviceType::Stylus,
                              QPointingDevice::PointerType::Pen,
                              QInputDevice::Capability::Position |
                                  QInputDevice::Capability::Pressure,
                              1, 3);
    m_canvas->setBrushSettings(plainBrush(20));

    auto stroke = [&](double y, double pressure) {
        auto send = [&](QEvent::Type type, double x, Qt::MouseButtons buttons) {
            const QPointF pos = at(x, y);
            QTabletEvent event(type, &pen, pos, m_canvas->mapToGlobal(pos), pressure, 0, 0, 0, 0,
                               0, Qt::NoModifier, Qt::LeftButton, buttons);
            QCoreApplication::sendEvent(m_canvas.get(), &event);
            EXPECT_TRUE(event.isAccepted());
        };
        send(QEvent::TabletPress, 40, Qt::LeftButton);
        for (int x = 50; x <= 200; x += 10) send(QEvent::TabletMove, x, Qt::LeftButton);
        send(QEvent::TabletRelease, 200, Qt::NoButton);
    };
    // Painted height of the stroke's column at x = 120.
    auto thickness = [&](int y0, int y1) {
        int n = 0;
        for (int y = y0; y < y1; ++y) n += pixel(120, y).a > 32768;
        return n;
    };
    stroke(50, 1.0);
    stroke(140, 0.25);
    EXPECT_EQ(m_doc->history().count(), 2u);
    // Overlapping soft-edged dabs make a stroke a little narrower than the dab diameter.
    const int full = thickness(0, 95), light = thickness(95, 192);
    EXPECT_GE(full, 34);  // radius 20
    EXPECT_LE(full, 42);
    EXPECT_GE(light, 7);  // a quarter of it
    EXPECT_LE(light, 12);
}

TEST_F(CanvasWidgetTest, PenHeldStillWhilePressureFallsPaintsOnlyNearIt)
{
    const QPointingDevice pen(QStringLiteral("test pen"), 4243, QInputDevice::DeviceType::Stylus,
                              QPointingDevice::PointerType::Pen,
                              QInputDevice::Capability::Position |
                                  QInputDevice::Capability::Pressure,
                              1, 3);
    m_canvas->setBrushSettings(plainBrush(20));
    auto send = [&](QEvent::Type type, double x, double pressure) {
        const QPointF pos = at(x, 100);
        QTabletEvent event(type, &pen, pos, m_canvas->mapToGlobal(pos), pressure, 0, 0, 0, 0, 0,
                           Qt::NoModifier, Qt::LeftButton,
                           type == QEvent::TabletRelease ? Qt::NoButton : Qt::LeftButton);
        QCoreApplication::sendEvent(m_canvas.get(), &event);
    };
    send(QEvent::TabletPress, 100, 1.0);
    send(QEvent::TabletMove, 101, 0.1);
    send(QEvent::TabletMove, 101, 0.1);  // still, lighter
    send(QEvent::TabletMove, 101, 0.05);
    // Checked before the release: committing drops tiles left transparent, hiding stray ones.
    EXPECT_EQ(m_doc->layer(m_layer)->tiles().bounds(), (core::Rect{64, 64, 64, 64}));
    send(QEvent::TabletRelease, 101, 0.0);

    EXPECT_EQ(m_doc->layer(m_layer)->tiles().bounds(), (core::Rect{64, 64, 64, 64}));
    EXPECT_EQ(pixel(100, 100).a, 65535);
}

TEST_F(CanvasWidgetTest, ShowsTheCompositeOverAGreySurround)
{
    drag(m_canvas.get(), at(50, 50), at(150, 50));
    for (double zoom : {1.0, 2.0, 0.7, 0.25}) {
        setView(zoom, {10, 20});
        const QImage shot = m_canvas->grab().toImage();
        const QPoint stroke = at(100, 50).toPoint();
        const QPoint paper = at(100, 100).toPoint();
        const QPoint outside(5, 5);
        EXPECT_LT(qGray(shot.pixel(stroke)), 40) << "zoom " << zoom;
        EXPECT_EQ(shot.pixel(paper), qRgb(255, 255, 255)) << "zoom " << zoom;
        EXPECT_EQ(shot.pixel(outside), qRgb(0x6b, 0x6b, 0x6b)) << "zoom " << zoom;
        const QPoint beyond = (at(0, 50) - QPointF(8, 0)).toPoint();
        EXPECT_EQ(shot.pixel(beyond), qRgb(0x6b, 0x6b, 0x6b)) << "zoom " << zoom;
    }
}

TEST_F(CanvasWidgetTest, RepaintsOnlyTheChangedRegion)
{
    m_canvas->show();
    QCoreApplication::processEvents();
    PaintRecorder recorder;
    m_canvas->installEventFilter(&recorder);

    {
        core::Transaction tx(*m_doc, "Fill");
        auto target = tx.target(m_layer);
        ASSERT_TRUE(target);
        target->fillRect({100, 100, 4, 4}, {0, 0, 0, 65535});
        tx.commit();
    }
    QCoreApplication::processEvents();
    m_canvas->removeEventFilter(&recorder);

    ASSERT_FALSE(recorder.rects.empty());
    const QRect changed = m_canvas->view().canvasToWidgetCovering(QRectF(100, 100, 4, 4));
    for (const QRect& r : recorder.rects) {
        EXPECT_TRUE(r.contains(changed)) << r.x() << "," << r.y() << " " << r.width();
        EXPECT_LE(r.width(), 16);
        EXPECT_LE(r.height(), 16);
    }
}

TEST_F(CanvasWidgetTest, DetachingTheDocumentStopsListening)
{
    m_canvas->setDocument(nullptr);
    EXPECT_EQ(m_canvas->document(), nullptr);
    // Changes to the document no longer reach the widget (it would crash if they did).
    core::Transaction tx(*m_doc, "Fill");
    tx.target(m_layer)->fillRect({0, 0, 64, 64}, {0, 0, 0, 65535});
    EXPECT_TRUE(tx.commit());
    drag(m_canvas.get(), QPointF(50, 50), QPointF(60, 50));
    EXPECT_EQ(m_doc->history().count(), 1u);
}

}  // namespace
}  // namespace signe::app
