// SPDX-License-Identifier: GPL-3.0-or-later
// A painting app session for app_crash_test: the real window, painting strokes with mouse
// events on its canvas (journal and autosave as in use). After each stroke it prints
// "painted N HASH" (HASH: of the layers' pixels) and waits for a line on stdin before the
// next, so that the test can kill it at a known point. SNAPSHOT-EVERY (default: the app's)
// sets how many operations the journal records between periodic snapshots: with 1, every
// stroke starts one, so that the kill finds one being written.
//
//     SIGNE_RECOVERY_DIR=DIR signe_app_painter PRESET-NAME [SNAPSHOT-EVERY]
#include <QApplication>
#include <QMouseEvent>
#include <cstdio>
#include <cstdlib>
#include <iostream>
#include <string>

#include "app/canvas_widget.h"
#include "app/document_files.h"
#include "app/main_window.h"
#include "layer_hash.h"

namespace {

void send(QWidget* w, QEvent::Type type, QPointF pos, Qt::MouseButtons buttons, quint64 ms)
{
    QMouseEvent event(type, pos, w->mapToGlobal(pos), Qt::LeftButton, buttons, Qt::NoModifier);
    event.setTimestamp(ms);
    QCoreApplication::sendEvent(w, &event);
}

}  // namespace

int main(int argc, char** argv)
{
    qputenv("QT_QPA_PLATFORM", "offscreen");
    QApplication app(argc, argv);
    if (argc != 2 && argc != 3) {
        std::fprintf(stderr, "usage: signe_app_painter PRESET-NAME [SNAPSHOT-EVERY]\n");
        return 2;
    }
    signe::app::MainWindow window(std::move(*signe::core::Document::create(400, 300)));
    if (argc == 3) {
        // Journals start with their document: a new one starts with the new setting.
        window.files()->sessionJournal().setSnapshotEvery(std::atoi(argv[2]));
        window.setDocument(std::move(*signe::core::Document::create(400, 300)));
    }
    window.resize(900, 700);
    window.show();
    window.setPreset(window.presets().indexOf(argv[1]));
    signe::app::CanvasWidget* canvas = window.canvas();
    quint64 ms = 1000;
    for (int i = 0;; ++i) {
        window.setBrushColor(QColor::fromHsv((i * 47) % 360, 200, 220));
        const QPointF from(100 + 20 * (i % 9), 80 + 30 * (i % 5));
        const QPointF to(from.x() + 300, from.y() + 150 - 60 * (i % 3));
        send(canvas, QEvent::MouseButtonPress, from, Qt::LeftButton, ms);
        for (int s = 1; s <= 24; ++s)
            send(canvas, QEvent::MouseMove, from + (to - from) * (s / 24.0), Qt::LeftButton,
                 ms += 8);
        send(canvas, QEvent::MouseButtonRelease, to, Qt::NoButton, ms += 8);
        std::printf("painted %d %016llx\n", i + 1,
                    static_cast<unsigned long long>(signe::test::layerHash(*window.document())));
        std::fflush(stdout);
        std::string line;
        if (!std::getline(std::cin, line)) return 0;
    }
}
