// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "core/command.h"

namespace signe::core {

/// The undo stack of one document. Entries before the cursor can be undone, entries after it
/// redone; a new entry drops the redo branch. When the entries' memory passes the budget, the
/// oldest undo entries are dropped, then the farthest redo entries (one entry is always kept).
class History {
public:
    static constexpr std::size_t kDefaultBudgetBytes = std::size_t(2) << 30;  // 2 GiB

    /// Adds a command whose effect is already applied to the document.
    void push(std::unique_ptr<Command> done);

    bool canUndo() const { return m_cursor > 0; }
    bool canRedo() const { return m_cursor < m_entries.size(); }
    /// Name of the entry undo() or redo() would act on ("" if none).
    std::string undoName() const;
    std::string redoName() const;

    bool undo(Document& doc);
    bool redo(Document& doc);

    std::size_t count() const { return m_entries.size(); }
    /// The entry undo() would act on (the one just pushed, after a push), or nullptr.
    const Command* lastDone() const
    {
        return m_cursor > 0 ? m_entries[m_cursor - 1].get() : nullptr;
    }
    std::size_t undoCount() const { return m_cursor; }
    /// How many entries were ever pushed (never falls): tells a watcher that something new was
    /// recorded, even when the budget dropped an old entry at the same time.
    std::uint64_t pushes() const { return m_pushes; }
    std::vector<std::string> names() const;

    void setMemoryBudget(std::size_t bytes);
    std::size_t memoryBudget() const { return m_budget; }
    std::size_t memoryBytes() const;

    void clear();

    /// Registers `cb` to run after every change of the stack (push, undo, redo, drop);
    /// returns a handle for removeListener().
    int addListener(std::function<void()> cb);
    void removeListener(int handle);

private:
    void enforceBudget();
    void changed();

    std::vector<std::unique_ptr<Command>> m_entries;
    std::size_t m_cursor = 0;  // entries [0, m_cursor) are done
    std::uint64_t m_pushes = 0;
    std::size_t m_budget = kDefaultBudgetBytes;
    int m_nextHandle = 1;
    std::map<int, std::function<void()>> m_listeners;
};

}  // namespace signe::core
