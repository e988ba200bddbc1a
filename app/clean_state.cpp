// SPDX-License-Identifier: GPL-3.0-or-later
#include "app/clean_state.h"

#include "core/document.h"
#include "core/history.h"

namespace signe::app {

CleanState::~CleanState()
{
    m_onChanged = nullptr;  // whoever listens may be half destroyed by now
    attach(nullptr);
}

void CleanState::attach(core::History* history)
{
    if (m_history) m_history->removeListener(m_listener);
    m_history = history;
    m_serials.clear();
    m_cursor = 0;
    m_base = m_next++;
    if (m_history) {
        // Entries already there predate us: give them names, so undoing into them is
        // "modified" like anything else.
        for (std::size_t i = 0; i < m_history->count(); ++i) m_serials.push_back(m_next++);
        m_cursor = m_history->undoCount();
        m_listener = m_history->addListener([this] { historyChanged(); });
    }
    m_clean = current();
    changed();
}

CleanState::StateId CleanState::current() const
{
    return m_cursor == 0 ? m_base : m_serials[m_cursor - 1];
}

bool CleanState::undo(core::Document& doc)
{
    m_step = Step::Undo;
    const bool done = doc.undo();
    m_step = Step::Push;
    return done;
}

bool CleanState::redo(core::Document& doc)
{
    m_step = Step::Redo;
    const bool done = doc.redo();
    m_step = Step::Push;
    return done;
}

void CleanState::historyChanged()
{
    const std::size_t count = m_history->count();
    const std::size_t cursor = m_history->undoCount();
    switch (m_step) {
        case Step::Undo:
        case Step::Redo:
            m_cursor = cursor;
            break;
        case Step::Push:
            if (count == 0) {  // cleared: nothing before is reachable any more
                m_serials.clear();
                m_base = m_next++;
                m_cursor = 0;
                break;
            }
            // The redo branch goes, the new entry comes, and History may then drop its
            // oldest entries to stay within its memory budget.
            m_serials.resize(m_cursor);
            m_serials.push_back(m_next++);
            while (m_serials.size() > cursor) {
                m_base = m_serials.front();
                m_serials.pop_front();
            }
            m_cursor = cursor;
            break;
    }
    // Whatever we missed, never index past the mirror.
    while (m_serials.size() < count) m_serials.push_back(m_next++);
    m_serials.resize(count);
    changed();
}

void CleanState::changed()
{
    if (m_onChanged) m_onChanged();
}

}  // namespace signe::app
