// SPDX-License-Identifier: GPL-3.0-or-later
// Every file in tests/data/ora/bad (made by make_fixtures.py, listed in its cases.txt) loads
// to an error or a warning that names the problem: never a crash, a hang or a huge allocation.
#include <gtest/gtest.h>

#include <fstream>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "core/io/openraster.h"

using namespace signe::core;
namespace fs = std::filesystem;

namespace {

const fs::path kBad = fs::path(SIGNE_SOURCE_DIR) / "tests/data/ora/bad";

struct BadCase {
    std::string file;
    bool isError = true;
    std::string phrase;
};

std::vector<BadCase> readCases()
{
    std::vector<BadCase> cases;
    std::ifstream in(kBad / "cases.txt");
    std::string line;
    while (std::getline(in, line)) {
        if (line.empty() || line[0] == '#') continue;
        std::istringstream fields(line);
        BadCase c;
        std::string kind;
        std::getline(fields, c.file, '\t');
        std::getline(fields, kind, '\t');
        std::getline(fields, c.phrase);
        c.isError = kind == "error";
        cases.push_back(c);
    }
    return cases;
}

// Names the file in test output instead of dumping the struct's bytes.
void PrintTo(const BadCase& c, std::ostream* os)
{
    *os << c.file;
}

class OraBadInput : public ::testing::TestWithParam<BadCase> {};

}  // namespace

TEST_P(OraBadInput, GivesAnErrorOrWarningNamingTheProblem)
{
    const BadCase& c = GetParam();
    auto loaded = loadOpenRaster(kBad / c.file);
    if (c.isError) {
        ASSERT_FALSE(loaded) << c.file << " loaded";
        EXPECT_NE(loaded.error().message.find(c.phrase), std::string::npos)
            << "'" << loaded.error().message << "' does not say '" << c.phrase << "'";
        return;
    }
    ASSERT_TRUE(loaded) << loaded.error().message;
    bool named = false;
    for (const std::string& w : loaded->warnings)
        named = named || w.find(c.phrase) != std::string::npos;
    std::string all;
    for (const std::string& w : loaded->warnings) all += w + "\n";
    EXPECT_TRUE(named) << "no warning says '" << c.phrase << "':\n" << all;
}

INSTANTIATE_TEST_SUITE_P(Corpus, OraBadInput, ::testing::ValuesIn(readCases()),
                         [](const ::testing::TestParamInfo<BadCase>& info) {
                             std::string name =
                                 info.param.file.substr(0, info.param.file.find('.'));
                             for (char& ch : name)
                                 if (!std::isalnum(static_cast<unsigned char>(ch))) ch = '_';
                             return name;
                         });

TEST(OraBadInputCorpus, EveryFileIsListed)
{
    std::set<std::string> listed;
    for (const BadCase& c : readCases()) listed.insert(c.file);
    EXPECT_GE(listed.size(), 20u);
    for (const auto& entry : fs::directory_iterator(kBad)) {
        if (entry.path().extension() != ".ora") continue;
        EXPECT_TRUE(listed.count(entry.path().filename().string())) << entry.path();
    }
}
