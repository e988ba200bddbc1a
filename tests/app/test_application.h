// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QApplication>

namespace signe::app::test {

/// The QApplication the GUI tests share, made on first use. Widgets need one; making it lazily
/// (not at static initialisation) lets `--gtest_list_tests` run without any display. Falls back
/// to the offscreen platform when QT_QPA_PLATFORM is not set, so a plain run works headless.
inline QApplication& application()
{
    static QApplication* app = [] {
        if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
            qputenv("QT_QPA_PLATFORM", "offscreen");
        static int argc = 1;
        static char name[] = "signe_app_tests";
        static char* argv[] = {name, nullptr};
        return new QApplication(argc, argv);  // lives until the process ends
    }();
    return *app;
}

}  // namespace signe::app::test
