// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QDialog>
#include <QSize>

#include "core/io/image_io.h"
#include "core/io/raster_format.h"

class QCheckBox;
class QComboBox;
class QDoubleSpinBox;
class QLabel;
class QSpinBox;

namespace signe::app {

/// Asks how to export the flattened picture to a file whose format is already chosen (by its
/// extension): bit depth where the format has a choice, quality for JPEG and WebP, a scale,
/// and whether the background colour is included. Only options that apply to the format are
/// set in options(), because core refuses the others.
class ExportDialog : public QDialog {
    Q_OBJECT

public:
    ExportDialog(core::RasterFormat format, const QString& fileName, QSize canvasSize,
                 QWidget* parent = nullptr);

    core::RasterFormat format() const { return m_format; }
    /// The options as set in the dialog (no progress callback, one thread).
    core::ExportOptions options() const;

    QComboBox* depthBox() const { return m_depth; }
    QSpinBox* qualitySpin() const { return m_quality; }
    QDoubleSpinBox* scaleSpin() const { return m_scale; }
    QCheckBox* backgroundCheck() const { return m_background; }

private:
    void updateSizeLabel();

    core::RasterFormat m_format;
    QSize m_canvas;
    QComboBox* m_depth = nullptr;
    QSpinBox* m_quality = nullptr;
    QDoubleSpinBox* m_scale = nullptr;
    QLabel* m_size = nullptr;
    QCheckBox* m_background = nullptr;
};

}  // namespace signe::app
