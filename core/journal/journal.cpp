// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/journal/journal.h"

#include <algorithm>
#include <nlohmann/json.hpp>

#include "core/io/openraster.h"
#include "core/journal/pixel_delta_file.h"

namespace signe::core {

namespace {

using Json = nlohmann::json;
namespace fs = std::filesystem;

/// Snapshots are quick to write rather than small: they live only until the next one.
constexpr int kSnapshotCompression = 1;

/// A pixel change whose full tiles hold less than this is always a delta: a snapshot of a
/// small document would cost as little, but would not be smaller.
constexpr std::size_t kSmallDeltaBytes = std::size_t(4) << 20;

std::string snapshotRecord(const fs::path& snapshot)
{
    return Json{{"op", "snapshot"}, {"file", snapshot.filename().string()}}.dump();
}

/// Bytes of samples every paint layer of `doc` stores, in every channel.
std::size_t storedBytes(const Document& doc)
{
    std::size_t bytes = 0;
    for (LayerId id : doc.layerIds()) {
        const Layer* layer = doc.layer(id);
        bytes += layer->tiles().memoryBytes() + layer->thickness().memoryBytes() +
                 layer->wetness().memoryBytes();
    }
    return bytes;
}

/// A change to more than half of what the document stores is written as a snapshot: it
/// costs about as much, and it ends the deltas piling up for recovery to read.
bool worthADelta(const Document& doc, const PixelDelta& delta)
{
    const std::size_t bytes = delta.sampleBytes();
    return bytes <= kSmallDeltaBytes || bytes * 2 <= storedBytes(doc);
}

}  // namespace

Journal::Journal(Document& doc, fs::path path, JournalOptions options)
    : m_doc(doc), m_path(std::move(path)), m_options(std::move(options))
{
}

Result<std::unique_ptr<Journal>> Journal::start(Document& doc, fs::path path,
                                                JournalOptions options)
{
    const fs::path from = options.snapshotFrom;
    std::unique_ptr<Journal> journal(new Journal(doc, std::move(path), std::move(options)));
    if (auto ok = journal->snapshotNow(from); !ok) return tl::unexpected(ok.error());
    Journal* self = journal.get();
    doc.setOperationListener([self](const DocumentOperation& op) { self->onOperation(op); });
    journal->m_listening = true;
    return journal;
}

Journal::~Journal()
{
    // Only its own listener: a journal that failed to start never replaced another's.
    if (m_listening) m_doc.setOperationListener({});
    // The copy being written dies on this thread, and the journal left behind starts from
    // the newest snapshot.
    if (m_writer) completePeriodicSnapshot();
}

fs::path Journal::nextSnapshotPath()
{
    fs::path next = m_path;
    next += ".snapshot-" + std::to_string(++m_snapshotNumber) + ".ora";
    return next;
}

OraSaveOptions Journal::snapshotSaveOptions() const
{
    OraSaveOptions save;
    save.threads = m_options.threads;
    save.compression = kSnapshotCompression;
    return save;
}

Result<void> Journal::snapshotNow(const fs::path& copyOf)
{
    // The periodic snapshot being written holds the document as it was before whatever asks
    // for this one (something the journal cannot replay): switching to it would lose that.
    if (m_writer) m_writerSuperseded = true;
    m_sinceWriter.clear();
    // The new snapshot under a new name, then the journal replaced by one starting from it,
    // then the old snapshot removed: a crash at any point leaves a journal and its snapshot.
    const fs::path next = nextSnapshotPath();
    if (!copyOf.empty()) {
        std::error_code ec;
        fs::copy_file(copyOf, next, fs::copy_options::overwrite_existing, ec);
        if (ec) {
            std::error_code ignored;
            fs::remove(next, ignored);
            return fail(ErrorCode::IoError, "cannot copy '" + copyOf.string() + "' to '" +
                                                next.string() + "': " + ec.message());
        }
    } else if (auto ok = saveOpenRaster(m_doc, next, snapshotSaveOptions()); !ok) {
        return ok;
    }
    m_file.reset();
    if (auto ok = replaceJournalFile(m_path, {snapshotRecord(next)}); !ok) {
        std::error_code ignored;
        fs::remove(next, ignored);  // the old journal is still in place and names the old one
        return ok;
    }
    auto file = JournalFile::openForAppend(m_path);
    if (!file) return tl::unexpected(file.error());
    m_file = std::make_unique<JournalFile>(std::move(*file));
    std::error_code ignored;
    if (!m_snapshot.empty()) fs::remove(m_snapshot, ignored);
    m_snapshot = next;
    removeDeltas(m_deltas.size());  // the new snapshot holds every change they did
    m_deltasInCopy = 0;
    m_sinceSnapshot = 0;
    m_replayUndo = m_replayRedo = 0;
    m_seenPushes = m_doc.history().pushes();
    m_needsSnapshot = false;
    m_error.clear();
    return {};
}

void Journal::mendWithSnapshot()
{
    if (auto ok = snapshotNow(); !ok) {
        m_error = ok.error().message;
        m_needsSnapshot = true;
    }
}

void Journal::startPeriodicSnapshot()
{
    // The copy is the document as it is now, with the operation just recorded: the journal
    // that will replace this one starts from it and holds what is recorded after it.
    auto writer = SnapshotWriter::start(m_doc.snapshot(), nextSnapshotPath(), snapshotSaveOptions(),
                                        m_options.onSnapshotStep);
    if (!writer) {
        m_error = writer.error().message;  // this journal stays whole; the next point retries
        return;
    }
    m_writer = std::move(*writer);
    m_sinceWriter.clear();
    m_deltasInCopy = m_deltas.size();
    m_sinceSnapshot = 0;
    // From here on, what may be undone is counted as a replay of the new journal would: its
    // history starts empty here. A replay of the running journal can undo at least as much.
    m_replayUndo = m_replayRedo = 0;
}

void Journal::finishWrittenSnapshot()
{
    if (m_writer && m_writer->hasEnded()) completePeriodicSnapshot();
}

void Journal::waitForSnapshot()
{
    if (m_writer) completePeriodicSnapshot();
}

void Journal::completePeriodicSnapshot()
{
    const std::unique_ptr<SnapshotWriter> writer = std::move(m_writer);
    const bool superseded = std::exchange(m_writerSuperseded, false);
    // Until the switch below, the running journal names every delta.
    const std::size_t deltasInCopy = std::exchange(m_deltasInCopy, 0);
    std::vector<std::string> records = std::exchange(m_sinceWriter, {});
    const Result<void> written = writer->finish();
    std::error_code ignored;
    if (!written) {
        // saveOpenRaster leaves no file behind when it fails. This journal stays whole and
        // goes on; the next periodic point tries again.
        if (!superseded && !m_discarded) m_error = written.error().message;
        return;
    }
    if (superseded || m_discarded) {
        fs::remove(writer->file(), ignored);
        return;
    }
    // The snapshot is on the disk (written beside, flushed, renamed, its folder flushed).
    // The journal is replaced in one rename by one that starts from it and holds every record
    // made since its copy; only then is the old snapshot removed. A crash before the rename
    // leaves the old journal, whole, with its snapshot; after it, the new one with its own.
    records.insert(records.begin(), snapshotRecord(writer->file()));
    if (auto ok = replaceJournalFile(m_path, records); !ok) {
        m_error = ok.error().message;  // the old journal is still in place, whole
        fs::remove(writer->file(), ignored);
        return;
    }
    if (m_options.onSnapshotStep) m_options.onSnapshotStep(SnapshotStep::Switched);
    // The file open until now is the old journal, renamed over: it must not be written again.
    m_file.reset();
    if (auto file = JournalFile::openForAppend(m_path); file) {
        m_file = std::make_unique<JournalFile>(std::move(*file));
        m_error.clear();
    } else {
        m_error = file.error().message;
        m_needsSnapshot = true;
    }
    if (!m_snapshot.empty()) fs::remove(m_snapshot, ignored);
    m_snapshot = writer->file();
    removeDeltas(deltasInCopy);
}

void Journal::removeDeltas(std::size_t count)
{
    std::error_code ignored;
    count = std::min(count, m_deltas.size());
    for (std::size_t i = 0; i < count; ++i) fs::remove(m_deltas[i], ignored);
    m_deltas.erase(m_deltas.begin(), m_deltas.begin() + std::ptrdiff_t(count));
}

bool Journal::recordPixelDelta(const std::string& name)
{
    // A journal that may lack an operation is mended by a snapshot, which holds this too.
    if (m_needsSnapshot || !m_file) return false;
    const auto* command = dynamic_cast<const TilesCommand*>(m_doc.history().lastDone());
    if (!command) return false;
    const PixelDelta delta = PixelDelta::after(m_doc, *command);
    if (!worthADelta(m_doc, delta)) return false;
    fs::path file = m_path;
    file += ".delta-" + std::to_string(++m_deltaNumber) + ".bin";
    // On the disk, flushed, before the record that names it is appended: a record never
    // points to a file a crash could lose.
    auto written = writePixelDelta(delta, file);
    if (!written) {
        m_error = written.error().message;
        return false;
    }
    m_deltas.push_back(file);
    ++m_replayUndo, m_replayRedo = 0;
    record(Json{{"op", "pixels"},
                {"name", name},
                {"file", file.filename().string()},
                {"checksum", written->checksum}}
               .dump());
    return true;
}

void Journal::record(const std::string& json)
{
    finishWrittenSnapshot();
    // After a failure the journal on disk may lack an operation: only a snapshot mends it.
    if (m_needsSnapshot || !m_file) {
        mendWithSnapshot();
        return;
    }
    if (auto ok = m_file->append(json); !ok) {
        // The journal may end in a damaged line now, after which nothing would be read.
        m_error = ok.error().message;
        mendWithSnapshot();
        return;
    }
    if (m_writer && !m_writerSuperseded) m_sinceWriter.push_back(json);
    // One periodic snapshot at a time: a point reached while one is written waits for it.
    if (++m_sinceSnapshot >= m_options.snapshotEvery && !m_writer) startPeriodicSnapshot();
}

void Journal::onOperation(const DocumentOperation& op)
{
    using Kind = DocumentOperation::Kind;
    const std::uint64_t pushes = m_doc.history().pushes();
    const std::uint64_t pushed = pushes - m_seenPushes;
    m_seenPushes = pushes;
    const bool step = op.kind == Kind::Undo || op.kind == Kind::Redo;
    // Anything the history holds that no operation told of cannot be replayed: the snapshot
    // taken now holds it. Pixels the painter did not describe are recorded as a delta.
    const bool pixelsOfStroke = op.kind == Kind::Pixels && m_pendingStroke;
    const bool pixelsOfTransaction = op.kind == Kind::Pixels && !pixelsOfStroke && pushed == 1;
    const bool unknown = (op.kind == Kind::Pixels && !pixelsOfStroke && !pixelsOfTransaction) ||
                         pushed > (step ? 0 : 1);
    // A replay's history starts empty at the snapshot: it can only undo and redo what came
    // after.
    const bool beyondReplay = (op.kind == Kind::Undo && m_replayUndo == 0) ||
                              (op.kind == Kind::Redo && m_replayRedo == 0);
    if (unknown || beyondReplay) {
        if (pixelsOfStroke) m_strokeRecorded = true;
        // Not written beside the painting: until the snapshot is on the disk, no journal
        // could rebuild what follows (docs/journal.md).
        mendWithSnapshot();
        return;
    }
    if (pixelsOfTransaction) {
        if (!recordPixelDelta(op.name)) mendWithSnapshot();
        return;
    }
    if (op.kind == Kind::Undo) --m_replayUndo, ++m_replayRedo;
    if (op.kind == Kind::Redo) ++m_replayUndo, --m_replayRedo;
    if (pushed == 1) ++m_replayUndo, m_replayRedo = 0;
    if (pixelsOfStroke) {
        record(R"({"op":"stroke","pushed":true,"stroke":)" + *m_pendingStroke + "}");
        m_strokeRecorded = true;
        return;
    }
    record(encodeOperation(op));
}

bool Journal::commitStroke(Transaction& tx, std::string_view stroke)
{
    const std::string text(stroke);
    m_pendingStroke = &text;
    m_strokeRecorded = false;
    const bool changed = tx.commit();
    m_pendingStroke = nullptr;
    // A stroke that changed nothing still started on the paint clock: replay must too.
    if (!m_strokeRecorded && !m_discarded)
        record(R"({"op":"stroke","pushed":false,"stroke":)" + text + "}");
    return changed;
}

void Journal::discard()
{
    if (m_discarded) return;
    m_discarded = true;
    if (m_listening) m_doc.setOperationListener({});
    m_listening = false;
    if (m_writer) completePeriodicSnapshot();  // waits, then removes its file
    m_file.reset();
    std::error_code ignored;
    fs::remove(m_path, ignored);
    removeDeltas(m_deltas.size());
    if (!m_snapshot.empty()) fs::remove(m_snapshot, ignored);
}

namespace {

/// The file `name` beside `journal`: a record cannot point anywhere else on the disk.
Result<fs::path> besideJournal(const fs::path& journal, const fs::path& name, const char* what)
{
    if (name.has_parent_path() || name.empty() || name == "." || name == "..")
        return fail(ErrorCode::Corrupt,
                    "journal '" + journal.string() + "' names " + what + " outside its folder");
    return journal.parent_path() / name;
}

/// Applies a record of Journal::recordPixelDelta: its delta file, read and checked whole
/// first, written through a transaction of the original's name.
Result<void> replayPixelDelta(Document& doc, const fs::path& journal, const Json& record)
{
    if (!record["name"].is_string() || !record["file"].is_string() ||
        !record.contains("checksum") || !record["checksum"].is_string())
        return fail(ErrorCode::Corrupt, "pixel change record without name, file or checksum");
    auto file = besideJournal(journal, record["file"].get<std::string>(), "a pixel change");
    if (!file) return tl::unexpected(file.error());
    auto delta = readPixelDelta(*file, record["checksum"].get<std::string>());
    if (!delta) return tl::unexpected(delta.error());
    return applyPixelDelta(doc, *delta, record["name"].get<std::string>());
}

bool isPixelDeltaRecord(const Json& j)
{
    return j.is_object() && j.value("op", "") == "pixels" && j.contains("file") &&
           j.contains("name");
}

/// The snapshot a journal starts from, from its first record.
Result<fs::path> snapshotOf(const fs::path& journal, const JournalContents& contents)
{
    if (contents.records.empty())
        return fail(ErrorCode::Corrupt, "journal '" + journal.string() + "' names no snapshot");
    const Json first = Json::parse(contents.records.front(), nullptr, false);
    if (!first.is_object() || first.value("op", "") != "snapshot" || !first.contains("file") ||
        !first["file"].is_string())
        return fail(ErrorCode::Corrupt,
                    "journal '" + journal.string() + "' does not start with its snapshot");
    return besideJournal(journal, first["file"].get<std::string>(), "a snapshot");
}

}  // namespace

Result<RecoveredDocument> recoverJournal(const fs::path& path, const StrokeReplayer& replayStroke,
                                         int threads)
{
    auto contents = readJournalFile(path);
    if (!contents) return tl::unexpected(contents.error());
    auto snapshot = snapshotOf(path, *contents);
    if (!snapshot) return tl::unexpected(snapshot.error());
    OraLoadOptions load;
    load.threads = threads;
    auto loaded = loadOpenRaster(*snapshot, load);
    if (!loaded) return fail(loaded.error().code, "journal snapshot: " + loaded.error().message);
    RecoveredDocument out;
    out.document = std::move(loaded->document);
    out.warnings = std::move(loaded->warnings);
    if (!contents->damage.empty()) out.warnings.push_back(contents->damage);
    Document& doc = *out.document;
    for (std::size_t i = 1; i < contents->records.size(); ++i) {
        const std::string& text = contents->records[i];
        const auto stop = [&](const std::string& why) {
            out.warnings.push_back("journal '" + path.string() + "' operation " +
                                   std::to_string(i) + ": " + why +
                                   "; recovered the operations before it");
        };
        const Json j = Json::parse(text, nullptr, false);
        if (j.is_object() && j.value("op", "") == "stroke" && j.contains("stroke")) {
            if (auto ok = replayStroke(doc, j["stroke"].dump()); !ok) {
                stop(ok.error().message);
                break;
            }
            ++out.strokes;
        } else if (isPixelDeltaRecord(j)) {
            if (auto ok = replayPixelDelta(doc, path, j); !ok) {
                stop(ok.error().message);
                break;
            }
        } else {
            auto op = decodeOperation(text);
            if (!op) {
                stop(op.error().message);
                break;
            }
            if (auto ok = applyOperation(doc, *op); !ok) {
                stop(ok.error().message);
                break;
            }
        }
        ++out.operations;
    }
    return out;
}

Result<JournalDescription> describeJournal(
    const fs::path& path, const std::function<std::string(std::string_view stroke)>& describeStroke)
{
    auto contents = readJournalFile(path);
    if (!contents) return tl::unexpected(contents.error());
    auto snapshot = snapshotOf(path, *contents);
    if (!snapshot) return tl::unexpected(snapshot.error());
    JournalDescription out{snapshot->filename().string(), {}, contents->damage};
    for (std::size_t i = 1; i < contents->records.size(); ++i) {
        const std::string& text = contents->records[i];
        const Json j = Json::parse(text, nullptr, false);
        if (j.is_object() && j.value("op", "") == "stroke" && j.contains("stroke"))
            out.operations.push_back("stroke: " + describeStroke(j["stroke"].dump()));
        else if (auto op = decodeOperation(text))
            out.operations.push_back(text);
        else
            out.operations.push_back("unreadable: " + op.error().message);
    }
    return out;
}

}  // namespace signe::core
