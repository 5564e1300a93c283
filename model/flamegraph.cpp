#include "flamegraph.h"

#include "calltree.h"
#include "selftime.h"
#include "traceset.h"

#include <algorithm>
#include <cassert>
#include <cmath>
#include <unordered_map>

namespace Spanwise {

FlameGraph flameChartOf(const TraceSet& set, TraceIndex trace)
{
    const TraceForest& forest = set.forest();
    assert(trace.value < forest.traces().size());
    const TraceInfo& info = forest.traces()[trace.value];
    FlameGraph graph;
    graph.startNs = info.startNs;
    graph.endNs = std::max(info.startNs, info.endNs);
    const auto spans = forest.spansOf(info);
    graph.frames.reserve(spans.size());
    std::unordered_map<std::uint32_t, std::uint32_t> frameOfSpan; // parents come first
    for (const SpanIndex span : spans) {
        const Span& record = set.span(span);
        FlameFrame frame;
        frame.span = span;
        frame.depth = forest.depthOf(span);
        frame.durationNs = record.durationNs;
        frame.selfNs = selfTimeOf(set, span);
        // A span with no time has no place: a zero-width frame at its parent's start.
        std::int64_t start = record.hasTime() ? record.startNs : graph.startNs;
        std::int64_t end = record.hasTime() ? record.endNs() : start;
        const SpanIndex parentSpan = forest.parentOf(span);
        if (parentSpan.isValid()) {
            frame.parent = frameOfSpan.at(parentSpan.value);
            const FlameFrame& parent = graph.frames[frame.parent];
            if (!record.hasTime())
                start = end = parent.startNs;
            frame.clipped = start < parent.startNs || end > parent.endNs;
            start = std::clamp(start, parent.startNs, parent.endNs);
            end = std::clamp(end, start, parent.endNs);
        }
        frame.startNs = std::clamp(start, graph.startNs, graph.endNs);
        frame.endNs = std::clamp(end, frame.startNs, graph.endNs);
        graph.depthCount = std::max(graph.depthCount, frame.depth + 1);
        frameOfSpan.emplace(span.value, static_cast<std::uint32_t>(graph.frames.size()));
        graph.frames.push_back(frame);
    }
    return graph;
}

FlameGraph mergedFlameGraph(const CallTree& tree)
{
    FlameGraph graph;
    graph.merged = true;
    if (tree.nodes.empty())
        return graph;
    // Children side by side in order of service and operation: the same paths line up in every
    // graph of the same system.
    const auto ordered = [&](std::uint32_t node) {
        std::vector<std::uint32_t> children = tree.nodes[node].children;
        std::ranges::sort(children, {},
            [&](std::uint32_t child) { return std::tie(tree.nodes[child].service, tree.nodes[child].operation); });
        return children;
    };
    struct Pending {
        std::uint32_t node;
        std::uint32_t parentFrame;
        std::int64_t startNs;
        std::int64_t widthNs;
    };
    std::vector<Pending> stack;
    const auto pushChildren = [&](std::uint32_t node, std::uint32_t frame, std::int64_t start, std::int64_t width,
                                  bool isRoot) {
        const std::vector<std::uint32_t> children = ordered(node);
        long double added = 0;
        for (const std::uint32_t child : children)
            added += static_cast<long double>(tree.nodes[child].totalNs);
        // Parallel children add up to more than their parent: scale them to fit it.
        const long double scale = !isRoot && added > width ? width / added : 1.0L;
        if (scale < 1.0L)
            graph.frames[frame].clipped = true;
        long double x = static_cast<long double>(start);
        std::vector<Pending> batch;
        for (const std::uint32_t child : children) {
            const long double w = tree.nodes[child].totalNs * scale;
            const auto childStart = static_cast<std::int64_t>(std::llround(x));
            x += w;
            batch.push_back({child, frame, childStart, static_cast<std::int64_t>(std::llround(x)) - childStart});
        }
        stack.insert(stack.end(), batch.rbegin(), batch.rend());
    };
    std::int64_t rootsWidth = 0;
    for (const std::uint32_t root : tree.nodes[CallTree::root].children)
        rootsWidth += tree.nodes[root].totalNs;
    graph.endNs = rootsWidth;
    pushChildren(CallTree::root, FlameFrame::none, 0, rootsWidth, true);
    while (!stack.empty()) {
        const Pending pending = stack.back();
        stack.pop_back();
        const CallTreeNode& node = tree.nodes[pending.node];
        FlameFrame frame;
        frame.startNs = pending.startNs;
        frame.endNs = pending.startNs + pending.widthNs;
        frame.depth = node.depth - 1;
        frame.parent = pending.parentFrame;
        frame.span = node.example;
        frame.count = node.count;
        frame.durationNs = node.totalNs;
        frame.selfNs = node.selfNs;
        graph.depthCount = std::max(graph.depthCount, frame.depth + 1);
        const auto index = static_cast<std::uint32_t>(graph.frames.size());
        graph.frames.push_back(frame);
        pushChildren(pending.node, index, frame.startNs, frame.widthNs(), false);
    }
    return graph;
}

} // namespace Spanwise
