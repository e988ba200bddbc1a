// SPDX-License-Identifier: GPL-3.0-or-later
#include "app/preset_library.h"

#include <QDir>
#include <QFile>

// Resources compiled into a static library are registered only when asked to; the macro must
// be used outside any namespace.
static void registerPresetResources() { Q_INIT_RESOURCE(presets); }

namespace signe::app {

PresetLibrary PresetLibrary::loadBuiltIn()
{
    registerPresetResources();
    PresetLibrary library;
    const QDir dir(QStringLiteral(":/presets"));
    for (const QString& file : dir.entryList({QStringLiteral("*.json")}, QDir::Files, QDir::Name)) {
        QFile in(dir.filePath(file));
        if (!in.open(QIODevice::ReadOnly)) {
            library.problems << QStringLiteral("%1: cannot be read").arg(file);
            continue;
        }
        const QByteArray text = in.readAll();
        auto preset = brushes::parsePreset(std::string_view(text.constData(), std::size_t(text.size())),
                                           file.toStdString());
        if (preset) {
            for (const std::string& warning : preset->warnings)
                library.problems << QString::fromStdString(warning);
            library.presets.push_back(std::move(*preset));
        }
        else
            library.problems << QString::fromStdString(preset.error().message);
    }
    return library;
}

int PresetLibrary::indexOf(const std::string& name) const
{
    for (std::size_t i = 0; i < presets.size(); ++i)
        if (presets[i].name == name) return int(i);
    return -1;
}

}  // namespace signe::app
