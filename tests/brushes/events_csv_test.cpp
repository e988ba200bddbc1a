// SPDX-License-Identifier: GPL-3.0-or-later
#include "brushes/events_csv.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <random>
#include <sstream>
#include <string>

using namespace signe;
using brushes::EventStrokes;
using brushes::InputEvent;

namespace {

std::filesystem::path dataDir()
{
#ifdef SIGNE_TEST_DATA_DIR
    return SIGNE_TEST_DATA_DIR;
#else
    // Built by hand from the repository root: __FILE__ is tests/brushes/events_csv_test.cpp.
    return std::filesystem::path(__FILE__).parent_path().parent_path() / "data";
#endif
}

core::Result<EventStrokes> read(const std::string& text,
                                std::size_t maxEvents = brushes::kMaxCsvEvents)
{
    std::istringstream in(text);
    return brushes::readEventsCsv(in, maxEvents);
}

}  // namespace

TEST(EventsCsv, GoodFixtureParsesIntoStrokes)
{
    auto strokes = brushes::readEventsCsvFile(dataDir() / "strokes" / "two_strokes.csv");
    ASSERT_TRUE(strokes) << strokes.error().message;
    ASSERT_EQ(strokes->size(), 2u);
    ASSERT_EQ((*strokes)[0].size(), 4u);
    ASSERT_EQ((*strokes)[1].size(), 2u);
    const InputEvent& e = (*strokes)[0][2];
    EXPECT_DOUBLE_EQ(e.t, 0.010);
    EXPECT_DOUBLE_EQ(e.x, 105.5);
    EXPECT_DOUBLE_EQ(e.y, 101.9);
    EXPECT_FLOAT_EQ(e.pressure, 0.60f);
    EXPECT_FLOAT_EQ(e.xtilt, 0.1f);
    EXPECT_FLOAT_EQ(e.ytilt, -0.2f);
    EXPECT_EQ(e.rotation, 0.0f);
    EXPECT_DOUBLE_EQ((*strokes)[1][1].t, 0.508);
    EXPECT_FLOAT_EQ((*strokes)[1][1].xtilt, -0.5f);
}

TEST(EventsCsv, ColumnsInAnyOrderWithExtrasRotationAndCrlf)
{
    auto strokes = brushes::readEventsCsvFile(dataDir() / "strokes" / "reordered_columns_crlf.csv");
    ASSERT_TRUE(strokes) << strokes.error().message;
    ASSERT_EQ(strokes->size(), 2u);
    ASSERT_EQ((*strokes)[0].size(), 2u);
    const InputEvent& e = (*strokes)[0][1];
    EXPECT_DOUBLE_EQ(e.t, 0.01);
    EXPECT_DOUBLE_EQ(e.x, 21);
    EXPECT_DOUBLE_EQ(e.y, 11);
    EXPECT_FLOAT_EQ(e.pressure, 0.75f);
    EXPECT_FLOAT_EQ(e.rotation, -170.5f);
    EXPECT_EQ(e.xtilt, 0.0f) << "absent tilt columns default to 0";
    EXPECT_FLOAT_EQ((*strokes)[1][0].rotation, 179.0f);
}

TEST(EventsCsv, CrlfAndBlankLineVariants)
{
    // CRLF everywhere, a BOM, blank lines before the header, several blank lines (or lines of
    // spaces) between strokes, blank lines at the end, no newline after the last row.
    auto strokes = read(
        "\xEF\xBB\xBF\r\n\r\nt,x,y\r\n0,1,2\r\n0.5,3,4\r\n\r\n \t\r\n\r\n"
        "0.1,5,6\r\n\r\n\r\n0.2,7,8");
    ASSERT_TRUE(strokes) << strokes.error().message;
    ASSERT_EQ(strokes->size(), 3u);
    EXPECT_EQ((*strokes)[0].size(), 2u);
    EXPECT_EQ((*strokes)[1].size(), 1u);
    EXPECT_DOUBLE_EQ((*strokes)[2][0].y, 8);
    EXPECT_EQ((*strokes)[0][0].pressure, 1.0f) << "pressure defaults to 1";
}

TEST(EventsCsv, TimeMayRestartInANewStroke)
{
    auto strokes = read("t,x,y\n1,0,0\n2,0,0\n\n0,5,5\n");
    ASSERT_TRUE(strokes) << strokes.error().message;
    EXPECT_EQ(strokes->size(), 2u);
    auto equalTimes = read("t,x,y\n1,0,0\n1,3,0\n");
    EXPECT_TRUE(equalTimes) << "equal timestamps are common (1 ms clocks)";
}

TEST(EventsCsv, NumbersInTheirUsualSpellings)
{
    auto strokes = read("t , x , y , pressure\n+0.5, 1e2 ,-.25, 1e-999\n");
    ASSERT_TRUE(strokes) << strokes.error().message;
    const InputEvent& e = (*strokes)[0][0];
    EXPECT_DOUBLE_EQ(e.t, 0.5);
    EXPECT_DOUBLE_EQ(e.x, 100);
    EXPECT_DOUBLE_EQ(e.y, -0.25);
    EXPECT_EQ(e.pressure, 0.0f) << "underflow reads as 0";
}

TEST(EventsCsv, EachMalformedLineIsNamedWithItsValue)
{
    const std::string header = "t,x,y,pressure,xtilt,ytilt\n";
    const std::string good = "0,1,1,0.5,0,0\n";
    struct Case {
        std::string text;
        std::string expected;  // the message must contain this
    };
    const Case cases[] = {
        {header + good + "0.1,1,1,0.5,0\n", "line 3: 5 fields where the header has 6"},
        {header + good + "0.1,1,1,0.5,0,0,7\n", "line 3: 7 fields"},
        {header + good + good + "0.1,abc,1,0.5,0,0\n", "line 4: x 'abc' is not a number"},
        {header + "0.1,1,1,0.5x,0,0\n", "line 2: pressure '0.5x' is not a number"},
        {header + "0.1,,1,0.5,0,0\n", "line 2: x '' is not a number"},
        {header + "nan,1,1,0.5,0,0\n", "line 2: t 'nan' is not a finite number"},
        {header + "0,inf,1,0.5,0,0\n", "line 2: x 'inf' is not a finite number"},
        {header + "0,1,-INFINITY,0.5,0,0\n", "line 2: y '-INFINITY' is not a finite number"},
        {header + "0,1,1e999,0.5,0,0\n", "line 2: y '1e999' is not a finite number"},
        {header + "0.1,20000000,1,0.5,0,0\n", "line 2: x '20000000' is outside -1e7..1e7"},
        {header + "0.1,1,-1.5e7,0.5,0,0\n", "line 2: y '-1.5e7' is outside -1e7..1e7"},
        {header + "0.5,1,1,0.5,0,0\n0.4,1,1,0.5,0,0\n", "line 3: t '0.4' goes back in time"},
        {"t,x,y,rotation\n0,1,1,1e40\n", "line 2: rotation '1e40' is not a finite number"},
        {"0,1,1,0.5,0,0\n", "line 1: no header"},
        {"t,y,pressure\n0,1,1\n", "line 1: the header 't,y,pressure' lacks the column 'x'"},
        {"\n\nx,y,x,t\n", "line 3: column 'x' appears twice"},
        {"", "empty events file"},
        {"\n\n  \n", "empty events file"},
    };
    for (const Case& c : cases) {
        auto strokes = read(c.text);
        ASSERT_FALSE(strokes) << c.text;
        EXPECT_EQ(strokes.error().code, core::ErrorCode::Corrupt) << c.text;
        EXPECT_NE(strokes.error().message.find(c.expected), std::string::npos)
            << "got: " << strokes.error().message << "\nwanted: " << c.expected;
    }
}

TEST(EventsCsv, FileErrorsNameTheFile)
{
    const auto missing = std::filesystem::path("/nonexistent/strokes.csv");
    auto none = brushes::readEventsCsvFile(missing);
    ASSERT_FALSE(none);
    EXPECT_EQ(none.error().code, core::ErrorCode::NotFound);
    EXPECT_NE(none.error().message.find("/nonexistent/strokes.csv"), std::string::npos);

    const auto bad = dataDir() / "strokes" / "bad_number.csv";
    auto strokes = brushes::readEventsCsvFile(bad);
    ASSERT_FALSE(strokes);
    EXPECT_EQ(strokes.error().message, bad.string() + " line 3: x 'abc' is not a number");
}

TEST(EventsCsv, EventCapIsAnErrorNotAnAllocation)
{
    std::string text = "t,x,y\n";
    for (int i = 0; i < 5; ++i) text += std::to_string(i) + ",0,0\n";
    EXPECT_TRUE(read(text, 5));
    text += "\n9,1,1\n";  // the sixth event, on line 8
    auto strokes = read(text, 5);
    ASSERT_FALSE(strokes);
    EXPECT_NE(strokes.error().message.find("line 8: more than 5 events"), std::string::npos)
        << strokes.error().message;
}

TEST(EventsCsv, OverlongLineIsAnError)
{
    std::string text = "t,x,y\n0,1,1\n0," + std::string(100'000, '1') + ",1\n";
    auto strokes = read(text);
    ASSERT_FALSE(strokes);
    EXPECT_NE(strokes.error().message.find("line 3: longer than"), std::string::npos)
        << strokes.error().message;
}

TEST(EventsCsv, WriteThenReadGivesTheSameValues)
{
    std::mt19937 rng(3);
    std::uniform_real_distribution<double> coord(-5000, 5000), unit(0, 1), tilt(-1, 1);
    EventStrokes strokes(3);
    double t = 0;
    for (auto& stroke : strokes) {
        for (int i = 0; i < 50; ++i) {
            t += unit(rng) * 0.01;
            stroke.push_back({t, coord(rng), coord(rng), float(unit(rng)), float(tilt(rng)),
                              float(tilt(rng)), float(coord(rng) / 30)});
        }
    }
    strokes.insert(strokes.begin() + 1, std::vector<InputEvent>{});  // skipped on writing
    std::ostringstream out;
    brushes::writeEventsCsv(out, strokes);
    auto back = read(out.str());
    ASSERT_TRUE(back) << back.error().message;
    strokes.erase(strokes.begin() + 1);
    ASSERT_EQ(back->size(), strokes.size());
    for (std::size_t s = 0; s < strokes.size(); ++s) {
        ASSERT_EQ((*back)[s].size(), strokes[s].size());
        for (std::size_t i = 0; i < strokes[s].size(); ++i) {
            const InputEvent& a = strokes[s][i];
            const InputEvent& b = (*back)[s][i];
            EXPECT_EQ(a.t, b.t);
            EXPECT_EQ(a.x, b.x);
            EXPECT_EQ(a.y, b.y);
            EXPECT_EQ(a.pressure, b.pressure);
            EXPECT_EQ(a.xtilt, b.xtilt);
            EXPECT_EQ(a.ytilt, b.ytilt);
            EXPECT_EQ(a.rotation, b.rotation);
        }
    }
}

TEST(EventsCsv, HostileTextGivesValuesOrLineNumberedErrors)
{
    std::mt19937 rng(17);
    const std::string alphabet = "0123456789.,-+eEnaif\n\r \t,,,\n\n";
    int accepted = 0;
    for (int i = 0; i < 5000; ++i) {
        std::string text = "t,x,y,pressure\n";
        const std::size_t n = rng() % 80;
        for (std::size_t k = 0; k < n; ++k) text += alphabet[rng() % alphabet.size()];
        auto strokes = read(text);
        if (strokes) {
            ++accepted;
            for (const auto& stroke : *strokes) EXPECT_FALSE(stroke.empty());
        } else {
            EXPECT_EQ(strokes.error().message.rfind("line ", 0), 0u) << strokes.error().message;
        }
    }
    EXPECT_GT(accepted, 0) << "the generator should also hit valid files";
}

TEST(EventsCsv, PressureAndTiltOutsideTheirRangesAreClamped)
{
    auto strokes = read("t,x,y,pressure,xtilt,ytilt\n0,1,1,1.5,1.2,-3\n0.1,2,1,-0.01,0,0\n");
    ASSERT_TRUE(strokes) << strokes.error().message;
    const auto& s = (*strokes)[0];
    EXPECT_EQ(s[0].pressure, 1.0f);
    EXPECT_EQ(s[0].xtilt, 1.0f);
    EXPECT_EQ(s[0].ytilt, -1.0f);
    EXPECT_EQ(s[1].pressure, 0.0f);
}
