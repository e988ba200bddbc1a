// SPDX-License-Identifier: GPL-3.0-or-later
// A transparent 256x256 canvas that brush tests paint strokes on, one undoable stroke a call.
#pragma once

#include <gtest/gtest.h>

#include <memory>
#include <vector>

#include "brushes/paint_strokes.h"

namespace signe::test {

struct Canvas {
    std::unique_ptr<core::Document> doc =
        std::move(*core::Document::create(256, 256, {0, 0, 0, 0}));
    core::LayerId layer = doc->root().children()[0]->id();
    const core::TileStore& tiles() const { return doc->layer(layer)->tiles(); }

    void paint(const brushes::Preset& preset, const std::vector<brushes::InputEvent>& stroke,
               core::Color16 colour, int threads = 1)
    {
        brushes::StrokeOptions options;
        options.color = colour;
        options.threads = threads;
        auto stats = brushes::paintStrokes(*doc, layer, preset, {stroke}, options);
        EXPECT_TRUE(stats) << stats.error().message;
    }
};

}  // namespace signe::test
