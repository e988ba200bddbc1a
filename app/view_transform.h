// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QPointF>
#include <QRect>
#include <QRectF>
#include <QSizeF>

namespace signe::app {

/// How the canvas sits in the canvas widget: a zoom factor and a pan offset.
///
///     widget = canvas * zoom + pan        canvas = (widget - pan) / zoom
///
/// Widget coordinates are the widget's logical pixels; canvas coordinates are document pixels
/// with (0, 0) at the canvas's top-left corner. `pan` is where canvas (0, 0) appears in the
/// widget. A plain value type: the widget owns one and repaints when it changes.
class ViewTransform {
public:
    static constexpr double kMinZoom = 1.0 / 128.0;
    static constexpr double kMaxZoom = 64.0;

    double zoom() const { return m_zoom; }
    QPointF pan() const { return m_pan; }

    /// Sets the zoom (clamped to [kMinZoom, kMaxZoom]) without moving `pan`.
    void setZoom(double zoom);
    void setPan(QPointF pan) { m_pan = pan; }
    void panBy(QPointF widgetDelta) { m_pan += widgetDelta; }

    /// Changes the zoom so that the canvas point under `widgetPoint` stays under it.
    void zoomAbout(QPointF widgetPoint, double newZoom);

    /// Zoom and pan that show all of `canvas` centred in `widget`, leaving `margin` widget
    /// pixels free on each side where there is room.
    void fit(QSizeF canvas, QSizeF widget, double margin = 16.0);
    /// Puts the centre of `canvas` at the centre of `widget`, keeping the zoom.
    void centre(QSizeF canvas, QSizeF widget);

    QPointF canvasToWidget(QPointF canvas) const { return canvas * m_zoom + m_pan; }
    QPointF widgetToCanvas(QPointF widget) const { return (widget - m_pan) / m_zoom; }
    QRectF canvasToWidget(const QRectF& canvas) const;
    QRectF widgetToCanvas(const QRectF& widget) const;

    /// The smallest whole-pixel widget rectangle covering `canvas` (canvas pixels).
    QRect canvasToWidgetCovering(const QRectF& canvas) const;
    /// The smallest whole-pixel canvas rectangle covering `widget` (widget pixels).
    QRect widgetToCanvasCovering(const QRectF& widget) const;

    /// The compositor's mipmap level for this zoom: the coarsest level whose pixels are still
    /// no bigger than a widget pixel, floor(log2(1 / zoom)), and 0 when zoomed in.
    int mipLevel() const;

    /// Widget position of the canvas grid line `canvasX` / `canvasY`, rounded to a whole
    /// pixel. Tiles drawn between rounded grid lines meet exactly, with no seams or overlap.
    int snappedX(double canvasX) const;
    int snappedY(double canvasY) const;

private:
    double m_zoom = 1.0;
    QPointF m_pan{0.0, 0.0};
};

}  // namespace signe::app
