// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QDialog>

#include "core/document.h"
#include "core/light.h"

class QSlider;

namespace signe::app {

/// Sets how the document's impasto is lit: where the light comes from, how high, how strong,
/// the wet shine and how steep the relief looks. The canvas previews every change; OK makes
/// it one undoable step ("Light"), Cancel puts the light back as it was.
class LightDialog : public QDialog {
    Q_OBJECT
public:
    LightDialog(core::Document& doc, QWidget* parent = nullptr);

    /// The light the sliders describe now.
    core::Light chosenLight() const;
    QSlider* azimuthSlider() const { return m_azimuth; }
    QSlider* elevationSlider() const { return m_elevation; }
    QSlider* strengthSlider() const { return m_strength; }
    QSlider* shineSlider() const { return m_shine; }
    QSlider* reliefSlider() const { return m_relief; }

    void accept() override;
    void reject() override;

private:
    void preview();

    core::Document& m_doc;
    const core::Light m_original;
    QSlider* m_azimuth = nullptr;
    QSlider* m_elevation = nullptr;
    QSlider* m_strength = nullptr;
    QSlider* m_shine = nullptr;
    QSlider* m_relief = nullptr;
};

}  // namespace signe::app
