// SPDX-License-Identifier: GPL-3.0-or-later
#include <QApplication>
#include <QCommandLineParser>

#include "app/document_files.h"
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
    parser.addPositionalArgument(QStringLiteral("file"),
                                 QStringLiteral("A painting (.ora) or an image to open."),
                                 QStringLiteral("[file]"));
    parser.process(app);

    signe::app::MainWindow window;
    window.resize(1280, 800);
    window.show();
    // After the window is up, so it paints first; recovery comes before the file, since what a
    // crash left is what the painter can least afford to miss.
    const QStringList files = parser.positionalArguments();
    QMetaObject::invokeMethod(
        &window,
        [&window, files] {
            signe::app::DocumentFiles* documentFiles = window.files();
            documentFiles->offerRecovery();
            if (!files.isEmpty() && !documentFiles->isBusy())
                documentFiles->openFile(files.front());
        },
        Qt::QueuedConnection);
    return app.exec();
}
