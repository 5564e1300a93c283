#include "jsonrecords.h"

#include "importcontext.h"

#include <algorithm>

namespace Spanwise {

JsonRange JsonMembers::find(std::string_view key) const
{
    for (const auto& [name, range] : m_members)
        if (name == key)
            return range;
    return {};
}

JsonRange JsonMembers::findAny(std::initializer_list<std::string_view> keys) const
{
    for (const std::string_view key : keys)
        if (const JsonRange range = find(key); range.present())
            return range;
    return {};
}

JsonRecords::JsonRecords(ImportContext& context)
    : m_context(context)
    , m_scanner(context.bytes())
{ }

void JsonRecords::forEachTopLevelValue(const std::function<std::expected<std::size_t, ScanError>(std::size_t)>& read)
{
    const std::string_view bytes = text();
    std::size_t pos = m_scanner.skipWhitespace(m_context.topLevelStart());
    if (pos >= bytes.size() && m_context.topLevelStart() == 0) {
        m_context.error(0, {}, "the file is empty");
        return;
    }
    // Values that start past this reader's share hold only later shares' records.
    while (pos < bytes.size() && !m_context.stopped() && !m_context.pastShare(pos)) {
        const auto end = read(pos);
        if (end) {
            pos = m_scanner.skipWhitespace(*end);
            continue;
        }
        if (m_context.stopped())
            return;
        // JSON Lines: a record that starts a line and breaks costs only itself; reading
        // resumes at the next line that starts a record, past what was read of this one (a
        // break may be told where its value opened, lines before the records walked in it).
        const std::size_t resume = nextRecordLine(pos, std::max<std::uint64_t>(end.error().offset, m_context.walked()));
        const bool resumes = resume < bytes.size();
        // Once per place: a reader that streamed into the broken value may have said it already.
        // A segment's end is not the file's: reading goes on in the next one.
        reportBreak(end.error(), {},
            resumes || m_context.moreFollows() ? "the record is skipped" : "the rest of the file is skipped");
        if (!resumes)
            return m_context.setTopLevelExit(bytes.size());
        m_context.warn(resume, {}, "reading resumes here, after the broken record");
        pos = resume;
    }
    if (!m_context.cancelled())
        m_context.setTopLevelExit(pos);
}

std::size_t JsonRecords::nextRecordLine(std::size_t recordStart, std::size_t breakOffset) const
{
    const std::string_view bytes = text();
    if (recordStart != 0 && bytes[recordStart - 1] != '\n')
        return bytes.size(); // not a record of its own line: no JSON Lines to resync in
    for (std::size_t at = bytes.find('\n', std::max(recordStart, breakOffset)); at != std::string_view::npos;
         at = bytes.find('\n', at + 1)) {
        if (at + 1 < bytes.size() && (bytes[at + 1] == '{' || bytes[at + 1] == '['))
            return at + 1;
    }
    return bytes.size();
}

JsonMembers JsonRecords::members(std::size_t pos)
{
    JsonMembers result;
    std::string_view brokenKey;
    std::size_t brokenBegin = 0;
    const auto end = m_scanner.forEachMember(pos, [&](std::string_view key, std::size_t begin) {
        const auto valueEnd = m_scanner.valueEnd(begin);
        if (valueEnd) {
            result.m_members.emplace_back(key, JsonRange {begin, *valueEnd, true});
        } else {
            brokenKey = key;
            brokenBegin = begin;
        }
        return valueEnd;
    });
    if (!end && !brokenKey.empty())
        result.m_members.emplace_back(brokenKey, JsonRange {brokenBegin, brokenBegin, false});
    result.m_end = end;
    return result;
}

bool JsonRecords::forEachRecord(JsonRange array, const JsonPath& path, const RecordVisitor& visit)
{
    if (text().compare(array.begin, 4, "null") == 0)
        return true;
    const auto end =
        m_scanner.forEachElement(array.begin, [&](std::size_t index, std::size_t begin, std::size_t valueEnd) {
            visit(index, JsonRange {begin, valueEnd, true}, path.element(static_cast<std::int64_t>(index)));
            m_context.markWalked(valueEnd);
            m_context.progress(valueEnd);
            return !m_context.stopped();
        });
    if (end)
        return true;
    const ScanError& error = end.error();
    if (error.brokenElementBegin != std::string_view::npos) {
        const JsonRange broken {error.brokenElementBegin, error.brokenElementBegin, false};
        visit(error.brokenElementIndex, broken, path.element(static_cast<std::int64_t>(error.brokenElementIndex)));
    }
    reportBreak(error, path, "later records here are skipped");
    return false;
}

JsonRecords::ScanResult JsonRecords::collectElements(
    std::size_t pos, const JsonPath& path, std::vector<JsonRange>& elements)
{
    if (text().compare(pos, 4, "null") == 0)
        return pos + 4;
    const ScanResult end = m_scanner.forEachElement(pos, [&](std::size_t, std::size_t begin, std::size_t valueEnd) {
        elements.push_back({begin, valueEnd, true});
        return true;
    });
    if (!end) {
        if (end.error().brokenElementBegin != std::string_view::npos)
            elements.push_back({end.error().brokenElementBegin, end.error().brokenElementBegin, false});
        reportBreak(end.error(), path, "later records here are skipped");
    }
    return end;
}

JsonRecords::ScanResult JsonRecords::walkArray(std::size_t pos, const JsonPath& path, const ElementReader& read)
{
    if (text().compare(pos, 4, "null") == 0)
        return pos + 4;
    const ScanResult end =
        m_scanner.forEachElementStreaming(pos, [&](std::size_t index, std::size_t begin) -> ScanResult {
            if (m_context.stopped())
                return std::unexpected(ScanError {begin, "stopped"});
            const ScanResult elementEnd = read(index, begin, path.element(static_cast<std::int64_t>(index)));
            if (elementEnd) {
                m_context.markWalked(*elementEnd);
                m_context.progress(*elementEnd);
            }
            return elementEnd;
        });
    if (!end && !m_context.stopped())
        reportBreak(end.error(), path, "later records here are skipped");
    return end;
}

std::optional<simdjson::dom::element> JsonRecords::parse(JsonRange range, const JsonPath& path)
{
    if (!range.complete)
        return std::nullopt;
    simdjson::dom::element element;
    // The context's bytes are a PaddedBuffer, so the parser may read past the record's end:
    // at most SIMDJSON_PADDING bytes, which the buffer holds after its last byte.
    const auto error = m_parser.parse(text().data() + range.begin, range.end - range.begin, false).get(element);
    if (error) {
        m_context.warn(range.begin, path.toString(),
            std::string("malformed JSON: ") + simdjson::error_message(error) + "; record skipped");
        return std::nullopt;
    }
    return element;
}

void JsonRecords::reportBreak(const ScanError& error, const JsonPath& path, std::string_view consequence)
{
    if (!m_reportedBreaks.insert(error.offset).second)
        return;
    m_context.warn(error.offset, path.toString(), error.message + "; " + std::string(consequence));
}

void JsonRecords::warn(JsonRange range, const JsonPath& path, std::string text)
{
    m_context.warn(range.begin, path.toString(), std::move(text));
}

} // namespace Spanwise
