// SPDX-License-Identifier: GPL-3.0-or-later
// Files the core tests write and read back.
#pragma once

#include <OpenImageIO/imageio.h>
#include <gtest/gtest.h>

#include <filesystem>
#include <string>
#include <vector>

namespace signe::test {

/// A fresh folder for the running test: `prefix`, the run's random seed and the test's name.
inline std::filesystem::path tempDir(const std::string& prefix)
{
    const auto* unit = ::testing::UnitTest::GetInstance();
    const std::filesystem::path dir =
        std::filesystem::temp_directory_path() /
        (prefix + std::to_string(unit->random_seed()) + "-" + unit->current_test_info()->name());
    std::filesystem::create_directories(dir);
    return dir;
}

/// Every channel of an image file as `type`, with the file's own straight alpha rather than
/// OpenImageIO's premultiplied view of it; `spec` says what was read. Empty if unreadable.
template <class T>
std::vector<T> readPixels(const std::filesystem::path& path, OIIO::TypeDesc type,
                          OIIO::ImageSpec& spec)
{
    OIIO::ImageSpec config;
    config.attribute("oiio:UnassociatedAlpha", 1);
    auto in = OIIO::ImageInput::open(path.string(), &config);
    EXPECT_TRUE(in) << path;
    if (!in) return {};
    spec = in->spec();
    std::vector<T> px(std::size_t(spec.width) * std::size_t(spec.height) *
                      std::size_t(spec.nchannels));
    in->read_image(0, 0, 0, spec.nchannels, type, px.data());
    return px;
}

}  // namespace signe::test
