// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <vector>

#include <QString>
#include <QStringList>

#include "brushes/preset.h"

namespace signe::app {

/// The presets shipped in resources/presets, built into the program as Qt resources so the app
/// finds them wherever it is installed. A preset that fails to load is reported, not fatal.
struct PresetLibrary {
    std::vector<brushes::Preset> presets;
    QStringList problems;  ///< a line per preset that failed to load, or per warning

    static PresetLibrary loadBuiltIn();
    /// Index of the preset named `name`, or -1.
    int indexOf(const std::string& name) const;
};

}  // namespace signe::app
