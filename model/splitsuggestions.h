#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace Spanwise {

class TraceSet;

// A way to split the loaded traces in two for a comparison (the map diff), as two queries of
// the query language (docs/query.md) that pick each side's traces.
struct SplitSuggestion {
    std::string label;  // "file: v1.json | v2.json"
    std::string before; // file="v1.json"
    std::string after;  // file="v2.json"
};

// The splits the data offers, most telling first: by file when several were loaded (neighbours
// in load order), by two versions of one service (service="cart" service.version="1.4"), by the
// values of an environment attribute (deployment.environment[.name]), in sorted order, and in
// time, at the median trace start (earlier half | later half).
std::vector<SplitSuggestion> suggestSplits(const TraceSet& set);

// The attributes a release or environment is recorded in, in the order they are offered.
constexpr std::string_view splitAttributeKeys[] = {
    "service.version", "deployment.environment.name", "deployment.environment"};

// A query value quoted so the query language reads it back as the same text.
std::string quotedQueryValue(std::string_view text);

} // namespace Spanwise
