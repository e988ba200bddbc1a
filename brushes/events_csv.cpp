// SPDX-License-Identifier: GPL-3.0-or-later
#include "brushes/events_csv.h"

#include <algorithm>

#include <array>
#include <charconv>
#include <cmath>
#include <cstdlib>
#include <fstream>
#include <istream>
#include <optional>
#include <ostream>
#include <string>
#include <string_view>
#include <system_error>

namespace signe::brushes {

namespace {

enum class Column { T, X, Y, Pressure, XTilt, YTilt, Rotation, Other };
constexpr std::array<std::string_view, 7> kColumnNames = {"t",     "x",     "y",       "pressure",
                                                          "xtilt", "ytilt", "rotation"};

std::string_view trim(std::string_view s)
{
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r'))
        s.remove_suffix(1);
    return s;
}

bool isBlank(std::string_view s)
{
    return trim(s).empty();
}

/// Calls `field(text)` for each comma-separated field; returns the number of fields.
template <class F>
std::size_t forEachField(std::string_view line, F&& field)
{
    std::size_t count = 0;
    for (;;) {
        const std::size_t comma = line.find(',');
        field(count++, trim(line.substr(0, comma)));
        if (comma == std::string_view::npos) return count;
        line.remove_prefix(comma + 1);
    }
}

/// The whole of `text` as a number, or nothing (from_chars takes no '+', people write it).
std::optional<double> parseNumber(std::string_view text)
{
    if (text.size() > 1 && text.front() == '+' && text[1] != '-') text.remove_prefix(1);
    double value = 0;
    const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (end != text.data() + text.size()) return std::nullopt;
    if (ec == std::errc::result_out_of_range) {
        // from_chars leaves the value alone here; strtod tells 1e999 (inf) from 1e-999 (0).
        return std::strtod(std::string(text).c_str(), nullptr);
    }
    if (ec != std::errc()) return std::nullopt;
    return value;
}

/// Keeps messages short when a field is huge: the reader only needs to recognise the value.
std::string quote(std::string_view text)
{
    constexpr std::size_t kShown = 40;
    if (text.size() <= kShown) return "'" + std::string(text) + "'";
    return "'" + std::string(text.substr(0, kShown)) + "...'";
}

std::string lineLabel(std::size_t line)
{
    return "line " + std::to_string(line) + ": ";
}

core::Error corruptError(std::size_t line, const std::string& what)
{
    return core::Error{core::ErrorCode::Corrupt, lineLabel(line) + what};
}

tl::unexpected<core::Error> corrupt(std::size_t line, const std::string& what)
{
    return tl::unexpected(corruptError(line, what));
}

/// The shortest text that reads back as `value`, held in `buffer`: a written file reads back to
/// the very same values.
template <class T>
std::string_view toChars(T value, std::array<char, 64>& buffer)
{
    const auto [end, ec] = std::to_chars(buffer.data(), buffer.data() + buffer.size(), value);
    return std::string_view(buffer.data(), std::size_t(end - buffer.data()));
}

std::string formatNumber(double value)
{
    std::array<char, 64> buffer;
    return std::string(toChars(value, buffer));
}

struct Header {
    std::vector<Column> columns;
};

core::Result<Header> parseHeader(std::string_view line, std::size_t lineNo)
{
    Header header;
    std::array<bool, kColumnNames.size()> seen{};
    std::optional<std::string> duplicate;
    bool numeric = false;
    forEachField(line, [&](std::size_t index, std::string_view name) {
        if (index == 0 && parseNumber(name)) numeric = true;
        std::string lower(name);
        for (char& c : lower)
            if (c >= 'A' && c <= 'Z') c = char(c - 'A' + 'a');
        Column column = Column::Other;
        for (std::size_t i = 0; i < kColumnNames.size(); ++i)
            if (lower == kColumnNames[i]) column = Column(i);
        if (column != Column::Other) {
            if (seen[std::size_t(column)] && !duplicate) duplicate = lower;
            seen[std::size_t(column)] = true;
        }
        header.columns.push_back(column);
    });
    if (numeric)
        return corrupt(lineNo,
                       "no header: expected column names such as "
                       "t,x,y,pressure,xtilt,ytilt, got " +
                           quote(trim(line)));
    if (duplicate) return corrupt(lineNo, "column '" + *duplicate + "' appears twice");
    for (Column required : {Column::T, Column::X, Column::Y})
        if (!seen[std::size_t(required)])
            return corrupt(lineNo, "the header " + quote(trim(line)) + " lacks the column '" +
                                       std::string(kColumnNames[std::size_t(required)]) + "'");
    return header;
}

/// Parses one data row into `event`, checking every value; `previousT` is the time of the
/// stroke's previous event, if any.
std::optional<core::Error> parseRow(std::string_view line, std::size_t lineNo, const Header& header,
                                    std::optional<double> previousT, InputEvent& event)
{
    event = InputEvent{};
    std::optional<std::string> problem;
    std::string_view tText;
    const std::size_t count = forEachField(line, [&](std::size_t index, std::string_view text) {
        if (problem || index >= header.columns.size()) return;
        const Column column = header.columns[index];
        if (column == Column::Other) return;  // extra columns are not ours to judge
        const std::string name(kColumnNames[std::size_t(column)]);
        const std::optional<double> number = parseNumber(text);
        if (!number) {
            problem = name + " " + quote(text) + " is not a number";
            return;
        }
        const double v = *number;
        // Channels stored as float must be finite as floats too (1e40 is not).
        const bool isFloat = column != Column::T && column != Column::X && column != Column::Y;
        if (!std::isfinite(v) || (isFloat && !std::isfinite(float(v)))) {
            problem = name + " " + quote(text) + " is not a finite number";
            return;
        }
        switch (column) {
            case Column::T:
                event.t = v;
                tText = text;
                break;
            case Column::X:
            case Column::Y:
                if (std::abs(v) > kMaxCsvCoordinate) {
                    problem = name + " " + quote(text) + " is outside -1e7..1e7 canvas pixels";
                    return;
                }
                (column == Column::X ? event.x : event.y) = v;
                break;
            // Devices and converters overshoot a little; the range is the engine's contract,
            // so out-of-range pressure and tilt are clamped rather than refused.
            case Column::Pressure:
                event.pressure = float(std::clamp(v, 0.0, 1.0));
                break;
            case Column::XTilt:
            case Column::YTilt:
                (column == Column::XTilt ? event.xtilt : event.ytilt) =
                    float(std::clamp(v, -1.0, 1.0));
                break;
            case Column::Rotation:
                event.rotation = float(v);
                break;
            case Column::Other:
                break;
        }
    });
    if (count != header.columns.size())
        return corruptError(lineNo, std::to_string(count) + " fields where the header has " +
                                        std::to_string(header.columns.size()) + ": " +
                                        quote(trim(line)));
    if (problem) return corruptError(lineNo, *problem);
    if (previousT && event.t < *previousT)
        return corruptError(lineNo, "t " + quote(tText) +
                                        " goes back in time within the stroke (the previous "
                                        "event is at " +
                                        formatNumber(*previousT) +
                                        "; a blank line starts a new stroke)");
    return std::nullopt;
}

}  // namespace

core::Result<EventStrokes> readEventsCsv(std::istream& in, std::size_t maxEvents)
{
    // istream::getline into a fixed buffer bounds the memory a line without '\n' can take.
    std::string buffer(kMaxCsvLineLength + 1, '\0');
    std::optional<Header> header;
    EventStrokes strokes;
    bool inStroke = false;
    std::size_t events = 0;
    for (std::size_t lineNo = 1;; ++lineNo) {
        in.getline(buffer.data(), std::streamsize(buffer.size()));
        if (in.bad()) return core::fail(core::ErrorCode::IoError, lineLabel(lineNo) + "read error");
        const std::streamsize got = in.gcount();
        if (in.fail()) {
            if (in.eof() && got == 0) break;
            return corrupt(lineNo, "longer than " + std::to_string(kMaxCsvLineLength) + " bytes");
        }
        // gcount counts the '\n' that getline consumed but did not store.
        std::string_view line(buffer.data(), std::size_t(got) - (in.eof() ? 0 : 1));
        if (lineNo == 1 && line.starts_with("\xEF\xBB\xBF")) line.remove_prefix(3);

        if (!header) {
            if (isBlank(line)) continue;
            auto parsed = parseHeader(line, lineNo);
            if (!parsed) return tl::unexpected(parsed.error());
            header = std::move(*parsed);
        } else if (isBlank(line)) {
            inStroke = false;
        } else {
            if (events >= maxEvents)
                return corrupt(lineNo,
                               "more than " + std::to_string(maxEvents) + " events in the file");
            std::optional<double> previousT;
            if (inStroke) previousT = strokes.back().back().t;
            InputEvent event;
            if (auto error = parseRow(line, lineNo, *header, previousT, event))
                return tl::unexpected(std::move(*error));
            if (!inStroke) strokes.emplace_back();
            strokes.back().push_back(event);
            inStroke = true;
            ++events;
        }
        if (in.eof()) break;
    }
    if (!header)
        return core::fail(
            core::ErrorCode::Corrupt,
            "empty events file: expected a header such as t,x,y,pressure,xtilt,ytilt");
    return strokes;
}

core::Result<EventStrokes> readEventsCsvFile(const std::filesystem::path& path)
{
    std::error_code ec;
    if (!std::filesystem::exists(path, ec))
        return core::fail(core::ErrorCode::NotFound, path.string() + ": no such file");
    std::ifstream in(path, std::ios::binary);
    if (!in) return core::fail(core::ErrorCode::IoError, path.string() + ": cannot be opened");
    auto strokes = readEventsCsv(in);
    if (!strokes) {
        core::Error error = strokes.error();
        const bool hasLine = error.message.starts_with("line ");
        error.message = path.string() + (hasLine ? " " : ": ") + error.message;
        return tl::unexpected(std::move(error));
    }
    return strokes;
}

void writeEventsCsv(std::ostream& out, const EventStrokes& strokes)
{
    out << "t,x,y,pressure,xtilt,ytilt,rotation\n";
    bool first = true;
    for (const auto& stroke : strokes) {
        if (stroke.empty()) continue;
        if (!first) out << '\n';
        first = false;
        for (const InputEvent& e : stroke) {
            std::array<char, 64> buffer;
            auto put = [&](auto value, char after) { out << toChars(value, buffer) << after; };
            put(e.t, ',');
            put(e.x, ',');
            put(e.y, ',');
            put(e.pressure, ',');
            put(e.xtilt, ',');
            put(e.ytilt, ',');
            put(e.rotation, '\n');
        }
    }
}

}  // namespace signe::brushes
