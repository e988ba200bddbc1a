// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <set>

#include <QWidget>

#include "core/layer.h"

class QToolButton;
class QTreeWidget;
class QTreeWidgetItem;

namespace signe::core {
class Document;
}

namespace signe::app {

/// The layer list: the document's layers top to bottom (groups as branches), each with a
/// visibility check box and an editable name, and buttons to add, remove and reorder.
///
/// Every change goes through the document's undoable operations; the list itself is rebuilt
/// from the document whenever its structure changes, so undo and redo show up here too.
/// Like CanvasWidget, the panel does not own the document: detach it with
/// setDocument(nullptr) before destroying it.
class LayerPanel : public QWidget {
    Q_OBJECT

public:
    explicit LayerPanel(QWidget* parent = nullptr);
    ~LayerPanel() override;

    /// Lists `doc` (nullptr for nothing) and selects its top-most paint layer.
    void setDocument(core::Document* doc);
    core::Document* document() const { return m_doc; }

    /// The selected layer, or kNoLayer.
    core::LayerId currentLayer() const { return m_current; }
    /// Selects `id` if the document has it.
    void setCurrentLayer(core::LayerId id);

    QTreeWidget* tree() const { return m_tree; }

public slots:
    /// Adds a paint layer just above the current one and selects it.
    void addLayer();
    void removeCurrentLayer();
    /// Moves the current layer one place up (towards the top of the stack) among its siblings.
    void moveCurrentUp();
    void moveCurrentDown();

signals:
    void currentLayerChanged(signe::core::LayerId id);
    /// Emitted just before the panel changes the document, so that a stroke in progress can
    /// be committed first and keep its own history entry.
    void aboutToChangeDocument();
    /// Why an operation did not happen (for the status bar).
    void statusMessage(const QString& message);

private:
    void structureChanged();
    void rebuild();
    void addChildren(const core::Layer& group, QTreeWidgetItem* parentItem);
    QTreeWidgetItem* findItem(core::LayerId id) const;
    void selectCurrent();
    void updateButtons();
    void report(const std::string& error);
    std::string newLayerName() const;

    void itemChanged(QTreeWidgetItem* item, int column);
    void currentItemChanged(QTreeWidgetItem* current);

    core::Document* m_doc = nullptr;
    int m_listener = 0;
    core::LayerId m_current = core::kNoLayer;
    std::set<core::LayerId> m_collapsed;  // groups the painter folded; others show expanded

    QTreeWidget* m_tree = nullptr;
    QToolButton* m_add = nullptr;
    QToolButton* m_remove = nullptr;
    QToolButton* m_up = nullptr;
    QToolButton* m_down = nullptr;

    bool m_rebuilding = false;
    // A change made from inside the tree's own item signal must not delete that item under
    // Qt's feet: the rebuild waits until the handler returns.
    int m_handlingItem = 0;
    bool m_rebuildPending = false;
};

}  // namespace signe::app
