// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// SIGNE_HOT_CLONES before a hot per-pixel function makes GCC build it several times (AVX-512,
// AVX2 + FMA, and the plain x86-64 baseline) and pick the best one for the processor at load
// time. What the README builds must run on any x86-64, so no -march flag is ever set globally.
// Files using it are compiled with -ffp-contract=off (core/CMakeLists.txt): fused multiply-adds
// would round differently on different processors, and pixels must not depend on the machine.
#if defined(__GNUC__) && !defined(__clang__) && defined(__x86_64__) && defined(__ELF__)
#define SIGNE_HOT_CLONES \
    __attribute__((target_clones("arch=x86-64-v4", "arch=x86-64-v3", "default")))
#else
#define SIGNE_HOT_CLONES
#endif
