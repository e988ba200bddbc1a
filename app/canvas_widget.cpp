// SPDX-License-Identifier: GPL-3.0-or-later
#include "app/canvas_widget.h"

#include <algorithm>
#include <cmath>

#include <QImage>
#include <QKeyEvent>
#include <QMouseEvent>
#include <QPaintEvent>
#include <QPainter>
#include <QResizeEvent>
#include <QTabletEvent>
#include <QWheelEvent>

#include "brushes/stroke_engine.h"
#include "brushes/stroke_record.h"
#include "core/compositor.h"
#include "core/document.h"
#include "core/journal/journal.h"
#include "core/transaction.h"

namespace signe::app {

namespace {

const QColor kSurround(0x6b, 0x6b, 0x6b);
const QColor kCanvasEdge(0x40, 0x40, 0x40);

/// Pen tilt arrives in degrees (about -60..60); the brush engine wants -1..1.
float normalisedTilt(float degrees) { return std::clamp(degrees / 60.0f, -1.0f, 1.0f); }

/// Zoom steps go through the powers of the square root of 2, so that 100 %, 200 %, 50 % ...
/// are always on the way, whatever the wheel did before.
double nextZoomStep(double zoom, int direction)
{
    const double halfSteps = std::log2(zoom) * 2.0;
    const double target = direction > 0 ? std::floor(halfSteps + 1e-6) + 1.0
                                        : std::ceil(halfSteps - 1e-6) - 1.0;
    return std::pow(2.0, target / 2.0);
}

/// `value` rounded down / up to a multiple of `step` (step > 0).
int floorTo(int value, int step) { return core::floorDiv(value, step) * step; }
int ceilTo(int value, int step) { return -core::floorDiv(-value, step) * step; }

}  // namespace

/// An open brush stroke: the transaction that will become its history entry, and the engine
/// carrying the stroke's state (smoothing, path, stroke buffer) from event to event.
struct CanvasWidget::Stroke {
    Stroke(core::Document& doc, const CanvasBrush& brush)
        : tx(doc, kStrokeName), preset(brush.effectivePreset()), tip(brush.tip)
    {
    }
    core::Transaction tx;
    const brushes::Preset preset;  // the engine refers to these for the whole stroke
    const std::shared_ptr<const brushes::BrushTip> tip;
    std::optional<core::PaintTarget> target;
    std::optional<brushes::StrokeEngine> engine;
    // What the journal needs to paint the stroke again: every event as the engine got it.
    brushes::StrokeRecord record;
};

/// Gathers the regions a burst of dabs changes and asks for one repaint when it ends:
/// a single pointer event can place hundreds of dabs, each announcing its own rectangle.
class CanvasWidget::RepaintBatch {
public:
    explicit RepaintBatch(CanvasWidget& widget) : m_widget(widget) { ++m_widget.m_batchDepth; }
    ~RepaintBatch()
    {
        if (--m_widget.m_batchDepth > 0 || m_widget.m_pendingDirty.isEmpty()) return;
        m_widget.repaintCanvasRect(m_widget.m_pendingDirty);
        m_widget.m_pendingDirty = {};
    }
    RepaintBatch(const RepaintBatch&) = delete;
    RepaintBatch& operator=(const RepaintBatch&) = delete;

private:
    CanvasWidget& m_widget;
};

CanvasWidget::CanvasWidget(QWidget* parent) : QWidget(parent)
{
    setAttribute(Qt::WA_OpaquePaintEvent);  // paintEvent covers every pixel it is asked for
    setFocusPolicy(Qt::StrongFocus);
    setMinimumSize(64, 64);
    updateCursor();
}

CanvasWidget::~CanvasWidget()
{
    // No signals from here: whoever listens may be half destroyed already.
    if (m_stroke) m_stroke->tx.commit();
    m_stroke.reset();
    if (m_doc) m_doc->removeListener(m_regionListener);
}

void CanvasWidget::setDocument(core::Document* doc)
{
    if (doc == m_doc) return;
    finishStroke();
    endPan();
    // The compositor unregisters itself from the old document, which must still be alive.
    if (m_doc) m_doc->removeListener(m_regionListener);
    m_compositor.reset();
    m_regionListener = 0;
    m_pendingDirty = {};
    m_doc = doc;
    m_currentLayer = core::kNoLayer;
    if (m_doc) {
        m_clockStart = m_doc->clock().seconds();
        m_clockTimer.start();
        m_compositor = std::make_unique<core::Compositor>(*m_doc);
        m_regionListener =
            m_doc->addRegionListener([this](const core::Rect& r) { canvasChanged(r); });
        // Paint on the top-most paint layer until someone chooses another.
        const auto& top = m_doc->root().children();
        for (auto it = top.rbegin(); it != top.rend(); ++it)
            if (!(*it)->isGroup()) {
                m_currentLayer = (*it)->id();
                break;
            }
    }
    zoomToFit();
}

void CanvasWidget::setView(const ViewTransform& view)
{
    m_view = view;
    viewMoved();
}

// --- Drawing -------------------------------------------------------------------------------

void CanvasWidget::paintEvent(QPaintEvent* event)
{
    QPainter painter(this);
    const QRect dirty = event->rect();
    painter.fillRect(dirty, kSurround);
    if (!m_doc) return;

    const int level = m_view.mipLevel();
    const int span = core::kTileSize << level;
    const QRect canvasRect(0, 0, m_doc->width(), m_doc->height());
    const QRect visible = m_view.widgetToCanvasCovering(QRectF(dirty)).intersected(canvasRect);

    // A dark line just outside the canvas marks its edge, whatever the page colour.
    const QRect page(QPoint(m_view.snappedX(0), m_view.snappedY(0)),
                     QPoint(m_view.snappedX(m_doc->width()) - 1,
                            m_view.snappedY(m_doc->height()) - 1));
    painter.setPen(kCanvasEdge);
    painter.drawRect(page.adjusted(-1, -1, 0, 0));
    if (visible.isEmpty()) return;

    m_compositor->update(level, {visible.x(), visible.y(), visible.width(), visible.height()}, 2);

    // Zoomed out, smoothing averages the mip level's pixels into the screen's; zoomed in
    // far, painters want to see hard pixels.
    const double scale = m_view.zoom() * double(1 << level);
    painter.setRenderHint(QPainter::SmoothPixmapTransform, scale < 2.0 && scale != 1.0);

    const int tx0 = visible.left() / span, tx1 = visible.right() / span;
    const int ty0 = visible.top() / span, ty1 = visible.bottom() / span;
    for (int ty = ty0; ty <= ty1; ++ty)
        for (int tx = tx0; tx <= tx1; ++tx) {
            const std::uint8_t* pixels = m_compositor->displayTile(level, {tx, ty});
            if (!pixels) continue;
            // Wraps the compositor's bytes without copying; drawn before the next update.
            const QImage tile(pixels, core::kTileSize, core::kTileSize, core::kTileSize * 4,
                              QImage::Format_RGBA8888_Premultiplied);
            const int x0 = m_view.snappedX(double(tx) * span);
            const int x1 = m_view.snappedX(double(tx + 1) * span);
            const int y0 = m_view.snappedY(double(ty) * span);
            const int y1 = m_view.snappedY(double(ty + 1) * span);
            if (x1 <= x0 || y1 <= y0) continue;
            painter.drawImage(QRect(x0, y0, x1 - x0, y1 - y0), tile);
        }
}

void CanvasWidget::canvasChanged(const core::Rect& canvasRect)
{
    if (m_batchDepth > 0) {
        m_pendingDirty = m_pendingDirty.united(canvasRect);
        return;
    }
    repaintCanvasRect(canvasRect);
}

void CanvasWidget::repaintCanvasRect(const core::Rect& r)
{
    if (r.isEmpty()) return;
    // A changed canvas pixel changes the whole mip pixel over it, and smooth scaling spreads
    // that into the widget pixels around it; tile edges snap by up to half a pixel.
    const int step = 1 << m_view.mipLevel();
    const int x0 = floorTo(r.x, step), y0 = floorTo(r.y, step);
    const int x1 = ceilTo(r.right(), step), y1 = ceilTo(r.bottom(), step);
    const int pad = m_view.zoom() < 2.0 ? 3 : 2;
    const QRect area = m_view.canvasToWidgetCovering(QRectF(x0, y0, x1 - x0, y1 - y0))
                           .adjusted(-pad, -pad, pad, pad);
    update(area.intersected(rect()));
}

// --- View ----------------------------------------------------------------------------------

void CanvasWidget::resizeEvent(QResizeEvent* event)
{
    QWidget::resizeEvent(event);
    if (!m_viewTouched) {
        zoomToFit();
        return;
    }
    // Keep what was in the middle of the view in the middle.
    const QSize old = event->oldSize().isValid() ? event->oldSize() : event->size();
    const QSize delta = event->size() - old;
    m_view.panBy(QPointF(delta.width() / 2, delta.height() / 2));
    emit viewChanged();
}

void CanvasWidget::zoomIn() { zoomAboutCentre(nextZoomStep(m_view.zoom(), +1)); }
void CanvasWidget::zoomOut() { zoomAboutCentre(nextZoomStep(m_view.zoom(), -1)); }

void CanvasWidget::zoomToFit()
{
    if (m_doc && width() > 0 && height() > 0)
        m_view.fit(QSizeF(m_doc->width(), m_doc->height()), QSizeF(size()));
    m_viewTouched = false;
    update();
    emit viewChanged();
}

void CanvasWidget::zoomToActualSize()
{
    zoomAboutCentre(1.0);
    // Whole-pixel pan, so that each canvas pixel covers exactly one screen pixel.
    m_view.setPan(QPointF(std::round(m_view.pan().x()), std::round(m_view.pan().y())));
    viewMoved();
}

void CanvasWidget::zoomAboutCentre(double zoom)
{
    m_view.zoomAbout(QPointF(width() / 2.0, height() / 2.0), zoom);
    viewMoved();
}

void CanvasWidget::viewMoved()
{
    m_viewTouched = true;
    update();
    emit viewChanged();
}

void CanvasWidget::wheelEvent(QWheelEvent* event)
{
    const int delta = event->angleDelta().y();
    if (delta == 0) {
        event->ignore();
        return;
    }
    // One notch (120) zooms by a quarter of a doubling; smooth wheels send finer deltas.
    m_view.zoomAbout(event->position(), m_view.zoom() * std::pow(2.0, delta / 480.0));
    viewMoved();
    event->accept();
}

void CanvasWidget::beginPan(QPointF widgetPos, Qt::MouseButton button)
{
    m_panning = true;
    m_panButton = button;
    m_lastPanPos = widgetPos;
    updateCursor();
}

void CanvasWidget::panTo(QPointF widgetPos)
{
    m_view.panBy(widgetPos - m_lastPanPos);
    m_lastPanPos = widgetPos;
    viewMoved();
}

void CanvasWidget::endPan()
{
    if (!m_panning) return;
    m_panning = false;
    m_panButton = Qt::NoButton;
    updateCursor();
}

void CanvasWidget::updateCursor()
{
    if (m_panning)
        setCursor(Qt::ClosedHandCursor);
    else if (m_spaceHeld)
        setCursor(Qt::OpenHandCursor);
    else
        setCursor(Qt::CrossCursor);
}

// --- Strokes -------------------------------------------------------------------------------

brushes::InputEvent CanvasWidget::inputAt(QPointF widgetPos, double seconds, float pressure) const
{
    const QPointF c = m_view.widgetToCanvas(widgetPos);
    brushes::InputEvent e;
    e.t = seconds;
    e.x = c.x();
    e.y = c.y();
    e.pressure = std::clamp(pressure, 0.0f, 1.0f);
    return e;
}

bool CanvasWidget::beginStroke(const brushes::InputEvent& event)
{
    finishStroke();
    if (!m_doc) return false;
    if (m_currentLayer == core::kNoLayer || !m_doc->layer(m_currentLayer)) {
        emit statusMessage(tr("Choose a layer to paint on."));
        return false;
    }
    auto stroke = std::make_unique<Stroke>(*m_doc, m_brushSettings);
    auto target = stroke->tx.target(m_currentLayer);
    if (!target) {
        // Core's message names the layer and the reason (a group, locked for editing).
        emit statusMessage(QString::fromStdString(target.error().message));
        return false;
    }
    // Paint nobody can see is a mistake waiting to be found later.
    for (core::LayerId id = m_currentLayer; id != core::kNoLayer && id != m_doc->root().id();
         id = m_doc->parentOf(id)) {
        const core::Layer* layer = m_doc->layer(id);
        if (!layer->properties().visible) {
            emit statusMessage(tr("Cannot paint on '%1': it is hidden.")
                                   .arg(QString::fromStdString(
                                       m_doc->layer(m_currentLayer)->properties().name)));
            return false;
        }
    }
    stroke->target.emplace(*target);
    brushes::StrokeOptions options;
    options.color = m_brushSettings.color;
    options.seed = m_nextSeed++;
    options.threads = 2;
    options.tip = stroke->tip.get();
    // Paint dries on the document's clock, which runs while the document is open.
    m_doc->clock().setSeconds(m_clockStart + double(m_clockTimer.elapsed()) / 1000.0);
    stroke->engine.emplace(stroke->preset, *stroke->target, options);
    stroke->record = {m_doc->pathOf(m_currentLayer), stroke->preset, options.color, options.seed,
                      m_doc->clock().strokeSeconds(m_doc->clock().strokes()), {event}};
    m_stroke = std::move(stroke);
    {
        RepaintBatch batch(*this);
        m_stroke->engine->begin(event);
        m_stroke->engine->flush();
    }
    emit strokeStarted();
    return true;
}

void CanvasWidget::continueStroke(const brushes::InputEvent& event)
{
    if (!m_stroke) return;
    RepaintBatch batch(*this);
    m_stroke->record.events.push_back(event);
    m_stroke->engine->add(event);
    m_stroke->engine->flush();  // show what this event painted
}

void CanvasWidget::endStroke(const brushes::InputEvent& event)
{
    continueStroke(event);
    finishStroke();
}

void CanvasWidget::finishStroke()
{
    if (!m_stroke) return;
    // Release the member first: commit() notifies history listeners, which may call back here.
    std::unique_ptr<Stroke> stroke = std::move(m_stroke);
    {
        RepaintBatch batch(*this);
        stroke->engine->end();  // the smoothing catches up with the pen
    }
    stroke->engine.reset();  // done with the target, which the commit may outlive
    if (m_journal)
        m_journal->commitStroke(stroke->tx, brushes::encodeStrokeRecord(stroke->record));
    else
        stroke->tx.commit();
    emit strokeFinished();
}

// --- Input events --------------------------------------------------------------------------

void CanvasWidget::mousePressEvent(QMouseEvent* event)
{
    if (m_panning || m_stroke) {  // another button during a drag changes nothing
        event->accept();
        return;
    }
    const Qt::MouseButton button = event->button();
    if (button == Qt::MiddleButton || (button == Qt::LeftButton && m_spaceHeld)) {
        beginPan(event->position(), button);
    } else if (button == Qt::LeftButton) {
        beginStroke(inputAt(event->position(), event->timestamp() / 1000.0, 1.0f));
    } else {
        QWidget::mousePressEvent(event);
        return;
    }
    event->accept();
}

void CanvasWidget::mouseMoveEvent(QMouseEvent* event)
{
    if (m_panning)
        panTo(event->position());
    else if (m_stroke)
        continueStroke(inputAt(event->position(), event->timestamp() / 1000.0, 1.0f));
    else
        QWidget::mouseMoveEvent(event);
}

void CanvasWidget::mouseReleaseEvent(QMouseEvent* event)
{
    if (m_panning && event->button() == m_panButton)
        endPan();
    else if (m_stroke && event->button() == Qt::LeftButton)
        endStroke(inputAt(event->position(), event->timestamp() / 1000.0, 1.0f));
    else
        QWidget::mouseReleaseEvent(event);
}

void CanvasWidget::tabletEvent(QTabletEvent* event)
{
    // Accepted, so Qt does not also send the mouse events it would synthesise from it.
    event->accept();
    const QPointF pos = event->position();
    brushes::InputEvent input =
        inputAt(pos, event->timestamp() / 1000.0, float(event->pressure()));
    input.xtilt = normalisedTilt(event->xTilt());
    input.ytilt = normalisedTilt(event->yTilt());
    input.rotation = float(event->rotation());

    switch (event->type()) {
    case QEvent::TabletPress:
        if (m_panning || m_stroke) break;
        if (event->button() == Qt::MiddleButton ||
            (event->button() == Qt::LeftButton && m_spaceHeld))
            beginPan(pos, event->button());
        else if (event->button() == Qt::LeftButton)
            beginStroke(input);
        break;
    case QEvent::TabletMove:
        if (m_panning)
            panTo(pos);
        else if (m_stroke)
            continueStroke(input);
        break;
    case QEvent::TabletRelease:
        if (m_panning && event->button() == m_panButton)
            endPan();
        else if (m_stroke && event->button() == Qt::LeftButton)
            endStroke(input);
        break;
    default:
        event->ignore();
        break;
    }
}

void CanvasWidget::keyPressEvent(QKeyEvent* event)
{
    if (event->key() == Qt::Key_Space) {
        if (!event->isAutoRepeat()) {
            m_spaceHeld = true;
            updateCursor();
        }
        event->accept();
        return;
    }
    QWidget::keyPressEvent(event);
}

void CanvasWidget::keyReleaseEvent(QKeyEvent* event)
{
    if (event->key() == Qt::Key_Space) {
        if (!event->isAutoRepeat()) {
            m_spaceHeld = false;
            updateCursor();
        }
        event->accept();
        return;
    }
    QWidget::keyReleaseEvent(event);
}

void CanvasWidget::focusOutEvent(QFocusEvent* event)
{
    // The Space release may go to another window; do not stay stuck in pan mode.
    m_spaceHeld = false;
    updateCursor();
    QWidget::focusOutEvent(event);
}

}  // namespace signe::app
