// SPDX-License-Identifier: GPL-3.0-or-later
#include "app/layer_panel.h"

#include <QHBoxLayout>
#include <QHeaderView>
#include <QToolButton>
#include <QTreeWidget>
#include <QVBoxLayout>

#include "core/document.h"

namespace signe::app {

namespace {

constexpr int kIdRole = Qt::UserRole;

core::LayerId itemId(const QTreeWidgetItem* item)
{
    return item ? core::LayerId(item->data(0, kIdRole).toULongLong()) : core::kNoLayer;
}

QToolButton* makeButton(QWidget* parent, const QString& text, const QString& tip,
                        const char* objectName)
{
    auto* button = new QToolButton(parent);
    button->setText(text);
    button->setToolTip(tip);
    button->setObjectName(QString::fromLatin1(objectName));
    button->setToolButtonStyle(Qt::ToolButtonTextOnly);
    return button;
}

/// The top-most paint layer under `group`, searching groups from the top too.
core::LayerId topPaintLayer(const core::Layer& group)
{
    const auto& kids = group.children();
    for (auto it = kids.rbegin(); it != kids.rend(); ++it) {
        if (!(*it)->isGroup()) return (*it)->id();
        if (core::LayerId inner = topPaintLayer(**it); inner != core::kNoLayer) return inner;
    }
    return core::kNoLayer;
}

}  // namespace

LayerPanel::LayerPanel(QWidget* parent) : QWidget(parent)
{
    m_tree = new QTreeWidget(this);
    m_tree->setObjectName(QStringLiteral("layerTree"));
    m_tree->setColumnCount(1);
    m_tree->header()->hide();
    m_tree->setSelectionMode(QAbstractItemView::SingleSelection);
    m_tree->setEditTriggers(QAbstractItemView::DoubleClicked | QAbstractItemView::EditKeyPressed);
    m_tree->setRootIsDecorated(false);  // shown again when there are groups

    m_add = makeButton(this, tr("Add"), tr("Add a paint layer above the current one"),
                       "addLayerButton");
    m_remove = makeButton(this, tr("Remove"), tr("Remove the current layer"), "removeLayerButton");
    m_up = makeButton(this, tr("Up"), tr("Move the current layer up"), "layerUpButton");
    m_down = makeButton(this, tr("Down"), tr("Move the current layer down"), "layerDownButton");

    auto* buttons = new QHBoxLayout;
    buttons->setContentsMargins(0, 0, 0, 0);
    for (QToolButton* b : {m_add, m_remove, m_up, m_down}) buttons->addWidget(b);
    buttons->addStretch();

    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->addWidget(m_tree);
    layout->addLayout(buttons);

    connect(m_add, &QToolButton::clicked, this, &LayerPanel::addLayer);
    connect(m_remove, &QToolButton::clicked, this, &LayerPanel::removeCurrentLayer);
    connect(m_up, &QToolButton::clicked, this, &LayerPanel::moveCurrentUp);
    connect(m_down, &QToolButton::clicked, this, &LayerPanel::moveCurrentDown);
    connect(m_tree, &QTreeWidget::itemChanged, this, &LayerPanel::itemChanged);
    connect(m_tree, &QTreeWidget::currentItemChanged, this,
            [this](QTreeWidgetItem* current) { currentItemChanged(current); });
    connect(m_tree, &QTreeWidget::itemCollapsed, this,
            [this](QTreeWidgetItem* item) { m_collapsed.insert(itemId(item)); });
    connect(m_tree, &QTreeWidget::itemExpanded, this,
            [this](QTreeWidgetItem* item) { m_collapsed.erase(itemId(item)); });

    updateButtons();
}

LayerPanel::~LayerPanel()
{
    // No signals from here: whoever listens may be half destroyed already.
    if (m_doc) m_doc->removeListener(m_listener);
}

void LayerPanel::setDocument(core::Document* doc)
{
    if (doc == m_doc) return;
    if (m_doc) m_doc->removeListener(m_listener);
    m_listener = 0;
    m_doc = doc;
    m_collapsed.clear();
    m_current = core::kNoLayer;
    if (m_doc) {
        m_listener = m_doc->addStructureListener([this] { structureChanged(); });
        m_current = topPaintLayer(m_doc->root());
    }
    rebuild();
    emit currentLayerChanged(m_current);
}

void LayerPanel::setCurrentLayer(core::LayerId id)
{
    if (!m_doc || !m_doc->layer(id) || id == m_doc->root().id() || id == m_current) return;
    m_current = id;
    selectCurrent();
    updateButtons();
    emit currentLayerChanged(m_current);
}

// --- Building the list ---------------------------------------------------------------------

void LayerPanel::structureChanged()
{
    if (m_handlingItem > 0) {
        m_rebuildPending = true;
        return;
    }
    rebuild();
}

void LayerPanel::rebuild()
{
    m_rebuilding = true;
    m_tree->clear();
    bool hasGroups = false;
    if (m_doc) {
        addChildren(m_doc->root(), nullptr);
        for (core::LayerId id : m_doc->layerIds())
            if (m_doc->layer(id)->isGroup()) hasGroups = true;
    }
    m_tree->setRootIsDecorated(hasGroups);

    // The current layer may be gone (undo of "Add layer", a removal): fall back to the
    // top-most paint layer, as a fresh document would.
    const core::LayerId before = m_current;
    if (!m_doc || !m_doc->layer(m_current) || m_current == m_doc->root().id())
        m_current = m_doc ? topPaintLayer(m_doc->root()) : core::kNoLayer;
    selectCurrent();
    m_rebuilding = false;
    updateButtons();
    if (m_current != before) emit currentLayerChanged(m_current);
}

void LayerPanel::addChildren(const core::Layer& group, QTreeWidgetItem* parentItem)
{
    const auto& kids = group.children();
    // The list reads like the stack: top layer first.
    for (auto it = kids.rbegin(); it != kids.rend(); ++it) {
        const core::Layer& layer = **it;
        const core::LayerProperties& p = layer.properties();
        auto* item = parentItem ? new QTreeWidgetItem(parentItem) : new QTreeWidgetItem(m_tree);
        item->setData(0, kIdRole, QVariant::fromValue<qulonglong>(layer.id()));
        item->setText(0, QString::fromStdString(p.name));
        item->setFlags(Qt::ItemIsEnabled | Qt::ItemIsSelectable | Qt::ItemIsUserCheckable |
                       Qt::ItemIsEditable);
        item->setCheckState(0, p.visible ? Qt::Checked : Qt::Unchecked);
        QString tip = layer.isGroup() ? tr("Group") : tr("Paint layer");
        if (p.editLock) {
            QFont font = item->font(0);
            font.setItalic(true);
            item->setFont(0, font);
            tip += tr(", locked for editing");
        }
        item->setToolTip(0, tip);
        if (layer.isGroup()) {
            addChildren(layer, item);
            item->setExpanded(!m_collapsed.contains(layer.id()));
        }
    }
}

QTreeWidgetItem* LayerPanel::findItem(core::LayerId id) const
{
    for (QTreeWidgetItemIterator it(m_tree); *it; ++it)
        if (itemId(*it) == id) return *it;
    return nullptr;
}

void LayerPanel::selectCurrent()
{
    QTreeWidgetItem* item = findItem(m_current);
    const bool wasRebuilding = m_rebuilding;
    m_rebuilding = true;  // selecting from code is not a choice the painter made
    m_tree->setCurrentItem(item);
    if (item) m_tree->scrollToItem(item);
    m_rebuilding = wasRebuilding;
}

void LayerPanel::updateButtons()
{
    const bool has = m_doc && m_doc->layer(m_current) && m_current != m_doc->root().id();
    m_add->setEnabled(m_doc != nullptr);
    m_remove->setEnabled(has);
    m_up->setEnabled(false);
    m_down->setEnabled(false);
    if (!has) return;
    const int index = m_doc->indexOf(m_current);
    const core::Layer* parent = m_doc->layer(m_doc->parentOf(m_current));
    const int siblings = parent ? int(parent->children().size()) : 0;
    m_up->setEnabled(index + 1 < siblings);
    m_down->setEnabled(index > 0);
}

// --- Changes from the painter ----------------------------------------------------------------

void LayerPanel::currentItemChanged(QTreeWidgetItem* current)
{
    if (m_rebuilding || !current) return;
    const core::LayerId id = itemId(current);
    if (id == m_current) return;
    m_current = id;
    updateButtons();
    emit currentLayerChanged(m_current);
}

void LayerPanel::itemChanged(QTreeWidgetItem* item, int column)
{
    if (m_rebuilding || !m_doc || column != 0) return;
    const core::LayerId id = itemId(item);
    const core::Layer* layer = m_doc->layer(id);
    if (!layer) return;

    ++m_handlingItem;
    const bool visible = item->checkState(0) == Qt::Checked;
    const std::string name = item->text(0).trimmed().toStdString();
    if (visible != layer->properties().visible) {
        emit aboutToChangeDocument();
        if (auto ok = m_doc->setLayerVisible(id, visible); !ok) report(ok.error().message);
    } else if (name != layer->properties().name) {
        if (name.empty()) {
            m_rebuildPending = true;  // an empty name is refused: show the old one again
        } else {
            emit aboutToChangeDocument();
            if (auto ok = m_doc->renameLayer(id, name); !ok) report(ok.error().message);
        }
    }
    --m_handlingItem;

    if (m_handlingItem == 0 && m_rebuildPending) {
        m_rebuildPending = false;
        // Still inside the tree's signal for `item`: rebuild once control is back in the
        // event loop, when nothing refers to the old items any more.
        QMetaObject::invokeMethod(this, &LayerPanel::rebuild, Qt::QueuedConnection);
    }
}

void LayerPanel::report(const std::string& error)
{
    emit statusMessage(QString::fromStdString(error));
}

std::string LayerPanel::newLayerName() const
{
    std::set<std::string> names;
    for (core::LayerId id : m_doc->layerIds()) names.insert(m_doc->layer(id)->properties().name);
    for (std::size_t n = names.size() + 1;; ++n) {
        std::string name = tr("Layer %1").arg(n).toStdString();
        if (!names.contains(name)) return name;
    }
}

void LayerPanel::addLayer()
{
    if (!m_doc) return;
    emit aboutToChangeDocument();
    core::LayerId parent = core::kNoLayer;
    int index = -1;
    if (m_doc->layer(m_current) && m_current != m_doc->root().id()) {
        parent = m_doc->parentOf(m_current);
        index = m_doc->indexOf(m_current) + 1;
    }
    auto added = m_doc->addPaintLayer(newLayerName(), parent, index);
    if (!added) {
        report(added.error().message);
        return;
    }
    setCurrentLayer(*added);
}

void LayerPanel::removeCurrentLayer()
{
    if (!m_doc || !m_doc->layer(m_current)) return;
    emit aboutToChangeDocument();
    // Afterwards select what was just below it, as the eye expects, else what was above.
    const core::LayerId removed = m_current;
    const core::Layer* parent = m_doc->layer(m_doc->parentOf(removed));
    const int index = m_doc->indexOf(removed);
    core::LayerId next = core::kNoLayer;
    if (parent) {
        const auto& kids = parent->children();
        if (index > 0)
            next = kids[std::size_t(index) - 1]->id();
        else if (index + 1 < int(kids.size()))
            next = kids[std::size_t(index) + 1]->id();
        else if (parent->id() != m_doc->root().id())
            next = parent->id();
    }
    // Choose the successor before the structure listener rebuilds the list, so that the
    // fallback in rebuild() does not pick a different layer first.
    m_current = next;
    if (auto ok = m_doc->removeLayer(removed); !ok) {
        m_current = removed;
        report(ok.error().message);
        rebuild();
        return;
    }
    emit currentLayerChanged(m_current);
}

void LayerPanel::moveCurrentUp()
{
    if (!m_doc || !m_doc->layer(m_current)) return;
    const int index = m_doc->indexOf(m_current);
    const core::LayerId parent = m_doc->parentOf(m_current);
    const core::Layer* group = m_doc->layer(parent);
    if (!group || index + 1 >= int(group->children().size())) return;
    emit aboutToChangeDocument();
    if (auto ok = m_doc->moveLayer(m_current, parent, index + 1); !ok) report(ok.error().message);
}

void LayerPanel::moveCurrentDown()
{
    if (!m_doc || !m_doc->layer(m_current)) return;
    const int index = m_doc->indexOf(m_current);
    if (index <= 0) return;
    emit aboutToChangeDocument();
    if (auto ok = m_doc->moveLayer(m_current, m_doc->parentOf(m_current), index - 1); !ok)
        report(ok.error().message);
}

}  // namespace signe::app
