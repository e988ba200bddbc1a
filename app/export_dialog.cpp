// SPDX-License-Identifier: GPL-3.0-or-later
#include "app/export_dialog.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QDoubleSpinBox>
#include <QFormLayout>
#include <QLabel>
#include <QPushButton>
#include <QSpinBox>
#include <QVBoxLayout>
#include <cmath>

namespace signe::app {

namespace {

constexpr int kDefaultQuality = 90;  // core's default too

// The depths each format can hold, as (label, value); for OpenEXR the value is 16 (half) or
// 32 (float), mapped to ExrSamples in options().
QList<QPair<QString, int>> depthsFor(core::RasterFormat format)
{
    switch (format) {
        case core::RasterFormat::Png:
            return {{QObject::tr("8 bits a channel"), 8}, {QObject::tr("16 bits a channel"), 16}};
        case core::RasterFormat::Tiff:
            return {{QObject::tr("8 bits a channel"), 8},
                    {QObject::tr("16 bits a channel"), 16},
                    {QObject::tr("32-bit float"), 32}};
        case core::RasterFormat::OpenExr:
            return {{QObject::tr("16-bit half float"), 16}, {QObject::tr("32-bit float"), 32}};
        case core::RasterFormat::Jpeg:
        case core::RasterFormat::WebP:
            break;
    }
    return {{QObject::tr("8 bits a channel"), 8}};
}

bool hasQuality(core::RasterFormat format)
{
    return format == core::RasterFormat::Jpeg || format == core::RasterFormat::WebP;
}

}  // namespace

ExportDialog::ExportDialog(core::RasterFormat format, const QString& fileName, QSize canvasSize,
                           QWidget* parent)
    : QDialog(parent), m_format(format), m_canvas(canvasSize)
{
    setWindowTitle(tr("Export"));
    auto* form = new QFormLayout;

    auto* file = new QLabel(
        tr("%1 (%2)").arg(fileName, QString::fromLatin1(core::rasterFormatName(format))), this);
    file->setTextInteractionFlags(Qt::TextSelectableByMouse);
    form->addRow(tr("File:"), file);

    m_depth = new QComboBox(this);
    m_depth->setObjectName(QStringLiteral("depthBox"));
    for (const auto& [label, bits] : depthsFor(format)) m_depth->addItem(label, bits);
    m_depth->setEnabled(m_depth->count() > 1);
    form->addRow(tr("&Depth:"), m_depth);

    m_quality = new QSpinBox(this);
    m_quality->setObjectName(QStringLiteral("qualitySpin"));
    m_quality->setRange(1, 100);
    m_quality->setValue(kDefaultQuality);
    m_quality->setEnabled(hasQuality(format));
    m_quality->setToolTip(tr("Lossy compression: higher keeps more detail in a larger file"));
    form->addRow(tr("&Quality:"), m_quality);

    m_scale = new QDoubleSpinBox(this);
    m_scale->setObjectName(QStringLiteral("scaleSpin"));
    m_scale->setRange(1.0, 400.0);
    m_scale->setDecimals(1);
    m_scale->setSuffix(QStringLiteral(" %"));
    m_scale->setValue(100.0);
    m_size = new QLabel(this);
    auto* scaleRow = new QHBoxLayout;
    scaleRow->addWidget(m_scale);
    scaleRow->addWidget(m_size, 1);
    // A row holding a layout gets no buddy by itself: without one "&" would show literally.
    auto* scaleLabel = new QLabel(tr("&Scale:"), this);
    scaleLabel->setBuddy(m_scale);
    form->addRow(scaleLabel, scaleRow);
    connect(m_scale, &QDoubleSpinBox::valueChanged, this, &ExportDialog::updateSizeLabel);

    m_background = new QCheckBox(tr("Include the &background colour"), this);
    m_background->setObjectName(QStringLiteral("backgroundCheck"));
    m_background->setChecked(true);
    if (format == core::RasterFormat::Jpeg)
        m_background->setToolTip(
            tr("JPEG has no transparency: without the background, "
               "transparent parts come out white"));
    form->addRow(QString(), m_background);

    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    buttons->button(QDialogButtonBox::Ok)->setText(tr("&Export"));
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

    auto* layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(buttons);
    updateSizeLabel();
}

void ExportDialog::updateSizeLabel()
{
    // Rounded as core rounds it, so the label names the file's real size.
    const double f = m_scale->value() / 100.0;
    const long w = std::max(1L, std::lround(m_canvas.width() * f));
    const long h = std::max(1L, std::lround(m_canvas.height() * f));
    m_size->setText(tr("%1 \u00d7 %2 pixels").arg(w).arg(h));
}

core::ExportOptions ExportDialog::options() const
{
    core::ExportOptions options;
    const int bits = m_depth->currentData().toInt();
    if (m_format == core::RasterFormat::OpenExr)
        options.exrSamples = bits == 32 ? core::ExrSamples::Float : core::ExrSamples::Half;
    else
        options.bitsPerSample = bits;
    if (hasQuality(m_format)) options.quality = m_quality->value();
    options.scale = m_scale->value() / 100.0;
    options.withBackground = m_background->isChecked();
    return options;
}

}  // namespace signe::app
