#pragma once

#include "jsonpath.h"
#include "jsonscanner.h"

#include <simdjson.h>

#include <functional>
#include <optional>
#include <string_view>
#include <unordered_set>
#include <vector>

namespace Spanwise {

class ImportContext;

// A byte range of the file holding one JSON value. `complete` is false for a value the file
// breaks inside (cut short, mismatched bracket): its start is known, its end is not.
struct JsonRange {
    std::size_t begin = 0;
    std::size_t end = 0;
    bool complete = true;

    bool present() const { return end > begin || !complete; }
};

// The members of one JSON object, found without parsing their values. When the object breaks,
// the member it breaks in is kept (incomplete), so a reader can stream through its start.
class JsonMembers
{
public:
    JsonRange find(std::string_view key) const;
    // The first of several spellings present (camelCase, snake_case, legacy names).
    JsonRange findAny(std::initializer_list<std::string_view> keys) const;
    bool has(std::string_view key) const { return find(key).present(); }
    // Where the object ends, or where it broke.
    const std::expected<std::size_t, ScanError>& end() const { return m_end; }

private:
    friend class JsonRecords;
    std::vector<std::pair<std::string_view, JsonRange>> m_members;
    std::expected<std::size_t, ScanError> m_end = 0;
};

// What every JSON importer shares: record boundaries from the scanner, each record parsed on
// its own by simdjson (a bad record costs only itself), structural breaks reported once, and
// progress and cancellation checked between records.
class JsonRecords
{
public:
    explicit JsonRecords(ImportContext& context);

    ImportContext& context() { return m_context; }
    std::string_view text() const { return m_scanner.text(); }
    const JsonScanner& scanner() const { return m_scanner; }

    // Reads the top-level values one after another: one document, JSON Lines, or a
    // concatenation. `read` gets each value's start and returns its end (or where it broke).
    void forEachTopLevelValue(const std::function<std::expected<std::size_t, ScanError>(std::size_t)>& read);

    // The members of the object at pos.
    JsonMembers members(std::size_t pos);

    // Calls visit(index, range, path) for each element of the array starting at range.begin,
    // the element the array breaks in included (incomplete). Stops early when cancelled.
    // Returns false if the array broke (the break is reported).
    using RecordVisitor = std::function<void(std::size_t index, JsonRange range, const JsonPath& path)>;
    bool forEachRecord(JsonRange array, const JsonPath& path, const RecordVisitor& visit);

    using ScanResult = std::expected<std::size_t, ScanError>;
    // One pass over the array at pos: appends each element's range, and where the array breaks,
    // the element it breaks in (incomplete); reports the break. Returns the array's end.
    ScanResult collectElements(std::size_t pos, const JsonPath& path, std::vector<JsonRange>& elements);
    // One pass over the array at pos: visit(index, begin, path) reads each element and returns
    // its end. Reports a break; stops early when cancelled. `null` is an empty array.
    using ElementReader = std::function<ScanResult(std::size_t index, std::size_t begin, const JsonPath& path)>;
    ScanResult walkArray(std::size_t pos, const JsonPath& path, const ElementReader& read);

    // Parses one complete value on its own; malformed JSON is reported as a skipped record.
    std::optional<simdjson::dom::element> parse(JsonRange range, const JsonPath& path);

    // Reports a structural break once, however many readers meet it.
    void reportBreak(const ScanError& error, const JsonPath& path, std::string_view consequence);

    void warn(JsonRange range, const JsonPath& path, std::string text);

private:
    // Where reading can go on after a record that broke: the next line that starts with '{'
    // or '[', when the broken record itself started a line (JSON Lines); else the end.
    std::size_t nextRecordLine(std::size_t recordStart, std::size_t breakOffset) const;

    ImportContext& m_context;
    JsonScanner m_scanner;
    simdjson::dom::parser m_parser;
    std::unordered_set<std::size_t> m_reportedBreaks; // a file can break at every line
};

} // namespace Spanwise
