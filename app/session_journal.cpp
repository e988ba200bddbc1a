// SPDX-License-Identifier: GPL-3.0-or-later
#include "app/session_journal.h"

#include "app/preset_library.h"
#include "app/recovery_store.h"

namespace signe::app {

SessionJournal::~SessionJournal()
{
    // Not stop(): a window closing for a reason other than a normal quit keeps its journal;
    // the recovery store removes the session's files on a normal quit.
    m_journal.reset();
}

QString SessionJournal::start(core::Document* doc, const QString& savedFile)
{
    stop();
    if (!doc) return {};
    if (m_store.sessionBaseName().isEmpty() && m_store.beginSession().isEmpty())
        return QObject::tr("cannot make the recovery folder %1").arg(m_store.directory());
    core::JournalOptions options;
    options.snapshotFrom = savedFile.toStdString();
    options.snapshotEvery = m_snapshotEvery;
    options.onSnapshotStep = [this](core::SnapshotStep step) {
        // Told on the writer's thread; the switch is made on the GUI thread. The queued call
        // asks whichever journal runs then: for one with nothing written it does nothing, and
        // a stopped one has finished its snapshot before it went.
        if (step != core::SnapshotStep::Written) return;
        QMetaObject::invokeMethod(
            &m_switcher,
            [this] {
                if (m_journal) m_journal->finishWrittenSnapshot();
            },
            Qt::QueuedConnection);
    };
    auto started = core::Journal::start(
        *doc, m_store.journalPath(m_store.sessionBaseName()).toStdString(), options);
    if (!started) return QString::fromStdString(started.error().message);
    m_journal = std::move(*started);
    return {};
}

void SessionJournal::stop()
{
    if (m_journal) m_journal->discard();
    m_journal.reset();
}

core::Result<core::RecoveredDocument> SessionJournal::recover(const QString& journalPath,
                                                              const PresetLibrary& presets)
{
    const brushes::TipResolver tipFor = [&presets](const brushes::Preset& preset)
        -> core::Result<std::shared_ptr<const brushes::BrushTip>> {
        if (auto tip = presets.tipFor(preset)) return tip;
        return core::fail(core::ErrorCode::NotFound,
                          "the journal's brush tip '" + preset.tip + "' is not among Signe's tips");
    };
    const auto replay = [&tipFor](core::Document& doc,
                                  std::string_view stroke) -> core::Result<void> {
        auto record = brushes::decodeStrokeRecord(stroke);
        if (!record) return tl::unexpected(record.error());
        return brushes::replayStroke(doc, *record, tipFor, 2);
    };
    return core::recoverJournal(journalPath.toStdString(), replay, 2);
}

}  // namespace signe::app
