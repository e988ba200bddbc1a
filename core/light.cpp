// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/light.h"

#include <cmath>
#include <sstream>
#include <string>

namespace signe::core {

namespace {
std::string number(float v)
{
    std::ostringstream out;
    out << v;  // "45", "0.5": shortest form a person reads
    return out.str();
}
}  // namespace

Result<void> validateLight(const Light& light)
{
    struct Field {
        const char* name;
        float value, lo, hi;
        const char* unit;
    };
    const Field fields[] = {
        {"elevation", light.elevation, Light::kMinElevation, 90.0f, " degrees"},
        {"strength", light.strength, 0.0f, 1.0f, ""},
        {"shine", light.shine, 0.0f, 1.0f, ""},
        {"shininess", light.shininess, 1.0f, Light::kMaxShininess, ""},
        {"relief", light.relief, 0.0f, Light::kMaxRelief, " pixels"},
    };
    if (!std::isfinite(light.azimuth))
        return fail(ErrorCode::InvalidArgument,
                    "light azimuth " + number(light.azimuth) + " is not a number");
    for (const Field& f : fields) {
        if (!(f.value >= f.lo && f.value <= f.hi))  // NaN fails too
            return fail(ErrorCode::InvalidArgument,
                        std::string("light ") + f.name + " " + number(f.value) +
                            " is out of range: it must be " + number(f.lo) + " to " + number(f.hi) +
                            f.unit);
    }
    return {};
}

}  // namespace signe::core
