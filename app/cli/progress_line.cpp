// SPDX-License-Identifier: GPL-3.0-or-later
#include "app/cli/progress_line.h"

#include <unistd.h>

#include <algorithm>
#include <cmath>
#include <iostream>

namespace signe::cli {

ProgressLine::ProgressLine(std::string label, std::ostream& out, bool enabled)
    : m_label(std::move(label)), m_out(&out), m_enabled(enabled)
{
}

ProgressLine ProgressLine::onStderr(std::string label)
{
    return ProgressLine(std::move(label), std::cerr, ::isatty(STDERR_FILENO) == 1);
}

ProgressLine::~ProgressLine()
{
    finish();
}

void ProgressLine::update(double fraction)
{
    if (!m_enabled) return;
    // NaN would make the percentage undefined; treat it as no progress yet.
    const double f = std::isnan(fraction) ? 0.0 : std::clamp(fraction, 0.0, 1.0);
    const int percent = int(std::floor(f * 100.0));
    if (percent == m_shown) return;  // a save reports thousands of times; redraw only changes
    m_shown = percent;
    // \r and "erase to end of line" (ESC [K) rewrite the same line on any ANSI terminal.
    *m_out << '\r' << m_label << ": " << percent << "%\x1b[K" << std::flush;
}

void ProgressLine::finish()
{
    if (!m_enabled || m_shown < 0) return;
    *m_out << "\r\x1b[K" << std::flush;
    m_shown = -1;
}

core::ProgressCallback ProgressLine::callback()
{
    return [this](double fraction) { update(fraction); };
}

}  // namespace signe::cli
