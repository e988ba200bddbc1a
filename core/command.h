// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <cstddef>
#include <string>
#include <utility>

namespace signe::core {

class Document;

/// One undoable change. Commands refer to layers by id, never by pointer, so they stay valid
/// whatever else history does. The public undo()/redo() are fixed; subclasses implement the
/// protected hooks.
class Command {
public:
    explicit Command(std::string name) : m_name(std::move(name)) {}
    virtual ~Command() = default;
    Command(const Command&) = delete;
    Command& operator=(const Command&) = delete;

    void undo(Document& doc)
    {
        onUndo(doc);
        m_undone = true;
    }
    void redo(Document& doc)
    {
        onRedo(doc);
        m_undone = false;
    }

    const std::string& name() const { return m_name; }
    bool isUndone() const { return m_undone; }
    /// Bytes this entry keeps alive that the document does not (tile snapshots, removed layers).
    virtual std::size_t memoryBytes() const { return sizeof(*this); }

protected:
    virtual void onUndo(Document& doc) = 0;
    virtual void onRedo(Document& doc) = 0;

private:
    std::string m_name;
    bool m_undone = false;
};

}  // namespace signe::core
