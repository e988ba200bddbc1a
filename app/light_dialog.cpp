// SPDX-License-Identifier: GPL-3.0-or-later
#include "app/light_dialog.h"

#include <QDialogButtonBox>
#include <QFormLayout>
#include <QSlider>
#include <QVBoxLayout>

#include <cmath>

namespace signe::app {

namespace {

QSlider* slider(int min, int max, int value, QWidget* parent)
{
    auto* s = new QSlider(Qt::Horizontal, parent);
    s->setRange(min, max);
    s->setValue(value);
    return s;
}

int percent(float v)
{
    return int(std::lround(v * 100.0f));
}

}  // namespace

LightDialog::LightDialog(core::Document& doc, QWidget* parent)
    : QDialog(parent), m_doc(doc), m_original(doc.light())
{
    setWindowTitle(tr("Light"));
    // Sliders in whole degrees, percent and pixels: finer than a painter can see.
    m_azimuth = slider(0, 359, int(std::lround(m_original.azimuth)) % 360, this);
    m_elevation = slider(int(core::Light::kMinElevation), 90, int(std::lround(m_original.elevation)), this);
    m_strength = slider(0, 100, percent(m_original.strength), this);
    m_shine = slider(0, 100, percent(m_original.shine), this);
    m_relief = slider(0, 64, int(std::lround(m_original.relief)), this);

    auto* form = new QFormLayout;
    form->addRow(tr("Direction (degrees from the top)"), m_azimuth);
    form->addRow(tr("Height above the canvas"), m_elevation);
    form->addRow(tr("Strength"), m_strength);
    form->addRow(tr("Wet shine"), m_shine);
    form->addRow(tr("Relief (px per layer of paint)"), m_relief);
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    connect(buttons, &QDialogButtonBox::accepted, this, &LightDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &LightDialog::reject);
    auto* layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(buttons);

    for (QSlider* s : {m_azimuth, m_elevation, m_strength, m_shine, m_relief})
        connect(s, &QSlider::valueChanged, this, &LightDialog::preview);
}

core::Light LightDialog::chosenLight() const
{
    core::Light light = m_original;
    light.azimuth = float(m_azimuth->value());
    light.elevation = float(m_elevation->value());
    light.strength = float(m_strength->value()) / 100.0f;
    light.shine = float(m_shine->value()) / 100.0f;
    light.relief = float(m_relief->value());
    return light;
}

void LightDialog::preview()
{
    // Shown at once but not recorded: a drag would otherwise leave a step per pixel.
    m_doc.setLightDirect(chosenLight());
}

void LightDialog::accept()
{
    const core::Light chosen = chosenLight();
    m_doc.setLightDirect(m_original);  // so that the one recorded step goes from the original
    if (!(chosen == m_original)) (void)m_doc.setLight(chosen);
    QDialog::accept();
}

void LightDialog::reject()
{
    m_doc.setLightDirect(m_original);
    QDialog::reject();
}

}  // namespace signe::app
