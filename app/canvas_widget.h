// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <memory>
#include <optional>

#include <QElapsedTimer>
#include <QPointF>
#include <QWidget>

#include "app/view_transform.h"
#include "brushes/input_event.h"
#include "app/canvas_brush.h"
#include "core/layer.h"
#include "core/rect.h"

namespace signe::core {
class Journal;
class Compositor;
class Document;
}  // namespace signe::core

namespace signe::app {

/// Shows a document's composite and paints on it.
///
/// The widget does not own the document: it must outlive the widget, or be detached first
/// with setDocument(nullptr). It owns the Compositor that turns the layers into display tiles,
/// and listens to the document so that only the part of the widget over a changed region is
/// repainted.
///
/// Input: left button or pen paints on the current layer with the brush engine (one history
/// entry per stroke); middle button, or left button with Space held, pans; the wheel zooms about
/// the cursor.
class CanvasWidget : public QWidget {
    Q_OBJECT

public:
    /// Name of a stroke's history entry.
    static constexpr const char* kStrokeName = "Brush stroke";

    explicit CanvasWidget(QWidget* parent = nullptr);
    ~CanvasWidget() override;

    /// Shows `doc` (nullptr for nothing), fitting it in the widget. Ends any stroke first.
    void setDocument(core::Document* doc);
    core::Document* document() const { return m_doc; }

    /// The layer strokes paint on. Checked only when a stroke starts.
    void setCurrentLayer(core::LayerId id) { m_currentLayer = id; }
    /// Strokes are committed through `journal` (null: plainly), which records each one.
    void setJournal(core::Journal* journal) { m_journal = journal; }
    core::LayerId currentLayer() const { return m_currentLayer; }

    /// Brush used by the next stroke (a stroke in progress keeps the settings it began with).
    void setBrushSettings(const CanvasBrush& settings) { m_brushSettings = settings; }
    const CanvasBrush& brushSettings() const { return m_brushSettings; }

    const ViewTransform& view() const { return m_view; }
    /// Replaces the view transform (zoom and pan) and repaints.
    void setView(const ViewTransform& view);

    /// True between the press and the release of a painting stroke.
    bool isStroking() const { return m_stroke != nullptr; }

public slots:
    void zoomIn();
    void zoomOut();
    /// Shows the whole canvas, centred.
    void zoomToFit();
    /// 100 %: one canvas pixel per widget pixel, keeping the centre of the view.
    void zoomToActualSize();
    /// Commits the stroke in progress, if any. Call before anything else changes the document
    /// (undo, layer operations), so that the stroke becomes its own history entry first.
    void finishStroke();

signals:
    /// A message for the status bar, such as why a stroke could not start.
    void statusMessage(const QString& message);
    /// Zoom or pan changed.
    void viewChanged();
    /// A painting stroke began (its history entry comes when it finishes).
    void strokeStarted();
    /// The stroke ended and was committed (or left no change and no entry).
    void strokeFinished();

protected:
    void paintEvent(QPaintEvent* event) override;
    void resizeEvent(QResizeEvent* event) override;
    void mousePressEvent(QMouseEvent* event) override;
    void mouseMoveEvent(QMouseEvent* event) override;
    void mouseReleaseEvent(QMouseEvent* event) override;
    void tabletEvent(QTabletEvent* event) override;
    void wheelEvent(QWheelEvent* event) override;
    void keyPressEvent(QKeyEvent* event) override;
    void keyReleaseEvent(QKeyEvent* event) override;
    void focusOutEvent(QFocusEvent* event) override;

private:
    struct Stroke;
    class RepaintBatch;

    brushes::InputEvent inputAt(QPointF widgetPos, double seconds, float pressure) const;
    /// Opens a transaction on the current layer; false (with a status message) if the layer
    /// cannot be painted.
    bool beginStroke(const brushes::InputEvent& event);
    void continueStroke(const brushes::InputEvent& event);
    void endStroke(const brushes::InputEvent& event);

    void beginPan(QPointF widgetPos, Qt::MouseButton button);
    void panTo(QPointF widgetPos);
    void endPan();

    /// Zooms about the view's centre.
    void zoomAboutCentre(double zoom);
    void viewMoved();
    void updateCursor();

    /// Repaints the widget pixels showing `canvasRect`, now or when the batch ends.
    void canvasChanged(const core::Rect& canvasRect);
    void repaintCanvasRect(const core::Rect& canvasRect);

    core::Document* m_doc = nullptr;
    std::unique_ptr<core::Compositor> m_compositor;
    int m_regionListener = 0;
    core::LayerId m_currentLayer = core::kNoLayer;
    core::Journal* m_journal = nullptr;
    // The document's paint clock runs from where it stood when the document was shown.
    QElapsedTimer m_clockTimer;
    double m_clockStart = 0;
    CanvasBrush m_brushSettings;
    std::uint64_t m_nextSeed = 1;  // each stroke gets its own, so random dynamics differ

    ViewTransform m_view;
    bool m_viewTouched = false;  // until the painter moves the view, resizing refits it

    std::unique_ptr<Stroke> m_stroke;
    bool m_panning = false;
    Qt::MouseButton m_panButton = Qt::NoButton;
    QPointF m_lastPanPos;
    bool m_spaceHeld = false;

    int m_batchDepth = 0;
    core::Rect m_pendingDirty;
};

}  // namespace signe::app
