#pragma once

#include "traceloader.h"
#include "traceset.h"

#include <QStringList>

#include <cstdint>
#include <initializer_list>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace Spanwise {
struct DependencyGraph;
}

namespace Spanwise::Test {

// One span of a hand-made fixture; ids are small numbers for readability.
struct SpanSpec {
    std::uint64_t id = 0;
    std::optional<std::uint64_t> parent;
    std::string service;
    std::string operation;
    std::int64_t start = 0;
    std::int64_t duration = 10;
    bool error = false;
    std::uint64_t trace = 1;
    SpanKind kind = SpanKind::Unspecified;
    std::vector<std::pair<std::string, std::string>> tags {}; // string attributes
    std::uint8_t flags = 0;                                   // extra SpanFlag bits
};

std::shared_ptr<const TraceSet> buildTraceSet(std::initializer_list<SpanSpec> spans);
std::shared_ptr<const TraceSet> buildTraceSet(const std::vector<SpanSpec>& spans);

// A chain of spans, one per service, from a sketch like "frontend>cart>db" (trace 1,
// ids 1, 2, 3 ..., each the parent of the next, operation "op").
std::shared_ptr<const TraceSet> buildChain(std::string_view sketch);

// Every trace as indented "service:operation" lines in depth-first order, traces separated
// by "--": compared as lists, a failure reads as a diff.
QStringList dumpForest(const TraceSet& set);

// The instrumented service edges (calls between services that both sent spans) as
// "from>to calls/errors" lines, sorted by caller then callee.
QStringList dumpEdges(const TraceSet& set);

// The names of some nodes of a dependency graph, sorted: compared as lists, order-free.
QStringList sortedNodeNames(const DependencyGraph& graph, const std::vector<std::uint32_t>& nodes);

// Loads JSON text as if it were a file called `name`.
LoadResult loadText(std::string_view text, std::string name = "fixture.json");

} // namespace Spanwise::Test
