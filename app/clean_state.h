// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <cstddef>
#include <cstdint>
#include <deque>
#include <functional>

namespace signe::core {
class Document;
class History;
}  // namespace signe::core

namespace signe::app {

/// Knows whether a document differs from what was last saved, from its history alone.
///
/// core::History has no notion of a saved position, and its listener does not say what
/// changed, so the tracker mirrors the stack: each entry gets a serial number, and the state
/// after the entries before the cursor is named by the serial of the last of them. The saved
/// state is one such name; the document is clean while its current state has that name.
/// Undoing back to the save is clean again; undoing and then painting something new drops
/// the saved state from the stack for good, as it should.
///
///     CleanState clean;
///     clean.attach(&doc.history());
///     const CleanState::StateId saving = clean.current();  // when the snapshot is taken
///     ... save the snapshot ...
///     clean.markClean(saving);                              // once the file is written
///
/// Undo and redo must go through undo()/redo() here: a listener call that did not come from
/// them is taken for a push (after which History may drop its oldest entries for memory).
/// TODO(#5): History could hand out such state ids itself (the serial of the entry before the
/// cursor); this class would then shrink to one comparison.
class CleanState {
public:
    using StateId = std::uint64_t;
    /// A state no history reaches: "never saved in this form" (a recovered document).
    static constexpr StateId kNever = 0;

    CleanState() = default;
    ~CleanState();
    CleanState(const CleanState&) = delete;
    CleanState& operator=(const CleanState&) = delete;

    /// Follows `history` (nullptr: none) from its present state, which counts as clean.
    /// The history must outlive the tracker or be detached first with attach(nullptr).
    void attach(core::History* history);

    /// The name of the document's current state.
    StateId current() const;
    /// Marks `state` (from current(), perhaps taken before later edits) as what the file holds.
    void markClean(StateId state)
    {
        m_clean = state;
        changed();
    }
    void markClean() { markClean(current()); }
    /// Marks the document as differing from every file (it has never been saved as it is).
    void markNeverSaved() { markClean(kNever); }
    bool isClean() const { return m_history && current() == m_clean; }

    /// Undo and redo on `doc`, whose history is the one attached.
    bool undo(core::Document& doc);
    bool redo(core::Document& doc);

    /// Called after every change of the clean state (history change or mark).
    void setOnChanged(std::function<void()> cb) { m_onChanged = std::move(cb); }

private:
    enum class Step { Push, Undo, Redo };
    void historyChanged();
    void changed();

    core::History* m_history = nullptr;
    int m_listener = 0;
    std::deque<StateId> m_serials;  // one per history entry, same order
    std::size_t m_cursor = 0;       // mirrors History::undoCount()
    StateId m_base = 1;             // the state before the first entry kept
    StateId m_next = 2;
    StateId m_clean = 1;
    Step m_step = Step::Push;  // what the next listener call reports
    std::function<void()> m_onChanged;
};

}  // namespace signe::app
