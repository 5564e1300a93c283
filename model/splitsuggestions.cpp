#include "splitsuggestions.h"

#include "attributetext.h"
#include "timestamptext.h"
#include "traceset.h"

#include <algorithm>
#include <map>
#include <set>

namespace Spanwise {
namespace {

// Pairs of neighbours offered at most per kind of split: more is a long menu, not a help.
constexpr std::size_t maxPairs = 6;

std::string fileName(const std::string& path)
{
    return path.substr(path.find_last_of('/') + 1);
}

void byFile(const TraceSet& set, std::vector<SplitSuggestion>& out)
{
    const auto files = set.files();
    for (std::size_t i = 0; i + 1 < files.size() && i < maxPairs; ++i) {
        const std::string a = fileName(files[i]), b = fileName(files[i + 1]);
        if (a == b)
            continue; // the query names files without their folder: these two it cannot tell apart
        out.push_back({"file: " + a + " | " + b, "file=" + quotedQueryValue(a), "file=" + quotedQueryValue(b)});
    }
}

// The values an attribute takes, per service: on resources, where releases and environments
// are recorded, else on spans.
std::map<std::string, std::set<std::string>> valuesByService(const TraceSet& set, std::string_view key)
{
    std::map<std::string, std::set<std::string>> values;
    const StringId id = set.strings().find(key);
    if (!id.isValid())
        return values;
    const auto collect = [&](ServiceId service, std::span<const Attribute> attributes) {
        for (const Attribute& a : attributes)
            if (a.key() == id)
                if (std::string text = attributeText(set, a); !text.empty())
                    values[std::string(set.serviceName(service))].insert(std::move(text));
    };
    for (const Resource& resource : set.resources())
        collect(resource.service, set.attributes(resource.attributes));
    if (values.empty())
        for (const Span& span : set.spans())
            collect(span.service, set.attributes(span.attributes));
    return values;
}

// Neighbouring values as splits: "`what`: a | b", each side `prefix` + key="value".
void addPairs(const std::string& what, const std::string& prefix, const std::string& key,
    const std::set<std::string>& values, std::vector<SplitSuggestion>& out)
{
    const std::vector<std::string> sorted(values.begin(), values.end());
    for (std::size_t i = 0; i + 1 < sorted.size() && i < maxPairs; ++i)
        out.push_back({what + ": " + sorted[i] + " | " + sorted[i + 1],
            prefix + key + '=' + quotedQueryValue(sorted[i]), prefix + key + '=' + quotedQueryValue(sorted[i + 1])});
}

// A release is a service's: two versions of one service make a split (each service has a
// version of its own, so versions of different services do not). An environment is the
// deployment's: any two values make one.
void byAttribute(const TraceSet& set, std::vector<SplitSuggestion>& out)
{
    for (const std::string_view key : splitAttributeKeys) {
        const auto byService = valuesByService(set, key);
        if (key == "service.version") {
            for (const auto& [service, values] : byService)
                addPairs(service + ' ' + std::string(key), "service=" + quotedQueryValue(service) + ' ',
                    std::string(key), values, out);
            continue;
        }
        std::set<std::string> all;
        for (const auto& [service, values] : byService)
            all.insert(values.begin(), values.end());
        addPairs(std::string(key), "", std::string(key), all, out);
    }
}

void byTime(const TraceSet& set, std::vector<SplitSuggestion>& out)
{
    std::vector<std::int64_t> starts;
    for (const TraceInfo& trace : set.traces())
        if (trace.hasTime)
            starts.push_back(trace.startNs);
    if (starts.size() < 2)
        return;
    std::nth_element(starts.begin(), starts.begin() + starts.size() / 2, starts.end());
    const std::int64_t median = starts[starts.size() / 2];
    const std::int64_t first = *std::min_element(starts.begin(), starts.end());
    if (median == first)
        return; // every trace started at once: time cannot split them
    const std::string at = formatTimestampNs(median);
    out.push_back({"time: before | from " + at, "start<" + quotedQueryValue(at), "start>=" + quotedQueryValue(at)});
}

} // namespace

std::string quotedQueryValue(std::string_view text)
{
    std::string out = "\"";
    for (const char c : text) {
        if (c == '"' || c == '\\')
            out += '\\';
        out += c;
    }
    return out + '"';
}

std::vector<SplitSuggestion> suggestSplits(const TraceSet& set)
{
    std::vector<SplitSuggestion> out;
    byFile(set, out);
    byAttribute(set, out);
    byTime(set, out);
    return out;
}

} // namespace Spanwise
