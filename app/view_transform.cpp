// SPDX-License-Identifier: GPL-3.0-or-later
#include "app/view_transform.h"

#include <algorithm>
#include <cmath>

#include "core/compositor.h"

namespace signe::app {

void ViewTransform::setZoom(double zoom)
{
    if (!std::isfinite(zoom)) return;
    m_zoom = std::clamp(zoom, kMinZoom, kMaxZoom);
}

void ViewTransform::zoomAbout(QPointF widgetPoint, double newZoom)
{
    const QPointF anchor = widgetToCanvas(widgetPoint);
    setZoom(newZoom);
    m_pan = widgetPoint - anchor * m_zoom;
}

void ViewTransform::fit(QSizeF canvas, QSizeF widget, double margin)
{
    if (canvas.isEmpty() || widget.isEmpty()) return;
    // A widget too small for the margin still shows the whole canvas, just without the border.
    const double w = std::max(widget.width() - 2 * margin, widget.width() * 0.5);
    const double h = std::max(widget.height() - 2 * margin, widget.height() * 0.5);
    setZoom(std::min(w / canvas.width(), h / canvas.height()));
    centre(canvas, widget);
}

void ViewTransform::centre(QSizeF canvas, QSizeF widget)
{
    // Whole-pixel pan keeps 100 % views crisp: each canvas pixel lands on one widget pixel.
    m_pan = QPointF(std::round((widget.width() - canvas.width() * m_zoom) / 2),
                    std::round((widget.height() - canvas.height() * m_zoom) / 2));
}

QRectF ViewTransform::canvasToWidget(const QRectF& canvas) const
{
    return {canvasToWidget(canvas.topLeft()), canvas.size() * m_zoom};
}

QRectF ViewTransform::widgetToCanvas(const QRectF& widget) const
{
    return {widgetToCanvas(widget.topLeft()), widget.size() / m_zoom};
}

namespace {
QRect covering(const QRectF& r)
{
    const int left = int(std::floor(r.left())), top = int(std::floor(r.top()));
    const int right = int(std::ceil(r.right())), bottom = int(std::ceil(r.bottom()));
    return {left, top, right - left, bottom - top};
}
}  // namespace

QRect ViewTransform::canvasToWidgetCovering(const QRectF& canvas) const
{
    return covering(canvasToWidget(canvas));
}

QRect ViewTransform::widgetToCanvasCovering(const QRectF& widget) const
{
    return covering(widgetToCanvas(widget));
}

int ViewTransform::mipLevel() const
{
    if (m_zoom >= 1.0) return 0;
    // The small epsilon keeps exact powers of two (0.5, 0.25) on their own level despite
    // rounding in log2.
    const int level = int(std::floor(std::log2(1.0 / m_zoom) + 1e-9));
    return std::clamp(level, 0, core::Compositor::kMaxLevel);
}

int ViewTransform::snappedX(double canvasX) const
{
    return int(std::lround(canvasX * m_zoom + m_pan.x()));
}

int ViewTransform::snappedY(double canvasY) const
{
    return int(std::lround(canvasY * m_zoom + m_pan.y()));
}

}  // namespace signe::app
