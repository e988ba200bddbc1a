// SPDX-License-Identifier: GPL-3.0-or-later
// OpenRaster save and load: seconds and peak resident memory of a large painted document.
//
// Issue #5: "a 4096x4096 document with 10 fully painted layers (about 415 MB as .ora)"; convert
// (load + save) in at most half Krita's time. A plain program, not Google Benchmark: each
// figure comes from a fresh child process, so that its peak memory (VmHWM from
// /proc/self/status, Linux only) is that phase's alone and no freed heap of an earlier phase
// hides or inflates it.
//
//     signe_ora_bench                            # 4096 px, 10 layers, 1 and 2 threads, 3 runs
//     signe_ora_bench --side 1024 --runs 1       # quicker
//     signe_ora_bench --write-fixture big.ora    # the document alone, for signe-cli / Krita
//     signe_ora_bench --phase load --in big.ora --threads 2    # one measurement, one line
//
// Phases (each in its own process):
//   save     build the document in memory, then time saveOpenRaster. Peak = document + save.
//   load     time loadOpenRaster of the fixture. Peak = the loaded document + the load.
//   convert  load then save, timed together: what `signe-cli convert IN.ora OUT.ora` does.
//
//     signe_ora_bench --codec-matrix 1 --side 1024
// encodes two layers (one opaque, one with varying alpha) with each PNG row filter, zlib level
// and strategy, and prints time and size: how the writer's settings were chosen.
// Every phase also prints the resident set before the timed work, so the cost of the work
// itself is peak - before; its CPU time (getrusage: on a shared machine the wall clock also
// measures everyone else); and the CPU time of its busiest thread (/proc/self/task), the
// wall time it would need on idle cores: with two threads, how well the work is shared.

#include <sys/resource.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <map>
#include <sstream>
#include <string>
#include <vector>

#include "core/document.h"
#include "core/io/openraster.h"
#include "core/io/ora_pixels.h"
#include "core/io/png_codec.h"
#include "core/io/png_encoder.h"

namespace signe::core {
namespace {

namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;
constexpr double kMB = 1e6;

struct Options {
    int side = 4096;
    int layers = 10;
    int runs = 3;
    int compression = -1;  // -1: OraSaveOptions' default
    std::vector<int> threads = {1, 2};
    int codecMatrix = 0;
    std::string phase;  // empty: drive the child processes
    std::string in, out, dir, fixture;
};

/// A /proc/self/status figure in bytes (VmRSS, VmHWM), or -1.
double statusBytes(const char* key)
{
    std::ifstream status("/proc/self/status");
    std::string line;
    const std::string prefix = std::string(key) + ":";
    while (std::getline(status, line))
        if (line.rfind(prefix, 0) == 0) return std::stod(line.substr(prefix.size())) * 1024.0;
    return -1;
}

/// CPU seconds (user + system) of all this process's threads so far. On a shared machine the
/// wall clock measures the other users too; CPU time is the work itself.
double cpuSeconds()
{
    rusage u{};
    getrusage(RUSAGE_SELF, &u);
    return double(u.ru_utime.tv_sec + u.ru_stime.tv_sec) +
           double(u.ru_utime.tv_usec + u.ru_stime.tv_usec) * 1e-6;
}

/// CPU seconds of each of this process's threads by thread id (/proc/self/task/*/stat).
std::map<int, double> threadCpuSeconds()
{
    std::map<int, double> out;
    const double tick = double(sysconf(_SC_CLK_TCK));
    std::error_code ec;
    for (const auto& entry : fs::directory_iterator("/proc/self/task", ec)) {
        std::ifstream stat(entry.path() / "stat");
        std::string text((std::istreambuf_iterator<char>(stat)), std::istreambuf_iterator<char>());
        // Fields after the command name (which is in parentheses and may hold spaces): state is
        // field 3, utime 14, stime 15.
        const auto close = text.rfind(')');
        if (close == std::string::npos) continue;
        std::istringstream rest(text.substr(close + 2));
        std::string field;
        double utime = 0, stime = 0;
        for (int f = 3; f <= 15 && rest >> field; ++f) {
            if (f == 14) utime = std::stod(field);
            if (f == 15) stime = std::stod(field);
        }
        out[std::stoi(entry.path().filename().string())] = (utime + stime) / tick;
    }
    return out;
}

/// The most CPU time any one thread spent since `before`: with as many idle cores as threads,
/// the phase could not take less wall time than this (its critical path, give or take waits).
double busiestThread(const std::map<int, double>& before)
{
    double most = 0;
    for (const auto& [tid, seconds] : threadCpuSeconds()) {
        const auto it = before.find(tid);
        most = std::max(most, seconds - (it == before.end() ? 0.0 : it->second));
    }
    return most;
}

/// splitmix64: small, fast and the same everywhere, so every run paints the same document.
struct Random {
    std::uint64_t state;
    std::uint64_t next()
    {
        std::uint64_t z = (state += 0x9E3779B97F4A7C15ull);
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
        return z ^ (z >> 31);
    }
};

/// Paints layer `index` over the whole canvas: smooth gradients (what a wash or a blended
/// field is), a coarse grain that changes every few pixels (canvas texture, bristles) and fine
/// per-pixel noise in the low bits (what 16-bit paint mixing leaves). Alpha is opaque on
/// every other layer and a noisy gradient (glazes) on the rest. Tuned so the file is about
/// the 415 MB at 4096 px with the writer as it was (zlib level 6).
void paintLayer(Layer& layer, int index, int side)
{
    Random rng{0x5149'4e45ull * std::uint64_t(index + 1)};
    std::vector<Pixel16> strip(std::size_t(side) * kTileSize);
    // The grain: a value per 4x4 block, drawn for a row of blocks at a time.
    std::vector<std::int32_t> grain(std::size_t(side / 4 + 1) * 4);
    const double fx = 0.7 + 0.13 * index, fy = 1.1 - 0.07 * index;
    for (int y0 = 0; y0 < side; y0 += kTileSize) {
        const int rows = std::min(kTileSize, side - y0);
        for (int r = 0; r < rows; ++r) {
            const int y = y0 + r;
            if (y % 4 == 0)
                for (auto& g : grain) g = std::int32_t(rng.next() % 256) - 128;
            for (int x = 0; x < side; ++x) {
                const double u = double(x) / side, v = double(y) / side;
                const std::uint64_t n = rng.next();
                auto channel = [&](int c, double base) {
                    const std::int32_t fine = std::int32_t((n >> (c * 10)) & 3) - 2;
                    const std::int32_t value = std::int32_t(base * 60000.0) + 2000 +
                                               grain[std::size_t(x / 4) * 4 + c] + fine;
                    return std::uint32_t(std::clamp(value, 0, 65535));
                };
                const std::uint32_t sr = channel(0, 0.5 + 0.5 * u * fx * (1 - v));
                const std::uint32_t sg = channel(1, 0.3 + 0.6 * v * fy * u);
                const std::uint32_t sb = channel(2, 0.2 + 0.7 * (1 - u) * v);
                const std::uint32_t a =
                    index % 2 == 0 ? 65535u
                                   : std::min<std::uint32_t>(channel(3, 0.3 + 0.6 * u), 65535u);
                auto pre = [a](std::uint32_t s) {
                    return std::uint16_t((s * a + 32767u) / 65535u);
                };
                strip[std::size_t(r) * std::size_t(side) + std::size_t(x)] = {
                    pre(sr), pre(sg), pre(sb), std::uint16_t(a)};
            }
        }
        layer.tiles().writeRect({0, y0, side, rows}, strip.data(), side);
    }
}

std::unique_ptr<Document> buildDocument(const Options& o)
{
    auto doc = Document::createEmpty(o.side, o.side, {65535, 65535, 65535, 65535}, 300.0).value();
    static constexpr BlendMode kModes[] = {BlendMode::Normal, BlendMode::Multiply,
                                           BlendMode::Normal, BlendMode::Screen,
                                           BlendMode::Overlay};
    for (int i = 0; i < o.layers; ++i) {
        LayerProperties p;
        p.name = "Paint " + std::to_string(i + 1);
        p.blendMode = kModes[i % 5];
        p.opacity = i == 0 ? 1.0f : 0.6f + 0.04f * float(i);
        auto layer = std::make_shared<Layer>(doc->allocateId(), LayerKind::Paint, p);
        paintLayer(*layer, i, o.side);
        doc->insertNode(kNoLayer, -1, std::move(layer));
    }
    return doc;
}

OraSaveOptions saveOptions(const Options& o, int threads)
{
    OraSaveOptions s;
    s.threads = threads;
    if (o.compression >= 0) s.compression = o.compression;
    return s;
}

[[noreturn]] void die(const std::string& message)
{
    std::fprintf(stderr, "signe_ora_bench: %s\n", message.c_str());
    std::exit(2);
}

/// One phase in this process; prints
/// "RESULT <phase> <threads> <seconds> <hwm> <before> <bytes> <cpu s> <busiest thread cpu s>".
int runPhase(const Options& o)
{
    const int threads = o.threads.front();
    std::unique_ptr<Document> doc;
    if (o.phase == "save") doc = buildDocument(o);
    const double before = statusBytes("VmRSS");
    const double cpu0 = cpuSeconds();
    const auto threads0 = threadCpuSeconds();
    const auto t0 = Clock::now();
    if (o.phase == "load" || o.phase == "convert") {
        OraLoadOptions l;
        l.threads = threads;
        auto loaded = loadOpenRaster(o.in, l);
        if (!loaded) die(loaded.error().message);
        doc = std::move(loaded->document);
    }
    if (o.phase == "save" || o.phase == "convert") {
        if (auto ok = saveOpenRaster(*doc, o.out, saveOptions(o, threads)); !ok)
            die(ok.error().message);
    }
    const double seconds = std::chrono::duration<double>(Clock::now() - t0).count();
    const double cpu = cpuSeconds() - cpu0;
    const double busiest = busiestThread(threads0);
    const double hwm = statusBytes("VmHWM");
    std::error_code ec;
    const auto bytes = o.phase == "load" ? 0 : fs::file_size(o.out, ec);
    std::printf("RESULT %s %d %.3f %.0f %.0f %llu %.3f %.3f\n", o.phase.c_str(), threads, seconds,
                hwm, before, static_cast<unsigned long long>(bytes), cpu, busiest);
    return 0;
}

struct Figure {
    double seconds, hwm, before, bytes, cpu, busiest;
};

/// Runs this program again for one phase and reads its RESULT line.
Figure child(const Options& o, const std::string& phase, int threads, const std::string& in,
             const std::string& out)
{
    char exe[4096];
    const ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
    if (n <= 0) die("cannot find this program (/proc/self/exe)");
    exe[n] = 0;
    std::string cmd = "'" + std::string(exe) + "' --phase " + phase + " --threads " +
                      std::to_string(threads) + " --side " + std::to_string(o.side) + " --layers " +
                      std::to_string(o.layers) + " --compression " + std::to_string(o.compression);
    if (!in.empty()) cmd += " --in '" + in + "'";
    if (!out.empty()) cmd += " --out '" + out + "'";
    FILE* pipe = popen(cmd.c_str(), "r");
    if (!pipe) die("cannot run " + cmd);
    char line[512];
    Figure f{-1, -1, -1, -1, -1, -1};
    while (std::fgets(line, sizeof line, pipe)) {
        char name[32];
        int t = 0;
        unsigned long long bytes = 0;
        if (std::sscanf(line, "RESULT %31s %d %lf %lf %lf %llu %lf %lf", name, &t, &f.seconds,
                        &f.hwm, &f.before, &bytes, &f.cpu, &f.busiest) == 8)
            f.bytes = double(bytes);
    }
    if (pclose(pipe) != 0 || f.seconds < 0) die("child failed: " + cmd);
    return f;
}

int drive(const Options& o)
{
    const fs::path dir =
        o.dir.empty() ? fs::temp_directory_path() / ("signe-ora-bench-" + std::to_string(getpid()))
                      : fs::path(o.dir);
    fs::create_directories(dir);
    const std::string fixture = (dir / "fixture.ora").string();
    std::printf(
        "%dx%d, %d painted layers, %d run(s) each; MB = 10^6 bytes\n"
        "cpu s: user + system time of the median run (the work, whatever else runs);\n"
        "busiest s: CPU time of its busiest thread, the least wall time it could take "
        "on idle cores\n",
        o.side, o.side, o.layers, o.runs);
    // The fixture every load reads: saved once by this build, with two threads.
    const Figure first = child(o, "save", 2, "", fixture);
    std::printf("fixture: %s, %.1f MB\n\n", fixture.c_str(), first.bytes / kMB);
    std::printf("%-8s %7s %9s %9s %9s %9s %9s %9s %10s\n", "phase", "threads", "best s", "median s",
                "cpu s", "busiest s", "peak MB", "before MB", "file MB");
    for (const char* phase : {"save", "load", "convert"}) {
        for (int threads : o.threads) {
            std::vector<Figure> runs;
            for (int r = 0; r < o.runs; ++r) {
                const std::string out =
                    (dir / ("out-" + std::to_string(threads) + ".ora")).string();
                runs.push_back(child(o, phase, threads, std::string(phase) == "save" ? "" : fixture,
                                     std::string(phase) == "load" ? "" : out));
            }
            std::sort(runs.begin(), runs.end(),
                      [](const Figure& a, const Figure& b) { return a.seconds < b.seconds; });
            double peak = 0;
            for (const Figure& f : runs) peak = std::max(peak, f.hwm);
            const Figure& median = runs[runs.size() / 2];
            std::printf("%-8s %7d %9.2f %9.2f %9.2f %9.2f %9.0f %9.0f %10.1f\n", phase, threads,
                        runs.front().seconds, median.seconds, median.cpu, median.busiest,
                        peak / kMB, median.before / kMB, median.bytes / kMB);
            std::fflush(stdout);
        }
    }
    if (o.dir.empty()) fs::remove_all(dir);
    return 0;
}

/// Encodes layers 0 (opaque) and 1 (glaze) of the document with every filter, level and
/// strategy in turn, on one thread: seconds and MB for the two together.
int codecMatrix(const Options& o)
{
    Options two = o;
    two.layers = 2;
    const auto doc = buildDocument(two);
    const int side = o.side;
    std::vector<Pixel16> strip(std::size_t(side) * kTileSize);
    const char* filters[] = {"none", "sub", "up", "average", "paeth", "adaptive"};
    const char* strategies[] = {"default", "filtered", "huffman", "rle"};
    std::printf("%-9s %-9s %5s %9s %9s\n", "filter", "strategy", "level", "seconds", "MB");
    // libpng's default (adaptive filters, zlib level 6: what OpenImageIO wrote) first, then
    // the candidates worth comparing.
    static constexpr int kCombos[][3] = {{5, 0, 6}, {5, 0, 1}, {1, 0, 1}, {1, 0, 3}, {2, 0, 1},
                                         {4, 0, 1}, {1, 3, 1}, {2, 3, 1}, {4, 3, 1}, {5, 3, 1},
                                         {4, 2, 1}, {4, 1, 6}, {0, 3, 1}};
    for (const auto& combo : kCombos) {
        const int f = combo[0], st = combo[1], level = combo[2];
        double bytes = 0;
        const auto t0 = Clock::now();
        for (const auto& layer : doc->root().children()) {
            ora::PngEncoding e{4, 16, true, level, ora::PngFilter(f), ora::PngDeflate(st)};
            auto png = ora::encodePng(
                side, side, e, kTileSize,
                [&](int y, int rows, void* out) {
                    layer->tiles().readRect({0, y, side, rows}, strip.data(), side);
                    ora::unpremultiplyRow16(strip.data(), static_cast<std::uint16_t*>(out),
                                            std::size_t(side) * std::size_t(rows));
                },
                "matrix");
            if (!png) die(png.error().message);
            bytes += double(png->size());
        }
        const double seconds = std::chrono::duration<double>(Clock::now() - t0).count();
        std::printf("%-9s %-9s %5d %9.3f %9.2f\n", filters[f], strategies[st], level, seconds,
                    bytes / kMB);
        std::fflush(stdout);
    }
    return 0;
}

std::vector<int> parseList(const std::string& text)
{
    std::vector<int> out;
    std::size_t start = 0;
    while (start <= text.size()) {
        const std::size_t end = std::min(text.find(',', start), text.size());
        out.push_back(std::atoi(text.substr(start, end - start).c_str()));
        start = end + 1;
    }
    return out;
}

int run(int argc, char** argv)
{
    Options o;
    std::map<std::string, std::string*> text = {{"--phase", &o.phase},
                                                {"--in", &o.in},
                                                {"--out", &o.out},
                                                {"--dir", &o.dir},
                                                {"--write-fixture", &o.fixture}};
    std::map<std::string, int*> numbers = {{"--side", &o.side},
                                           {"--layers", &o.layers},
                                           {"--runs", &o.runs},
                                           {"--compression", &o.compression},
                                           {"--codec-matrix", &o.codecMatrix}};
    for (int i = 1; i < argc; ++i) {
        const std::string arg = argv[i];
        if (i + 1 >= argc) die("missing value after " + arg);
        const std::string value = argv[++i];
        if (auto t = text.find(arg); t != text.end())
            *t->second = value;
        else if (auto n = numbers.find(arg); n != numbers.end())
            *n->second = std::atoi(value.c_str());
        else if (arg == "--threads")
            o.threads = parseList(value);
        else
            die("unknown option " + arg +
                " (--side --layers --runs --threads --compression --dir --write-fixture)");
    }
    if (o.side < 1 || o.layers < 1 || o.runs < 1 || o.threads.empty())
        die("--side, --layers, --runs must be positive");
    if (!o.fixture.empty()) {
        auto doc = buildDocument(o);
        if (auto ok = saveOpenRaster(*doc, o.fixture, saveOptions(o, 0)); !ok)
            die(ok.error().message);
        std::printf("wrote %s (%.1f MB)\n", o.fixture.c_str(),
                    double(fs::file_size(o.fixture)) / kMB);
        return 0;
    }
    if (o.codecMatrix) return codecMatrix(o);
    if (!o.phase.empty()) return runPhase(o);
    return drive(o);
}

}  // namespace
}  // namespace signe::core

int main(int argc, char** argv)
{
    return signe::core::run(argc, argv);
}
