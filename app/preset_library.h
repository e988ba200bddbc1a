// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <map>
#include <memory>
#include <string>
#include <vector>

#include <QString>
#include <QStringList>

#include "brushes/brush_tip.h"
#include "brushes/preset.h"

namespace signe::app {

/// The presets shipped in resources/presets, built into the program as Qt resources so the app
/// finds them wherever it is installed. A preset that fails to load is reported, not fatal.
struct PresetLibrary {
    std::vector<brushes::Preset> presets;
    /// The bitmap tips the presets name, by file name (built in from resources/tips).
    std::map<std::string, std::shared_ptr<const brushes::BrushTip>> tips;
    QStringList problems;  ///< a line per preset that failed to load, or per warning

    static PresetLibrary loadBuiltIn();
    /// Index of the preset named `name`, or -1.
    int indexOf(const std::string& name) const;
    /// The tip `preset` paints with; nullptr for round dabs.
    std::shared_ptr<const brushes::BrushTip> tipFor(const brushes::Preset& preset) const;
};

}  // namespace signe::app
