// SPDX-License-Identifier: GPL-3.0-or-later
#include "app/cli/progress_line.h"

#include <gtest/gtest.h>

#include <sstream>

using signe::cli::ProgressLine;

TEST(ProgressLine, DisabledPrintsNothingAtAll)
{
    std::ostringstream out;
    {
        ProgressLine line("saving out.ora", out, false);
        auto report = line.callback();
        for (double f : {0.0, 0.5, 1.0}) report(f);
        line.finish();
    }
    EXPECT_EQ(out.str(), "");
}

TEST(ProgressLine, RewritesOneLineOnlyWhenThePercentageChanges)
{
    std::ostringstream out;
    ProgressLine line("saving out.ora", out, true);
    auto report = line.callback();
    report(0.42);
    report(0.421);  // still 42%: no redraw
    report(1.0);
    EXPECT_EQ(out.str(), "\rsaving out.ora: 42%\x1b[K\rsaving out.ora: 100%\x1b[K");
    line.finish();
    EXPECT_EQ(out.str().substr(out.str().size() - 4), "\r\x1b[K") << "finish erases the line";
}

TEST(ProgressLine, ClampsOddFractionsAndErasesOnDestruction)
{
    std::ostringstream out;
    {
        ProgressLine line("loading a.png", out, true);
        line.update(-3.0);
        line.update(7.0);
    }
    EXPECT_EQ(out.str(), "\rloading a.png: 0%\x1b[K\rloading a.png: 100%\x1b[K\r\x1b[K");
}

TEST(ProgressLine, FinishWithNothingShownPrintsNothing)
{
    std::ostringstream out;
    ProgressLine line("saving x.png", out, true);
    line.finish();
    EXPECT_EQ(out.str(), "");
}
