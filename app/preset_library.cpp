// SPDX-License-Identifier: GPL-3.0-or-later
#include "app/preset_library.h"

#include <QDir>
#include <QFile>
#include <QImage>

// Resources compiled into a static library are registered only when asked to; the macro must
// be used outside any namespace.
static void registerPresetResources() { Q_INIT_RESOURCE(presets); }

namespace signe::app {

namespace {

/// A built-in tip image as coverage: its alpha if it has one, else its grey level.
core::Result<brushes::BrushTip> loadTip(const QString& resource)
{
    const QImage image(resource);
    if (image.isNull())
        return core::fail(core::ErrorCode::NotFound,
                          resource.toStdString() + ": cannot be read as an image");
    const bool useAlpha = image.hasAlphaChannel();
    const QImage pixels = image.convertToFormat(useAlpha ? QImage::Format_Alpha8
                                                         : QImage::Format_Grayscale8);
    std::vector<float> coverage(std::size_t(pixels.width()) * std::size_t(pixels.height()));
    for (int y = 0; y < pixels.height(); ++y) {
        const uchar* row = pixels.constScanLine(y);
        for (int x = 0; x < pixels.width(); ++x)
            coverage[std::size_t(y) * std::size_t(pixels.width()) + std::size_t(x)] =
                row[x] / 255.0f;
    }
    return brushes::BrushTip::fromCoverage(pixels.width(), pixels.height(), std::move(coverage));
}

}  // namespace

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
            if (!preset->tip.empty() && !library.tips.contains(preset->tip)) {
                auto tip = loadTip(QStringLiteral(":/tips/") + QString::fromStdString(preset->tip));
                if (!tip) {
                    library.problems << QString::fromStdString(tip.error().message);
                    continue;  // without its tip the brush would paint something else
                }
                library.tips[preset->tip] = std::make_shared<const brushes::BrushTip>(std::move(*tip));
            }
            library.presets.push_back(std::move(*preset));
        }
        else
            library.problems << QString::fromStdString(preset.error().message);
    }
    return library;
}


std::shared_ptr<const brushes::BrushTip> PresetLibrary::tipFor(const brushes::Preset& preset) const
{
    const auto it = tips.find(preset.tip);
    return it == tips.end() ? nullptr : it->second;
}

int PresetLibrary::indexOf(const std::string& name) const
{
    for (std::size_t i = 0; i < presets.size(); ++i)
        if (presets[i].name == name) return int(i);
    return -1;
}

}  // namespace signe::app
