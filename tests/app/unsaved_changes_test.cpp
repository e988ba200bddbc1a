// SPDX-License-Identifier: GPL-3.0-or-later
#include "app/unsaved_changes.h"

#include <gtest/gtest.h>

namespace signe::app {
namespace {

TEST(UnsavedChanges, AsksOnlyWhenModified)
{
    int asked = 0;
    auto answer = [&](UnsavedChoice choice) {
        return [&asked, choice] {
            ++asked;
            return choice;
        };
    };
    EXPECT_EQ(unsavedStep(false, answer(UnsavedChoice::Cancel)), UnsavedStep::Proceed);
    EXPECT_EQ(asked, 0);
    EXPECT_EQ(unsavedStep(true, answer(UnsavedChoice::Save)), UnsavedStep::SaveFirst);
    EXPECT_EQ(unsavedStep(true, answer(UnsavedChoice::Discard)), UnsavedStep::Proceed);
    EXPECT_EQ(unsavedStep(true, answer(UnsavedChoice::Cancel)), UnsavedStep::Stay);
    EXPECT_EQ(asked, 3);
}

}  // namespace
}  // namespace signe::app
