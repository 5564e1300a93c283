#pragma once

#include <cstdint>
#include <string>
#include <variant>
#include <vector>

namespace Spanwise::TraceGen {

using TagValue = std::variant<std::string, std::int64_t, double, bool>;

struct Tag {
    std::string key;
    TagValue value;
};

struct GeneratedLog {
    std::int64_t timeNs = 0;
    std::vector<Tag> fields;
};

struct GeneratedSpan {
    std::uint64_t spanId = 0;
    std::uint64_t parentId = 0;                        // 0: root
    std::uint64_t linkedTraceLo = 0, linkedSpanId = 0; // a FOLLOWS_FROM / link, when non-zero
    std::string service;
    std::string operation;
    std::string kind; // server, client, producer, consumer, internal
    std::int64_t startNs = 0;
    std::int64_t durationNs = 0;
    bool error = false;
    std::string statusMessage;
    std::vector<Tag> tags;
    std::vector<GeneratedLog> logs;
};

struct GeneratedTrace {
    std::uint64_t traceIdHi = 0;
    std::uint64_t traceIdLo = 0;
    std::vector<GeneratedSpan> spans; // parents before children
};

} // namespace Spanwise::TraceGen
