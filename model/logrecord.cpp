#include "logrecord.h"

#include <array>
#include <cctype>
#include <string>

namespace Spanwise {
namespace {

struct LevelName {
    std::string_view name;
    std::uint8_t number;
};

// Level names across logging libraries (log4j, logback, Python logging, zap, pino, bunyan,
// syslog, .NET), mapped to the first number of their OTLP range.
constexpr std::array levelNames {LevelName {"trace", 1}, LevelName {"finest", 1}, LevelName {"verbose", 1},
    LevelName {"debug", 5}, LevelName {"fine", 5}, LevelName {"dbug", 5}, LevelName {"info", 9},
    LevelName {"information", 9}, LevelName {"notice", 10}, LevelName {"warn", 13}, LevelName {"warning", 13},
    LevelName {"error", 17}, LevelName {"err", 17}, LevelName {"severe", 17}, LevelName {"critical", 21},
    LevelName {"crit", 21}, LevelName {"fatal", 21}, LevelName {"alert", 22}, LevelName {"emergency", 23},
    LevelName {"emerg", 23}, LevelName {"panic", 23}};

} // namespace

std::uint8_t severityNumberOf(std::string_view text)
{
    std::string lower;
    for (const char c : text)
        lower += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    for (const LevelName& level : levelNames)
        if (lower == level.name)
            return level.number;
    return 0;
}

std::string_view severityName(std::uint8_t number)
{
    static constexpr std::array<std::string_view, 6> names {"TRACE", "DEBUG", "INFO", "WARN", "ERROR", "FATAL"};
    if (number == 0 || number > 24)
        return {};
    return names[(number - 1) / 4];
}

} // namespace Spanwise
