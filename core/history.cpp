// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/history.h"

#include <algorithm>

namespace signe::core {

void History::push(std::unique_ptr<Command> done)
{
    m_entries.resize(m_cursor);  // a new change after undo discards the redo branch
    m_entries.push_back(std::move(done));
    m_cursor = m_entries.size();
    ++m_pushes;
    enforceBudget();
    changed();
}

std::string History::undoName() const
{
    return canUndo() ? m_entries[m_cursor - 1]->name() : std::string();
}

std::string History::redoName() const
{
    return canRedo() ? m_entries[m_cursor]->name() : std::string();
}

bool History::undo(Document& doc)
{
    if (!canUndo()) return false;
    m_entries[--m_cursor]->undo(doc);
    changed();
    return true;
}

bool History::redo(Document& doc)
{
    if (!canRedo()) return false;
    m_entries[m_cursor++]->redo(doc);
    changed();
    return true;
}

std::vector<std::string> History::names() const
{
    std::vector<std::string> out;
    for (const auto& e : m_entries) out.push_back(e->name());
    return out;
}

void History::setMemoryBudget(std::size_t bytes)
{
    m_budget = bytes;
    enforceBudget();
    changed();
}

std::size_t History::memoryBytes() const
{
    std::size_t total = 0;
    for (const auto& e : m_entries) total += e->memoryBytes();
    return total;
}

void History::enforceBudget()
{
    std::size_t total = memoryBytes();
    // Drop the oldest undo entries first, then the farthest redo entries, always keeping one.
    std::size_t dropFront = 0;
    while (total > m_budget && dropFront < m_cursor && m_entries.size() - dropFront > 1)
        total -= m_entries[dropFront++]->memoryBytes();
    m_entries.erase(m_entries.begin(), m_entries.begin() + std::ptrdiff_t(dropFront));
    m_cursor -= dropFront;
    while (total > m_budget && m_entries.size() > std::max<std::size_t>(m_cursor, 1)) {
        total -= m_entries.back()->memoryBytes();
        m_entries.pop_back();
    }
}

int History::addListener(std::function<void()> cb)
{
    m_listeners.emplace(m_nextHandle, std::move(cb));
    return m_nextHandle++;
}

void History::removeListener(int handle) { m_listeners.erase(handle); }

void History::changed()
{
    for (auto& [handle, cb] : m_listeners) cb();
}

void History::clear()
{
    m_entries.clear();
    m_cursor = 0;
    changed();
}

}  // namespace signe::core
