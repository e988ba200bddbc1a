// SPDX-License-Identifier: GPL-3.0-or-later
#include "app/main_window.h"

#include <cmath>

#include <QAction>
#include <QApplication>
#include <QCloseEvent>
#include <QColorDialog>
#include <QComboBox>
#include <QDockWidget>
#include <QLabel>
#include <QMenuBar>
#include <QPainter>
#include <QPixmap>
#include <QSignalBlocker>
#include <QSlider>
#include <QSpinBox>
#include <QStatusBar>
#include <QToolBar>
#include <QToolButton>

#include "app/canvas_widget.h"
#include "app/document_files.h"
#include "app/drying_dialog.h"
#include "app/layer_panel.h"
#include "app/light_dialog.h"
#include "core/document.h"

namespace signe::app {

namespace {

constexpr int kMessageMs = 5000;
constexpr int kMaxBrushRadius = 500;

std::unique_ptr<core::Document> defaultDocument()
{
    // A fixed, valid size: create() cannot fail here.
    return core::Document::create(MainWindow::kDefaultWidth, MainWindow::kDefaultHeight).value();
}

}  // namespace

MainWindow::MainWindow(std::unique_ptr<core::Document> doc, QWidget* parent) : QMainWindow(parent)
{
    m_presets = PresetLibrary::loadBuiltIn();
    const int roundBrush = m_presets.indexOf("Round Brush");
    if (roundBrush >= 0) m_brush.preset = m_presets.presets[std::size_t(roundBrush)];
    for (const QString& problem : m_presets.problems)
        qWarning("Signe: %s", qPrintable(problem));  // a broken build, not a painter's mistake
    m_brush.radius = 12.0f;

    m_canvas = new CanvasWidget(this);
    m_canvas->setObjectName(QStringLiteral("canvas"));
    setCentralWidget(m_canvas);

    m_zoomLabel = new QLabel(this);
    statusBar()->addPermanentWidget(m_zoomLabel);

    createDock();
    m_files = new DocumentFiles(*this);
    createActions();
    createToolBar();

    connect(m_canvas, &CanvasWidget::statusMessage, this,
            [this](const QString& message) { statusBar()->showMessage(message, kMessageMs); });
    connect(m_layers, &LayerPanel::statusMessage, this,
            [this](const QString& message) { statusBar()->showMessage(message, kMessageMs); });
    connect(m_canvas, &CanvasWidget::viewChanged, this, &MainWindow::updateZoomLabel);
    // A stroke in progress is undoable already: Undo commits it, then takes it back.
    connect(m_canvas, &CanvasWidget::strokeStarted, this, &MainWindow::updateHistoryActions);
    connect(m_canvas, &CanvasWidget::strokeFinished, this, &MainWindow::updateHistoryActions);
    connect(m_layers, &LayerPanel::currentLayerChanged, m_canvas, &CanvasWidget::setCurrentLayer);
    // A layer change must not land in the middle of a stroke's transaction.
    connect(m_layers, &LayerPanel::aboutToChangeDocument, m_canvas, &CanvasWidget::finishStroke);

    setDocument(doc ? std::move(doc) : defaultDocument());
    applyBrushSettings();
    m_canvas->setFocus();
}

MainWindow::~MainWindow()
{
    // It follows the document's history: it goes while the document is still here.
    delete m_files;
    m_files = nullptr;
    // Widgets are destroyed after our members: detach them while the document still exists.
    m_canvas->setDocument(nullptr);
    m_layers->setDocument(nullptr);
    if (m_doc) m_doc->history().removeListener(m_historyListener);
}

void MainWindow::setDocument(std::unique_ptr<core::Document> doc)
{
    if (!doc) doc = defaultDocument();
    // Keep the old document alive until the widgets have let go of it.
    std::unique_ptr<core::Document> old = std::move(m_doc);
    if (old) old->history().removeListener(m_historyListener);
    m_doc = std::move(doc);
    m_canvas->setDocument(m_doc.get());
    m_layers->setDocument(m_doc.get());
    m_canvas->setCurrentLayer(m_layers->currentLayer());

    m_historyListener = m_doc->history().addListener([this] { updateHistoryActions(); });
    updateHistoryActions();
    updateZoomLabel();
    if (m_files) m_files->documentReplaced();
    old.reset();
}

void MainWindow::createDock()
{
    m_layers = new LayerPanel(this);
    m_layerDock = new QDockWidget(tr("Layers"), this);
    m_layerDock->setObjectName(QStringLiteral("layerDock"));
    m_layerDock->setWidget(m_layers);
    m_layerDock->setAllowedAreas(Qt::LeftDockWidgetArea | Qt::RightDockWidgetArea);
    addDockWidget(Qt::RightDockWidgetArea, m_layerDock);
}

void MainWindow::createActions()
{
    QMenu* file = menuBar()->addMenu(tr("&File"));
    m_files->addActions(file);
    m_new = m_files->newAction();
    file->addSeparator();
    m_quit = file->addAction(tr("&Quit"), this, &QWidget::close);
    m_quit->setShortcut(QKeySequence::Quit);

    QMenu* edit = menuBar()->addMenu(tr("&Edit"));
    m_undo = edit->addAction(tr("&Undo"), this, &MainWindow::undo);
    m_undo->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_Z));
    m_redo = edit->addAction(tr("&Redo"), this, &MainWindow::redo);
    m_redo->setShortcuts({QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_Z),
                          QKeySequence(Qt::CTRL | Qt::Key_Y)});

    QMenu* view = menuBar()->addMenu(tr("&View"));
    m_zoomIn = view->addAction(tr("Zoom &In"), m_canvas, &CanvasWidget::zoomIn);
    // Ctrl+= is the key painters press; Ctrl++ is what the menu shows on most layouts.
    m_zoomIn->setShortcuts({QKeySequence(Qt::CTRL | Qt::Key_Equal),
                            QKeySequence(Qt::CTRL | Qt::Key_Plus)});
    m_zoomOut = view->addAction(tr("Zoom &Out"), m_canvas, &CanvasWidget::zoomOut);
    m_zoomOut->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_Minus));
    m_fit = view->addAction(tr("&Fit to Window"), m_canvas, &CanvasWidget::zoomToFit);
    m_fit->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_0));
    m_actualSize = view->addAction(tr("&Actual Pixels (100%)"), m_canvas,
                                   &CanvasWidget::zoomToActualSize);
    m_actualSize->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_1));
    view->addSeparator();
    // Impasto relief lit by the document's light; undoable, as it changes what export writes.
    m_showRelief = view->addAction(tr("Show &Relief"));
    m_showRelief->setCheckable(true);
    connect(m_showRelief, &QAction::toggled, this, [this](bool on) {
        if (m_doc->light().enabled != on) (void)m_doc->setLightEnabled(on);
    });
    m_lightAction = view->addAction(tr("&Light..."), this, [this] {
        m_canvas->finishStroke();
        LightDialog dialog(*m_doc, this);
        dialog.exec();
    });
    view->addSeparator();
    view->addAction(m_layerDock->toggleViewAction());

    // Wet paint mixes with the strokes that cross it; dry paint is only painted over.
    QMenu* paint = menuBar()->addMenu(tr("&Paint"));
    m_dryingAction = paint->addAction(tr("&Drying..."), this, [this] {
        m_canvas->finishStroke();
        DryingDialog dialog(*m_doc, m_canvas->currentLayer(), this);
        dialog.exec();
    });
    m_dryLayerAction = paint->addAction(tr("Dry &Layer Now"), this, [this] {
        m_canvas->finishStroke();
        if (auto done = m_doc->dryLayer(m_canvas->currentLayer()); !done)
            statusBar()->showMessage(QString::fromStdString(done.error().message), kMessageMs);
    });
    m_wetLayerAction = paint->addAction(tr("&Wet Layer"), this, [this] {
        m_canvas->finishStroke();
        if (auto done = m_doc->wetLayer(m_canvas->currentLayer()); !done)
            statusBar()->showMessage(QString::fromStdString(done.error().message), kMessageMs);
    });
}

void MainWindow::createToolBar()
{
    QToolBar* bar = addToolBar(tr("Brush"));
    bar->setObjectName(QStringLiteral("brushToolBar"));

    m_colorButton = new QToolButton(bar);
    m_colorButton->setObjectName(QStringLiteral("colorButton"));
    m_colorButton->setToolTip(tr("Brush colour"));
    connect(m_colorButton, &QToolButton::clicked, this, [this] {
        const QColor chosen = QColorDialog::getColor(brushColor(), this, tr("Brush Colour"));
        if (chosen.isValid()) setBrushColor(chosen);
    });
    bar->addWidget(m_colorButton);
    bar->addSeparator();

    m_presetBox = new QComboBox(bar);
    m_presetBox->setObjectName(QStringLiteral("presetBox"));
    m_presetBox->setToolTip(tr("Brush preset"));
    for (const brushes::Preset& preset : m_presets.presets)
        m_presetBox->addItem(QString::fromStdString(preset.name));
    m_presetBox->setCurrentIndex(std::max(0, m_presets.indexOf(m_brush.preset.name)));
    connect(m_presetBox, &QComboBox::currentIndexChanged, this, &MainWindow::setPreset);
    bar->addWidget(m_presetBox);
    bar->addSeparator();

    bar->addWidget(new QLabel(tr("Size "), bar));
    auto* slider = new QSlider(Qt::Horizontal, bar);
    slider->setRange(1, kMaxBrushRadius);
    slider->setMaximumWidth(200);
    m_sizeSpin = new QSpinBox(bar);
    m_sizeSpin->setObjectName(QStringLiteral("brushSizeSpin"));
    m_sizeSpin->setRange(1, kMaxBrushRadius);
    m_sizeSpin->setSuffix(tr(" px"));
    m_sizeSpin->setToolTip(tr("Brush radius at full pressure, in canvas pixels"));
    connect(slider, &QSlider::valueChanged, m_sizeSpin, &QSpinBox::setValue);
    connect(m_sizeSpin, &QSpinBox::valueChanged, slider, &QSlider::setValue);
    connect(m_sizeSpin, &QSpinBox::valueChanged, this, &MainWindow::setBrushRadius);
    bar->addWidget(slider);
    bar->addWidget(m_sizeSpin);
}

// --- History -------------------------------------------------------------------------------

void MainWindow::undo()
{
    m_canvas->finishStroke();  // a stroke in progress is undone as a whole, not cut in two
    m_files->cleanState().undo(*m_doc);  // through the tracker, which tells undo from a new entry
}

void MainWindow::redo()
{
    m_canvas->finishStroke();
    m_files->cleanState().redo(*m_doc);
}

void MainWindow::updateHistoryActions()
{
    const core::History& history = m_doc->history();
    // While a stroke is open it is the step Undo would take back, and its entry, once made,
    // drops whatever Redo could have brought back.
    const bool stroking = m_canvas->isStroking();
    const bool canUndo = stroking || history.canUndo();
    const bool canRedo = !stroking && history.canRedo();
    const std::string undoName =
        stroking ? std::string(CanvasWidget::kStrokeName) : history.undoName();
    m_undo->setEnabled(canUndo);
    m_redo->setEnabled(canRedo);
    // Undo and redo may switch the relief too.
    const QSignalBlocker quiet(m_showRelief);
    m_showRelief->setChecked(m_doc->light().enabled);
    m_undo->setText(canUndo ? tr("&Undo %1").arg(QString::fromStdString(undoName)) : tr("&Undo"));
    m_redo->setText(canRedo ? tr("&Redo %1").arg(QString::fromStdString(history.redoName()))
                            : tr("&Redo"));
}

void MainWindow::newDocument()
{
    m_files->whenDiscardable([this] { setDocument(defaultDocument()); });
}

void MainWindow::closeEvent(QCloseEvent* event)
{
    if (m_files->mayClose())
        event->accept();
    else
        event->ignore();
}

// --- View and brush --------------------------------------------------------------------------

void MainWindow::updateZoomLabel()
{
    const double percent = m_canvas->view().zoom() * 100.0;
    m_zoomLabel->setText(tr("Zoom %1%").arg(percent < 10 ? QString::number(percent, 'f', 1)
                                                         : QString::number(std::lround(percent))));
}

void MainWindow::setBrushColor(const QColor& color)
{
    const QRgba64 c = color.rgba64();
    m_brush.color = {c.red(), c.green(), c.blue(), 65535};
    applyBrushSettings();
}

QColor MainWindow::brushColor() const
{
    return QColor::fromRgba64(m_brush.color.r, m_brush.color.g, m_brush.color.b, m_brush.color.a);
}

void MainWindow::setBrushRadius(int radius)
{
    // The size box shows whole pixels; a preset's 2.5 px shows as 3 and must stay 2.5.
    if (radius == int(std::lround(m_brush.radius))) return;
    m_brush.radius = float(std::clamp(radius, 1, kMaxBrushRadius));
    applyBrushSettings();
}

void MainWindow::setPreset(int index)
{
    if (index < 0 || index >= int(m_presets.presets.size())) return;
    if (m_presetBox->currentIndex() != index) {
        m_presetBox->setCurrentIndex(index);  // which calls this again
        return;
    }
    m_brush.preset = m_presets.presets[std::size_t(index)];
    m_brush.tip = m_presets.tipFor(m_brush.preset);
    // Each preset comes with its own size; the painter's size control follows it.
    m_brush.radius = std::clamp(m_brush.preset.settings[brushes::BrushSetting::Radius], 1.0f,
                                float(kMaxBrushRadius));
    applyBrushSettings();
}

void MainWindow::applyBrushSettings()
{
    m_canvas->setBrushSettings(m_brush);
    const int shown = int(std::lround(m_brush.radius));
    if (m_sizeSpin->value() != shown) m_sizeSpin->setValue(shown);
    updateColorButton();
}

void MainWindow::updateColorButton()
{
    QPixmap swatch(20, 20);
    swatch.fill(brushColor());
    QPainter painter(&swatch);
    painter.setPen(Qt::black);
    painter.drawRect(0, 0, 19, 19);
    painter.end();
    m_colorButton->setIcon(QIcon(swatch));
}

}  // namespace signe::app
