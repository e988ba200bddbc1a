// SPDX-License-Identifier: GPL-3.0-or-later
// What the journal tests share: fresh folders, the document as comparable values, and a
// "stroke" core can replay on its own (a rectangle filled through a transaction), so that
// recovery is checked pixel for pixel without the brush engine.
#pragma once

#include <gtest/gtest.h>

#include <filesystem>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "core/journal/journal.h"
#include "core/transaction.h"

namespace signe::test {

/// A fresh, empty folder for one test's files.
inline std::filesystem::path freshJournalDir(const std::string& name)
{
    const std::filesystem::path dir =
        std::filesystem::temp_directory_path() / ("signe-journal-test-" + name);
    std::filesystem::remove_all(dir);
    std::filesystem::create_directories(dir);
    return dir;
}

/// The layer tree as text: names, kinds and every property, depth first.
inline std::string treeOf(const core::Layer& node, int depth = 0)
{
    std::string out;
    for (const auto& child : node.children()) {
        core::DocumentOperation op{core::DocumentOperation::Kind::SetLayerProperties};
        op.properties = child->properties();
        out += std::string(std::size_t(depth) * 2, ' ') + (child->isGroup() ? "group " : "layer ") +
               core::encodeOperation(op) + "\n" + treeOf(*child, depth + 1);
    }
    return out;
}

/// Every pixel of every paint layer, in tree order.
inline std::vector<core::Pixel16> pixelsOf(const core::Document& doc)
{
    std::vector<core::Pixel16> all;
    for (core::LayerId id : doc.layerIds()) {
        const core::Layer* l = doc.layer(id);
        if (l->isGroup()) continue;
        std::vector<core::Pixel16> px(std::size_t(doc.width()) * std::size_t(doc.height()));
        l->tiles().readRect(doc.bounds(), px.data(), doc.width());
        all.insert(all.end(), px.begin(), px.end());
    }
    return all;
}

/// Every sample of one channel (thickness or wetness) of every paint layer, in tree order.
template <class T, class Store>
std::vector<T> samplesOf(const core::Document& doc, Store store)
{
    std::vector<T> all;
    for (core::LayerId id : doc.layerIds()) {
        const core::Layer* l = doc.layer(id);
        if (l->isGroup()) continue;
        std::vector<T> px(std::size_t(doc.width()) * std::size_t(doc.height()));
        store(*l).readRect(doc.bounds(), px.data(), doc.width());
        all.insert(all.end(), px.begin(), px.end());
    }
    return all;
}

/// What recovery must rebuild of a document, taken at one moment.
struct DocumentState {
    std::string tree;
    std::vector<core::Pixel16> pixels;
    std::vector<core::Thickness16> thickness;
    std::vector<core::WetStamp> wetness;
    core::Light light;
    double dpi = 0;
    std::vector<std::string> history;  ///< every entry's name
    std::size_t undoable = 0;          ///< entries before the history's cursor
    explicit DocumentState(const core::Document& doc)
        : tree(treeOf(doc.root())),
          pixels(pixelsOf(doc)),
          thickness(samplesOf<core::Thickness16>(
              doc, [](const core::Layer& l) -> auto& { return l.thickness(); })),
          wetness(samplesOf<core::WetStamp>(
              doc, [](const core::Layer& l) -> auto& { return l.wetness(); })),
          light(doc.light()),
          dpi(doc.dpi()),
          history(doc.history().names()),
          undoable(doc.history().undoCount())
    {
    }
};

/// A replay's history starts empty at the journal's snapshot: it holds the live history's
/// entries round the cursor from there on, the same names, undone and redone alike.
inline void expectHistoryOf(const DocumentState& expected, const DocumentState& got)
{
    ASSERT_LE(got.undoable, expected.undoable) << "the replay can undo more than the live one";
    const std::size_t redoable = got.history.size() - got.undoable;
    ASSERT_LE(expected.undoable + redoable, expected.history.size());
    const std::vector<std::string> window(
        expected.history.begin() + std::ptrdiff_t(expected.undoable - got.undoable),
        expected.history.begin() + std::ptrdiff_t(expected.undoable + redoable));
    EXPECT_EQ(got.history, window);
}

/// Fills `r` of `layer` with `colour` through a transaction of its own: pixels the journal
/// cannot replay, when committed plainly.
inline void fill(core::Document& doc, core::LayerId layer, core::Rect r, core::Pixel16 colour)
{
    core::Transaction tx(doc, "Fill");
    auto target = tx.target(layer);
    ASSERT_TRUE(target);
    target->fillRect(r, colour);
    tx.commit();
}

/// A stand-in for a brush stroke: fills `r` of the layer at `path` with `colour`, and
/// commits it through `journal` with a record that fillStrokeReplayer paints again.
inline void fillStroke(core::Document& doc, core::Journal& journal, const core::LayerPath& path,
                       core::Rect r, core::Pixel16 colour)
{
    const nlohmann::json record = {{"layer", path},
                                   {"rect", {r.x, r.y, r.w, r.h}},
                                   {"colour", {colour.r, colour.g, colour.b, colour.a}}};
    core::Transaction tx(doc, "Fill stroke");
    auto target = tx.target(doc.layerAtPath(path));
    ASSERT_TRUE(target);
    target->fillRect(r, colour);
    journal.commitStroke(tx, record.dump());
}

/// Replays what fillStroke recorded.
inline core::Result<void> fillStrokeReplayer(core::Document& doc, std::string_view stroke)
{
    const nlohmann::json j = nlohmann::json::parse(stroke, nullptr, false);
    if (!j.is_object() || !j.contains("layer") || !j.contains("rect") || !j.contains("colour"))
        return core::fail(core::ErrorCode::Corrupt, "not a fill stroke: " + std::string(stroke));
    const auto path = j["layer"].get<core::LayerPath>();
    const auto rect = j["rect"].get<std::vector<int>>();
    const auto c = j["colour"].get<std::vector<std::uint16_t>>();
    core::Transaction tx(doc, "Fill stroke");
    auto target = tx.target(doc.layerAtPath(path));
    if (!target) return tl::unexpected(target.error());
    target->fillRect({rect[0], rect[1], rect[2], rect[3]}, {c[0], c[1], c[2], c[3]});
    tx.commit();
    return {};
}

/// Recovers `journal` and checks that it rebuilds `expected` exactly, with no warning.
inline void expectRecovers(const DocumentState& expected, const std::filesystem::path& journal)
{
    auto recovered = core::recoverJournal(journal, fillStrokeReplayer);
    ASSERT_TRUE(recovered) << recovered.error().message;
    for (const std::string& w : recovered->warnings) ADD_FAILURE() << w;
    const DocumentState got(*recovered->document);
    EXPECT_EQ(got.tree, expected.tree);
    EXPECT_TRUE(got.pixels == expected.pixels) << "the recovered pixels differ";
    EXPECT_TRUE(got.thickness == expected.thickness) << "the recovered thickness differs";
    EXPECT_TRUE(got.wetness == expected.wetness) << "the recovered wetness differs";
    expectHistoryOf(expected, got);
    EXPECT_EQ(got.light, expected.light);
    EXPECT_EQ(got.dpi, expected.dpi);
}

inline void expectRecovers(const core::Document& live, const std::filesystem::path& journal)
{
    expectRecovers(DocumentState(live), journal);
}

}  // namespace signe::test
