// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/journal/journal.h"

#include <nlohmann/json.hpp>

#include "core/io/openraster.h"

namespace signe::core {

namespace {

using Json = nlohmann::json;
namespace fs = std::filesystem;

/// Snapshots are quick to write rather than small: they live only until the next one.
constexpr int kSnapshotCompression = 1;

std::string snapshotRecord(const fs::path& snapshot)
{
    return Json{{"op", "snapshot"}, {"file", snapshot.filename().string()}}.dump();
}

}  // namespace

Journal::Journal(Document& doc, fs::path path, JournalOptions options)
    : m_doc(doc), m_path(std::move(path)), m_options(options)
{
}

Result<std::unique_ptr<Journal>> Journal::start(Document& doc, fs::path path,
                                                JournalOptions options)
{
    std::unique_ptr<Journal> journal(new Journal(doc, std::move(path), options));
    if (auto ok = journal->snapshot(options.snapshotFrom); !ok) return tl::unexpected(ok.error());
    Journal* self = journal.get();
    doc.setOperationListener([self](const DocumentOperation& op) { self->onOperation(op); });
    journal->m_listening = true;
    return journal;
}

Journal::~Journal()
{
    // Only its own listener: a journal that failed to start never replaced another's.
    if (m_listening) m_doc.setOperationListener({});
}

Result<void> Journal::snapshot(const fs::path& copyOf)
{
    // The new snapshot under a new name, then the journal replaced by one starting from it,
    // then the old snapshot removed: a crash at any point leaves a journal and its snapshot.
    fs::path next = m_path;
    next += ".snapshot-" + std::to_string(++m_snapshotNumber) + ".ora";
    if (!copyOf.empty()) {
        std::error_code ec;
        fs::copy_file(copyOf, next, fs::copy_options::overwrite_existing, ec);
        if (ec)
            return fail(ErrorCode::IoError, "cannot copy '" + copyOf.string() + "' to '" +
                                                next.string() + "': " + ec.message());
    } else {
        OraSaveOptions save;
        save.threads = m_options.threads;
        save.compression = kSnapshotCompression;
        if (auto ok = saveOpenRaster(m_doc, next, save); !ok) return ok;
    }
    m_file.reset();
    if (auto ok = replaceJournalFile(m_path, {snapshotRecord(next)}); !ok) return ok;
    auto file = JournalFile::openForAppend(m_path);
    if (!file) return tl::unexpected(file.error());
    m_file = std::make_unique<JournalFile>(std::move(*file));
    std::error_code ignored;
    if (!m_snapshot.empty()) fs::remove(m_snapshot, ignored);
    m_snapshot = next;
    m_sinceSnapshot = 0;
    m_replayUndo = m_replayRedo = 0;
    m_seenPushes = m_doc.history().pushes();
    m_error.clear();
    return {};
}

void Journal::record(const std::string& json)
{
    // After a failure the journal on disk may lack an operation: only a snapshot mends it.
    if (!m_error.empty() || !m_file || ++m_sinceSnapshot > m_options.snapshotEvery) {
        if (auto ok = snapshot(); !ok) m_error = ok.error().message;
        return;
    }
    if (auto ok = m_file->append(json); !ok) m_error = ok.error().message;
}

void Journal::onOperation(const DocumentOperation& op)
{
    using Kind = DocumentOperation::Kind;
    const std::uint64_t pushes = m_doc.history().pushes();
    const std::uint64_t pushed = pushes - m_seenPushes;
    m_seenPushes = pushes;
    const bool step = op.kind == Kind::Undo || op.kind == Kind::Redo;
    // Anything the history holds that no operation told of (or a stroke the painter did not
    // describe) cannot be replayed: the snapshot taken now holds it.
    const bool pixelsOfStroke = op.kind == Kind::Pixels && m_pendingStroke;
    const bool unknown = (op.kind == Kind::Pixels && !pixelsOfStroke) || pushed > (step ? 0 : 1);
    // A replay's history starts empty at the snapshot: it can only undo and redo what came
    // after.
    const bool beyondReplay = (op.kind == Kind::Undo && m_replayUndo == 0) ||
                              (op.kind == Kind::Redo && m_replayRedo == 0);
    if (unknown || beyondReplay) {
        if (pixelsOfStroke) m_strokeRecorded = true;
        if (auto ok = snapshot(); !ok) m_error = ok.error().message;
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
    m_file.reset();
    std::error_code ignored;
    fs::remove(m_path, ignored);
    if (!m_snapshot.empty()) fs::remove(m_snapshot, ignored);
}

namespace {

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
    const fs::path name = first["file"].get<std::string>();
    // Only a file beside the journal: a record cannot point anywhere else on the disk.
    if (name.has_parent_path() || name.empty() || name == "." || name == "..")
        return fail(ErrorCode::Corrupt,
                    "journal '" + journal.string() + "' names a snapshot outside its folder");
    return journal.parent_path() / name;
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
