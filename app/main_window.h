// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <memory>

#include <QMainWindow>

#include "app/canvas_brush.h"
#include "core/document.h"
#include "app/preset_library.h"

class QAction;
class QDockWidget;
class QLabel;
class QComboBox;
class QSpinBox;
class QToolButton;

namespace signe::core {
class Document;
}

namespace signe::app {

class CanvasWidget;
class DocumentFiles;
class LayerPanel;

/// The painting window: the canvas in the middle, the layer list in a dock, menus for
/// documents, history and view, and a tool bar with the brush colour and size.
///
/// The window owns its document. Undo and redo act on the document's history, and their
/// actions mirror it (enabled state and the name of the step).
class MainWindow : public QMainWindow {
    Q_OBJECT

public:
    static constexpr int kDefaultWidth = 2048;
    static constexpr int kDefaultHeight = 1536;

    /// Shows `doc`, or a new default document (2048 x 1536, white) when it is null.
    explicit MainWindow(std::unique_ptr<core::Document> doc = nullptr, QWidget* parent = nullptr);
    ~MainWindow() override;

    /// Replaces the document (the old one is destroyed, with its history).
    void setDocument(std::unique_ptr<core::Document> doc);
    core::Document* document() const { return m_doc.get(); }

    CanvasWidget* canvas() const { return m_canvas; }
    LayerPanel* layerPanel() const { return m_layers; }
    /// The File menu's work: file name, modified marker, open/save/export, autosave.
    DocumentFiles* files() const { return m_files; }
    QDockWidget* layerDock() const { return m_layerDock; }
    QAction* quitAction() const { return m_quit; }
    QAction* undoAction() const { return m_undo; }
    QAction* redoAction() const { return m_redo; }
    QAction* zoomInAction() const { return m_zoomIn; }
    QAction* zoomOutAction() const { return m_zoomOut; }
    QAction* fitAction() const { return m_fit; }
    QAction* actualSizeAction() const { return m_actualSize; }
    QAction* showReliefAction() const { return m_showRelief; }
    QAction* dryingAction() const { return m_dryingAction; }
    QAction* dryLayerAction() const { return m_dryLayerAction; }
    QAction* wetLayerAction() const { return m_wetLayerAction; }

    /// Brush colour and size for the next stroke (the tool bar shows them).
    void setBrushColor(const QColor& color);
    QColor brushColor() const;
    void setBrushRadius(int radius);
    /// Chooses the shipped preset at `index` (as listed in the toolbar) for the next stroke.
    void setPreset(int index);
    const PresetLibrary& presets() const { return m_presets; }

public slots:
    /// A new default document, after asking about unsaved changes.
    void newDocument();
    void undo();
    void redo();

protected:
    /// Asks about unsaved changes (Save / Discard / Cancel) before the window closes.
    void closeEvent(QCloseEvent* event) override;

private:
    void createActions();
    void createToolBar();
    void createDock();
    void updateHistoryActions();
    void updateZoomLabel();
    void updateColorButton();
    void applyBrushSettings();

    std::unique_ptr<core::Document> m_doc;
    int m_historyListener = 0;
    PresetLibrary m_presets;
    CanvasBrush m_brush;

    CanvasWidget* m_canvas = nullptr;
    LayerPanel* m_layers = nullptr;
    DocumentFiles* m_files = nullptr;
    QDockWidget* m_layerDock = nullptr;
    QLabel* m_zoomLabel = nullptr;
    QToolButton* m_colorButton = nullptr;
    QSpinBox* m_sizeSpin = nullptr;
    QComboBox* m_presetBox = nullptr;

    QAction* m_new = nullptr;
    QAction* m_quit = nullptr;
    QAction* m_undo = nullptr;
    QAction* m_redo = nullptr;
    QAction* m_zoomIn = nullptr;
    QAction* m_zoomOut = nullptr;
    QAction* m_fit = nullptr;
    QAction* m_actualSize = nullptr;
    QAction* m_showRelief = nullptr;
    QAction* m_lightAction = nullptr;
    QAction* m_dryingAction = nullptr;
    QAction* m_dryLayerAction = nullptr;
    QAction* m_wetLayerAction = nullptr;
};

}  // namespace signe::app
