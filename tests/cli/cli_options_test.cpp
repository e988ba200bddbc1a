// SPDX-License-Identifier: GPL-3.0-or-later
#include "app/cli/cli_options.h"

#include <gtest/gtest.h>

using namespace signe::cli;

TEST(CliOptions, ValuesSwitchesAndPositionals)
{
    auto o = parseOptions({"in.png", "--size", "10x20", "--out=x.png", "--help"}, {"size", "out"},
                          {"help"});
    ASSERT_TRUE(o);
    EXPECT_EQ(o->value("size"), "10x20");
    EXPECT_EQ(o->value("out"), "x.png");
    EXPECT_TRUE(o->flag("help"));
    EXPECT_EQ(o->positional, std::vector<std::string>{"in.png"});
}

TEST(CliOptions, MisspeltOrIncompleteOptionsAreErrors)
{
    auto unknown = parseOptions({"--colour", "red"}, {"color"}, {});
    ASSERT_FALSE(unknown);
    EXPECT_NE(unknown.error().message.find("--colour"), std::string::npos);
    auto missing = parseOptions({"--size"}, {"size"}, {});
    ASSERT_FALSE(missing);
    EXPECT_NE(missing.error().message.find("--size needs a value"), std::string::npos);
}

TEST(CliOptions, SizesParseStrictly)
{
    EXPECT_EQ(parseSize("2048x1536")->width, 2048);
    EXPECT_EQ(parseSize("2048X1536")->height, 1536);
    EXPECT_EQ(parseSize("-5x10")->width, -5) << "the range is the document's to judge";
    for (const char* bad : {"", "x", "10x", "x10", "10 x 10", "10x10x10", "1e3x5", "0x10junk",
                            "99999999999999999999x1"}) {
        auto s = parseSize(bad);
        ASSERT_FALSE(s) << bad;
        EXPECT_NE(s.error().message.find(std::string("'") + bad + "'"), std::string::npos);
    }
}
