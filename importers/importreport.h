#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace Spanwise {

enum class Severity : std::uint8_t { Warning, Error };

// One thing an importer skipped or could not read, with where it was in the file.
struct ImportMessage {
    Severity severity = Severity::Warning;
    std::uint64_t byteOffset = 0;
    std::uint32_t line = 0;   // 1-based; 0 when the input has no lines (binary)
    std::uint32_t column = 0; // 1-based, in bytes
    std::string jsonPath;     // e.g. data[0].spans[3].duration; empty when not JSON
    std::string text;
};

// What loading one file did: the format found, what was loaded, what was skipped and why.
struct ImportReport {
    std::string path;
    std::string format; // e.g. "jaeger-json"; empty when not recognised
    std::size_t spans = 0;
    std::size_t logRecords = 0;
    std::size_t warningCount = 0;
    std::size_t errorCount = 0;
    std::size_t messagesDropped = 0; // beyond the cap, counted but not kept
    std::vector<ImportMessage> messages;
    bool failed = false; // nothing could be loaded from this file
    // Segments of inflated text the file was read in as it inflated (0: read whole).
    std::size_t segments = 0;
    // A compressed file inflated whole into a temporary file and mapped (inflationfile.h).
    bool inflatedIntoFile = false;

    // Messages kept per file; a hostile file could otherwise fill memory with them.
    static constexpr std::size_t maxKeptMessages = 500;
    // Whether another message fits under the cap; when not, it is counted as dropped.
    bool roomForMessage();
    // Adds a report of a later part of the same file: its counts, and its messages in order.
    void append(ImportReport&& later);

    // One sentence naming the file and the place: "f.json: line 3, column 7 (byte 42), data[0]: ..."
    std::string describe(const ImportMessage& message) const;
};

} // namespace Spanwise
