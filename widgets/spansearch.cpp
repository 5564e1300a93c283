#include "spansearch.h"

#include "hexid.h"
#include "traceset.h"
#include "waterfallrows.h"

#include <algorithm>
#include <cctype>

namespace Spanwise {
namespace {

bool containsIgnoringCase(std::string_view haystack, std::string_view lowerNeedle)
{
    if (lowerNeedle.size() > haystack.size())
        return false;
    const auto it = std::search(haystack.begin(), haystack.end(), lowerNeedle.begin(), lowerNeedle.end(),
        [](char a, char b) { return std::tolower(static_cast<unsigned char>(a)) == b; });
    return it != haystack.end();
}

bool attributeMatches(const TraceSet& set, const Attribute& a, std::string_view needle, int depth = 0)
{
    if (containsIgnoringCase(set.text(a.key), needle))
        return true;
    switch (a.type) {
    case AttributeType::String:
        return containsIgnoringCase(set.text(a.text), needle);
    case AttributeType::Int:
        return containsIgnoringCase(std::to_string(a.integer), needle);
    case AttributeType::Bool:
        return containsIgnoringCase(a.boolean ? "true" : "false", needle);
    case AttributeType::Array:
    case AttributeType::KeyValueList:
        if (depth < 8)
            for (const Attribute& child : set.attributes(a.children))
                if (attributeMatches(set, child, needle, depth + 1))
                    return true;
        return false;
    default:
        return false;
    }
}

} // namespace

std::vector<std::uint32_t> findSpans(const TraceSet& set, const WaterfallRows& rows, const QString& text)
{
    std::vector<std::uint32_t> matches;
    std::string needle = text.trimmed().toStdString();
    if (needle.empty())
        return matches;
    std::transform(needle.begin(), needle.end(), needle.begin(), [](unsigned char c) { return char(std::tolower(c)); });
    for (std::uint32_t p = 0; p < rows.spanCount(); ++p) {
        const Span& span = set.span(rows.spanAt(p));
        bool match = containsIgnoringCase(set.serviceName(span.service), needle) ||
            containsIgnoringCase(set.text(span.operation), needle) ||
            containsIgnoringCase(formatSpanId(span.spanId), needle);
        for (const Attribute& a : set.attributes(span.attributes)) {
            if (match)
                break;
            match = attributeMatches(set, a, needle);
        }
        if (match)
            matches.push_back(p);
    }
    return matches;
}

} // namespace Spanwise
