// SPDX-License-Identifier: GPL-3.0-or-later
#include <QApplication>
#include <QCommandLineParser>

#include "app/main_window.h"

int main(int argc, char* argv[])
{
    QApplication app(argc, argv);
    QApplication::setApplicationName(QStringLiteral("Signe"));
    QApplication::setApplicationVersion(QStringLiteral(SIGNE_VERSION));
    QApplication::setOrganizationName(QStringLiteral("Signe"));

    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("Paint bold, paint-like strokes."));
    parser.addHelpOption();
    parser.addVersionOption();
    parser.process(app);

    signe::app::MainWindow window;
    window.resize(1280, 800);
    window.show();
    return app.exec();
}
