// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <ostream>
#include <string>

#include "core/io/image_io.h"

namespace signe::cli {

/// Shows a long operation's progress as one line rewritten in place ("saving out.ora: 42%"),
/// and erases it when done, so the messages after it start on a clean line. A disabled line
/// prints nothing at all: progress is for a person watching a terminal, and pipes, logs and
/// tests must see only results and errors.
///
///     auto line = ProgressLine::onStderr("saving " + path);
///     options.progress = line.callback();
///     save(..., options);
///     line.finish();   // or let the destructor do it
///
/// Not copyable or movable: callback() refers to this object. Single-threaded, like core's
/// progress reports (they come on the calling thread).
class ProgressLine {
public:
    /// Writes to `out` only when `enabled`.
    ProgressLine(std::string label, std::ostream& out, bool enabled);
    /// On std::cerr, enabled only when stderr is a terminal.
    static ProgressLine onStderr(std::string label);
    ProgressLine(const ProgressLine&) = delete;
    ProgressLine& operator=(const ProgressLine&) = delete;
    ~ProgressLine();

    bool enabled() const { return m_enabled; }
    /// Shows `fraction` (0..1, clamped) as a whole percentage; redraws only when that changes.
    void update(double fraction);
    /// Erases the line if anything was shown. Later updates show it again.
    void finish();
    /// A core::ProgressCallback calling update(); valid while this object lives.
    core::ProgressCallback callback();

private:
    std::string m_label;
    std::ostream* m_out;
    bool m_enabled;
    int m_shown = -1;  // percentage on screen, -1 when nothing is
};

}  // namespace signe::cli
