// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <cstddef>

#include "core/light.h"

namespace signe::core {

/// Shades composited pixels by the relief of a height field, with the document's Light.
///
/// Per pixel, from heights H in canvas pixels (Thickness16 x relief / 65535, summed over the
/// visible layers by accumulateThickness()):
///
///     g = ((H(x+1,y) - H(x-1,y)) / 2, (H(x,y+1) - H(x,y-1)) / 2)    central differences
///     N = normalize(-g.x, -g.y, 1)
///     diffuse  = (ambient + strength * max(0, N.L)) / (ambient + strength * L.z)
///     specular = shine * max(0, max(0, N.Hv)^shininess - Hv.z^shininess)
///     colour'  = colour * diffuse + specular          in linear light, straight colour
///
/// with ambient = 1 - strength, L the unit vector toward the light and Hv = normalize(L + V),
/// V = (0, 0, 1) (the viewer straight over the canvas). Both terms are normalised by the
/// response of a flat surface, so flat paint (g = 0) is left exactly as it was: such pixels are
/// not touched at all, bit for bit. The sRGB conversions and pow() are table and polynomial
/// approximations (well within a 16-bit code), built to vectorise; see the .cpp.
///
/// Thread-safe once built (shade() only reads).
class ImpastoLighting {
public:
    explicit ImpastoLighting(const Light& light);

    /// The two factors for one gradient (heights in pixels per pixel): colour * diffuse +
    /// specular, in linear light.
    struct Response {
        float diffuse = 1.0f;
        float specular = 0.0f;
    };
    Response response(float gx, float gy) const;

    /// Lights `w` x `h` premultiplied RGBA float pixels (sRGB-encoded, 0..1), `rgbaStride`
    /// pixels a row, in place. `height` points at the height of pixel (0, 0) of a field with
    /// `heightStride` floats a row and a border of one sample all round (height[-stride - 1]
    /// is the corner), so the first and last rows and columns read their neighbours' heights.
    /// Transparent pixels stay transparent; the highlight is scaled by alpha like the colour.
    void shade(const float* height, std::ptrdiff_t heightStride, float* rgba,
               std::ptrdiff_t rgbaStride, int w, int h) const;

private:
    float m_lx, m_ly, m_lz;  // toward the light
    float m_hx, m_hy, m_hz;  // Blinn-Phong half vector
    float m_ambient, m_strength, m_invFlatDiffuse;
    float m_shine, m_shininess, m_flatSpecular;
};

}  // namespace signe::core
