// SPDX-License-Identifier: GPL-3.0-or-later
#include "app/view_transform.h"

#include <gtest/gtest.h>

#include "core/compositor.h"

namespace signe::app {
namespace {

constexpr double kZooms[] = {1.0 / 128, 1.0 / 16, 0.3, 0.5, 1.0, 1.7, 4.0, 32.0, 64.0};
const QPointF kPans[] = {{0, 0}, {12.5, -40.25}, {-3000, 777}, {0.1, 0.9}};

TEST(ViewTransform, CanvasToWidgetRoundTripsAtSeveralZoomsAndPans)
{
    const QPointF points[] = {{0, 0}, {1, 1}, {2047.5, 1535.25}, {-10, 5000}, {0.001, 123.456}};
    for (double zoom : kZooms)
        for (QPointF pan : kPans) {
            ViewTransform view;
            view.setZoom(zoom);
            view.setPan(pan);
            for (QPointF p : points) {
                const QPointF back = view.widgetToCanvas(view.canvasToWidget(p));
                EXPECT_NEAR(back.x(), p.x(), 1e-9 * std::max(1.0, std::abs(p.x())))
                    << "zoom " << zoom << " pan " << pan.x() << "," << pan.y();
                EXPECT_NEAR(back.y(), p.y(), 1e-9 * std::max(1.0, std::abs(p.y())));
                const QPointF there = view.canvasToWidget(view.widgetToCanvas(p));
                EXPECT_NEAR(there.x(), p.x(), 1e-9 * std::max(1.0, std::abs(p.x())));
                EXPECT_NEAR(there.y(), p.y(), 1e-9 * std::max(1.0, std::abs(p.y())));
            }
        }
}

TEST(ViewTransform, MapsByZoomThenPan)
{
    ViewTransform view;
    view.setZoom(2.0);
    view.setPan({10, 20});
    EXPECT_EQ(view.canvasToWidget(QPointF(0, 0)), QPointF(10, 20));
    EXPECT_EQ(view.canvasToWidget(QPointF(5, 7)), QPointF(20, 34));
    EXPECT_EQ(view.widgetToCanvas(QPointF(20, 34)), QPointF(5, 7));
    EXPECT_EQ(view.canvasToWidget(QRectF(1, 2, 3, 4)), QRectF(12, 24, 6, 8));
    EXPECT_EQ(view.widgetToCanvas(QRectF(12, 24, 6, 8)), QRectF(1, 2, 3, 4));
}

TEST(ViewTransform, CoveringRectsContainTheExactOnes)
{
    for (double zoom : kZooms)
        for (QPointF pan : kPans) {
            ViewTransform view;
            view.setZoom(zoom);
            view.setPan(pan);
            const QRectF canvas(3.5, 9, 100.25, 41);
            const QRectF exact = view.canvasToWidget(canvas);
            const QRect cover = view.canvasToWidgetCovering(canvas);
            EXPECT_LE(cover.left(), exact.left());
            EXPECT_LE(cover.top(), exact.top());
            EXPECT_GE(cover.x() + cover.width(), exact.right());
            EXPECT_GE(cover.y() + cover.height(), exact.bottom());
            EXPECT_LT(exact.left() - cover.left(), 1.0);

            const QRectF widget(-7, 0.5, 640, 480);
            const QRectF exactCanvas = view.widgetToCanvas(widget);
            const QRect coverCanvas = view.widgetToCanvasCovering(widget);
            EXPECT_LE(coverCanvas.left(), exactCanvas.left());
            EXPECT_GE(coverCanvas.x() + coverCanvas.width(), exactCanvas.right());
        }
}

TEST(ViewTransform, ZoomAboutKeepsThePointUnderTheCursor)
{
    ViewTransform view;
    view.setZoom(0.75);
    view.setPan({-120, 33});
    const QPointF cursor(312, 201);
    const QPointF under = view.widgetToCanvas(cursor);
    for (double zoom : {0.1, 1.0, 3.3, 50.0}) {
        view.zoomAbout(cursor, zoom);
        EXPECT_DOUBLE_EQ(view.zoom(), zoom);
        const QPointF still = view.canvasToWidget(under);
        EXPECT_NEAR(still.x(), cursor.x(), 1e-9);
        EXPECT_NEAR(still.y(), cursor.y(), 1e-9);
    }
}

TEST(ViewTransform, ZoomIsClamped)
{
    ViewTransform view;
    view.setZoom(1e9);
    EXPECT_EQ(view.zoom(), ViewTransform::kMaxZoom);
    view.setZoom(0.0);
    EXPECT_EQ(view.zoom(), ViewTransform::kMinZoom);
    view.setZoom(std::numeric_limits<double>::quiet_NaN());
    EXPECT_EQ(view.zoom(), ViewTransform::kMinZoom);  // ignored
}

TEST(ViewTransform, FitShowsTheWholeCanvasCentred)
{
    ViewTransform view;
    view.fit(QSizeF(2048, 1536), QSizeF(1000, 700), 16);
    const QRectF shown = view.canvasToWidget(QRectF(0, 0, 2048, 1536));
    EXPECT_NEAR(view.zoom(), (700.0 - 32) / 1536, 1e-12);  // height limits
    EXPECT_GE(shown.top(), 15.5);
    EXPECT_LE(shown.bottom(), 700 - 15.5);
    EXPECT_NEAR(shown.center().x(), 500, 0.5);
    EXPECT_NEAR(shown.center().y(), 350, 0.5);
    // Whole-pixel pan.
    EXPECT_EQ(view.pan().x(), std::round(view.pan().x()));
    EXPECT_EQ(view.pan().y(), std::round(view.pan().y()));

    // A canvas smaller than the widget is magnified to fill it, too.
    view.fit(QSizeF(64, 32), QSizeF(1000, 700), 16);
    EXPECT_NEAR(view.zoom(), (1000.0 - 32) / 64, 1e-12);
}

TEST(ViewTransform, MipLevelIsFloorOfLog2OfInverseZoom)
{
    const std::pair<double, int> cases[] = {
        {64.0, 0}, {2.0, 0},   {1.0, 0},    {0.99, 0},         {0.5, 1},   {0.49, 1},
        {0.26, 1}, {0.25, 2},  {0.2, 2},    {1.0 / 8, 3},      {0.1, 3},   {1.0 / 128, 7},
    };
    for (auto [zoom, level] : cases) {
        ViewTransform view;
        view.setZoom(zoom);
        EXPECT_EQ(view.mipLevel(), level) << "zoom " << zoom;
        EXPECT_LE(view.mipLevel(), core::Compositor::kMaxLevel);
    }
}

TEST(ViewTransform, SnappedGridLinesTileWithoutGaps)
{
    ViewTransform view;
    view.setZoom(0.37);
    view.setPan({10.6, -3.2});
    // Neighbouring tiles share their edge exactly.
    for (int i = 0; i < 40; ++i) {
        const int right = view.snappedX((i + 1) * 64.0);
        const int left = view.snappedX(i * 64.0);
        EXPECT_GE(right, left);
        EXPECT_NEAR(right, view.canvasToWidget(QPointF((i + 1) * 64.0, 0)).x(), 0.5);
    }
}

}  // namespace
}  // namespace signe::app
