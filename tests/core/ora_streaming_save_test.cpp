// SPDX-License-Identifier: GPL-3.0-or-later
// How an OpenRaster save streams (docs/openraster.md, "Costs"): PNGs cut into bands that
// threads share, and zip entries written while later ones are still being encoded.
#include <gtest/gtest.h>

#include <chrono>
#include <random>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include "core/io/openraster.h"
#include "core/io/ora_save_plan.h"
#include "core/io/ora_zip.h"
#include "test_files.h"

namespace signe::core {
namespace {

namespace fs = std::filesystem;

std::vector<std::uint8_t> bytes(const std::string& s)
{
    return {s.begin(), s.end()};
}

TEST(ZipStreaming, PendingEntriesAreWrittenWhenSuppliedFromOtherThreads)
{
    const fs::path dir = test::tempDir("signe-zip-stream-");
    const fs::path path = dir / "out.zip";
    auto writer = ora::ZipWriter::create(path).value();
    ASSERT_TRUE(writer.add("mimetype", bytes("image/openraster"), false));
    std::vector<std::size_t> slots;
    for (int i = 0; i < 4; ++i) slots.push_back(writer.addPending("e" + std::to_string(i)).value());

    Result<void> closed;
    std::thread closer([&] { closed = writer.close(); });
    // Supplied last entry first, with pauses, so the writer waits at entry 0 while the
    // others are ready.
    std::vector<std::thread> makers;
    for (int i = 3; i >= 0; --i) {
        makers.emplace_back([&, i] {
            std::this_thread::sleep_for(std::chrono::milliseconds(10 * (4 - i)));
            writer.supply(slots[std::size_t(i)], bytes(std::string(1000 + i, char('a' + i))));
        });
    }
    for (auto& t : makers) t.join();
    closer.join();
    ASSERT_TRUE(closed) << closed.error().message;

    auto reader = ora::ZipReader::open(path).value();
    EXPECT_EQ(reader.firstEntryName(), "mimetype");
    for (int i = 0; i < 4; ++i) {
        const std::string name = "e" + std::to_string(i);
        EXPECT_TRUE(reader.isStored(name));
        EXPECT_EQ(reader.read(name, 1 << 20).value(), bytes(std::string(1000 + i, char('a' + i))));
    }
    fs::remove_all(dir);
}

TEST(ZipStreaming, AnEntryThatFailsFailsTheArchiveWithItsReason)
{
    const fs::path dir = test::tempDir("signe-zip-stream-");
    const fs::path path = dir / "out.zip";
    auto writer = ora::ZipWriter::create(path).value();
    const std::size_t good = writer.addPending("good").value();
    const std::size_t bad = writer.addPending("bad").value();
    const std::size_t never = writer.addPending("after").value();
    Result<void> closed;
    std::thread closer([&] { closed = writer.close(); });
    writer.supply(good, bytes("fine"));
    writer.supply(bad, fail(ErrorCode::IoError, "layer 'Sky' could not be encoded"));
    closer.join();
    ASSERT_FALSE(closed);
    EXPECT_EQ(closed.error().message, "layer 'Sky' could not be encoded");
    EXPECT_FALSE(fs::exists(path));
    writer.supply(never, bytes("too late"));  // nobody waits for it: no effect, no crash
    fs::remove_all(dir);
}

TEST(SavePlan, BandsCoverEveryRowOnceAndLargestGoFirst)
{
    const std::vector<ora::PngJobSize> jobs = {
        {4096, 4096ull * 4096, true},       // a full layer: four bands
        {1500, 1500ull * 300, true},        // one band and a remainder: one band
        {2100, 2100ull * 64, true},         // two bands, the remainder in the second
        {4096, 5ull * 4096 * 4096, false},  // the merged image: never cut
        {1, 1, true},
    };
    const ora::SavePlan plan = ora::planSave(jobs, 2, 1024);
    ASSERT_EQ(plan.bands, (std::vector<int>{4, 1, 2, 1, 1}));
    std::vector<std::vector<int>> covered(jobs.size());
    for (std::size_t j = 0; j < jobs.size(); ++j) covered[j].assign(std::size_t(jobs[j].rows), 0);
    std::set<std::pair<std::size_t, int>> seen;
    for (std::size_t i = 0; i < plan.tasks.size(); ++i) {
        const ora::EncodeTask& t = plan.tasks[i];
        EXPECT_TRUE(seen.insert({t.job, t.band}).second);
        for (int y = t.y; y < t.y + t.rows; ++y) ++covered[t.job][std::size_t(y)];
        if (i > 0) {
            EXPECT_GE(plan.tasks[i - 1].work, t.work);
        }
    }
    for (std::size_t j = 0; j < jobs.size(); ++j)
        for (int n : covered[j]) EXPECT_EQ(n, 1) << "job " << j;
    EXPECT_EQ(plan.tasks.front().job, 3u);  // the merged image starts first
    std::vector<std::size_t> order = plan.archiveOrder;
    std::sort(order.begin(), order.end());
    EXPECT_EQ(order, (std::vector<std::size_t>{0, 1, 2, 3, 4}));
    // One worker takes the merged image (five layers' work), the other every band meanwhile,
    // largest first: the full layer is done first, the merged image last.
    EXPECT_EQ(plan.archiveOrder, (std::vector<std::size_t>{0, 1, 2, 4, 3}));
}

TEST(StreamingSave, TallLayersSavedInBandsLoadBackExactly)
{
    // Taller than a band (1024 rows), so colour and thickness are cut and reassembled.
    auto doc = Document::createEmpty(70, 2300, {0, 0, 0, 0}, 72.0).value();
    auto layer =
        std::make_shared<Layer>(doc->allocateId(), LayerKind::Paint, LayerProperties{"Tall"});
    doc->insertNode(kNoLayer, -1, layer);
    std::mt19937 rng(11);
    const Rect rect{0, 0, 70, 2300};
    std::vector<Pixel16> px(std::size_t(rect.w) * std::size_t(rect.h));
    for (Pixel16& p : px) {
        const auto a = std::uint16_t(rng() % 65536);
        auto c = [&] { return std::uint16_t(rng() % (a + 1u)); };
        p = {c(), c(), c(), a};
    }
    layer->tiles().writeRect(rect, px.data(), rect.w);
    std::vector<Thickness16> t(px.size());
    for (Thickness16& v : t) v = Thickness16(rng() % 65536);
    layer->thickness().writeRect(rect, t.data(), rect.w);

    const fs::path dir = test::tempDir("signe-ora-bands-");
    for (int threads : {1, 2, 3}) {
        SCOPED_TRACE(std::to_string(threads) + " threads");
        const fs::path path = dir / ("tall-" + std::to_string(threads) + ".ora");
        OraSaveOptions options;
        options.threads = threads;
        ASSERT_TRUE(saveOpenRaster(*doc, path, options));
        auto loaded = loadOpenRaster(path).value();
        ASSERT_EQ(loaded.document->root().children().size(), 1u);
        const Layer& back = *loaded.document->root().children()[0];
        std::vector<Pixel16> got(px.size());
        back.tiles().readRect(rect, got.data(), rect.w);
        EXPECT_TRUE(got == px);
        std::vector<Thickness16> gotT(t.size());
        back.thickness().readRect(rect, gotT.data(), rect.w);
        EXPECT_TRUE(gotT == t);
    }
    fs::remove_all(dir);
}

}  // namespace
}  // namespace signe::core
