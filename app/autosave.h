// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QObject>
#include <QString>
#include <QTimer>
#include <chrono>
#include <functional>
#include <memory>

namespace signe::core {
class Document;
}

namespace signe::app {

class ProgressTask;
class RecoveryStore;

/// Every few minutes, while the document has unsaved changes, writes an OpenRaster copy of it
/// into the recovery folder (RecoveryStore), on a worker thread, from a snapshot: the
/// painter's file and the document's saved state are never touched. A normal save or quit
/// calls discard(), which removes the copy (also one still being written).
class Autosave : public QObject {
    Q_OBJECT

public:
    static constexpr std::chrono::minutes kDefaultInterval{2};
    /// A recovery copy favours speed over size: zlib level 1 (docs/openraster.md, "Costs").
    static constexpr int kCompression = 1;

    /// `store` must outlive this object.
    explicit Autosave(RecoveryStore& store, QObject* parent = nullptr);
    ~Autosave() override;  ///< waits for a copy being written

    /// Returns a snapshot of the document when it has unsaved changes and can be copied now,
    /// else null (nothing to save, or a stroke is in progress: try again soon).
    using Source = std::function<std::unique_ptr<core::Document>()>;
    void setSource(Source source) { m_source = std::move(source); }

    void setInterval(std::chrono::milliseconds interval);
    std::chrono::milliseconds interval() const;

    /// Starts writing a copy now if the source has one and no copy is being written. True when
    /// a copy was started.
    bool saveNow();
    bool isSaving() const;
    /// Processes events until the copy being written (if any) is finished.
    void waitForIdle();
    /// Removes this session's recovery files; a copy being written is removed when it ends.
    void discard();

    /// The recovery copy's path for this session ("" before the first copy).
    QString recoveryPath() const;

signals:
    void saved(const QString& path);
    void failed(const QString& message);

private:
    void tick();

    RecoveryStore& m_store;
    Source m_source;
    QTimer m_timer;
    ProgressTask* m_task = nullptr;
    bool m_discardWhenDone = false;
};

}  // namespace signe::app
