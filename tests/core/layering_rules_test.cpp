// SPDX-License-Identifier: GPL-3.0-or-later
// The rooms' arrows point one way (app -> brushes -> core): core/ and brushes/ must run headless,
// so they may include no Qt widget or GUI header and nothing from app/.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <regex>
#include <string>

namespace fs = std::filesystem;

namespace {

std::vector<std::string> offendingIncludes(const fs::path& folder, const std::regex& banned)
{
    std::vector<std::string> hits;
    for (const auto& entry : fs::recursive_directory_iterator(folder)) {
        const auto ext = entry.path().extension();
        if (ext != ".h" && ext != ".cpp") continue;
        std::ifstream in(entry.path());
        std::string line;
        for (int n = 1; std::getline(in, line); ++n)
            if (std::regex_search(line, banned))
                hits.push_back(entry.path().string() + ":" + std::to_string(n) + ": " + line);
    }
    return hits;
}

}  // namespace

TEST(LayeringRules, CoreIncludesNoQtAndNothingFromAppOrBrushes)
{
    const std::regex banned(R"(#\s*include\s*[<"](Q|Qt|app/|brushes/))");
    const auto hits = offendingIncludes(fs::path(SIGNE_SOURCE_DIR) / "core", banned);
    EXPECT_TRUE(hits.empty()) << hits.front();
}

TEST(LayeringRules, BrushesIncludeNoWidgetsAndNothingFromApp)
{
    const std::regex banned(
        R"(#\s*include\s*[<"](QtWidgets|QWidget|QApplication|QImage|QPainter|QtGui|app/))");
    const auto hits = offendingIncludes(fs::path(SIGNE_SOURCE_DIR) / "brushes", banned);
    EXPECT_TRUE(hits.empty()) << hits.front();
}
