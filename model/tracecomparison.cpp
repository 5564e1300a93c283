#include "tracecomparison.h"

#include <algorithm>
#include <cassert>
#include <cmath>
#include <string>
#include <unordered_map>

namespace Spanwise {
namespace {

double perTrace(std::int64_t total, std::uint32_t traces)
{
    return traces == 0 ? 0.0 : static_cast<double>(total) / traces;
}

NodeChange classify(
    const ComparedNode& node, std::uint32_t tracesA, std::uint32_t tracesB, const CompareThresholds& thresholds)
{
    if (node.countA == 0)
        return NodeChange::Added;
    if (node.countB == 0)
        return NodeChange::Removed;
    // Counts per trace, compared exactly: countA / tracesA against countB / tracesB.
    if (node.countA * tracesB != node.countB * tracesA)
        return NodeChange::Changed;
    const double change = std::fabs(node.totalChangeNs());
    const bool overPercent = change > node.meanTotalNsA * thresholds.minChangePercent / 100.0;
    const bool overAbsolute = change > static_cast<double>(thresholds.minChangeNs);
    return overPercent && overAbsolute ? NodeChange::Changed : NodeChange::Same;
}

void take(const CallTreeNode& from, std::uint64_t& count, std::int64_t& total, std::int64_t& self,
    std::optional<std::int64_t>& p50, SpanIndex& example)
{
    count = from.count;
    total = from.totalNs;
    self = from.selfNs;
    p50 = medianOf(from.durationsNs);
    example = from.example;
}

std::string nameKey(const CallTreeNode& node)
{
    std::string key = node.service;
    key.push_back('\0');
    return key.append(node.operation);
}

// A node's children by service and operation: nodes can have many thousands of children.
std::unordered_map<std::string, std::uint32_t> childrenByName(const CallTree& tree, std::uint32_t node)
{
    std::unordered_map<std::string, std::uint32_t> byName;
    if (node != CallTree::none)
        for (const std::uint32_t child : tree.nodes[node].children)
            byName.emplace(nameKey(tree.nodes[child]), child);
    return byName;
}

// Walks both trees at once, depth first, with a stack of its own: hostile files nest spans
// tens of thousands deep.
void merge(const CallTree& a, const CallTree& b, TraceComparison& out)
{
    struct Pending {
        std::uint32_t nodeA, nodeB, parent; // CallTree::none where a side lacks the path
    };
    std::vector<Pending> stack {{CallTree::root, CallTree::root, 0}};
    std::vector<Pending> children;
    while (!stack.empty()) {
        const Pending pending = stack.back();
        stack.pop_back();
        const auto index = static_cast<std::uint32_t>(out.nodes.size());
        ComparedNode node;
        const CallTreeNode& named = pending.nodeA != CallTree::none ? a.nodes[pending.nodeA] : b.nodes[pending.nodeB];
        node.service = named.service;
        node.operation = named.operation;
        node.parent = pending.parent;
        node.depth = index == 0 ? 0 : out.nodes[pending.parent].depth + 1;
        if (pending.nodeA != CallTree::none)
            take(a.nodes[pending.nodeA], node.countA, node.totalNsA, node.selfNsA, node.p50NsA, node.exampleA);
        if (pending.nodeB != CallTree::none)
            take(b.nodes[pending.nodeB], node.countB, node.totalNsB, node.selfNsB, node.p50NsB, node.exampleB);
        out.nodes.push_back(std::move(node));
        if (index != 0)
            out.nodes[pending.parent].children.push_back(index);

        // Children: A's in its order, then those only B has; pushed reversed, taken in order.
        children.clear();
        auto onlyInB = childrenByName(b, pending.nodeB);
        if (pending.nodeA != CallTree::none)
            for (const std::uint32_t childA : a.nodes[pending.nodeA].children) {
                const auto match = onlyInB.find(nameKey(a.nodes[childA]));
                children.push_back({childA, match == onlyInB.end() ? CallTree::none : match->second, index});
                if (match != onlyInB.end())
                    onlyInB.erase(match);
            }
        if (pending.nodeB != CallTree::none)
            for (const std::uint32_t childB : b.nodes[pending.nodeB].children)
                if (onlyInB.contains(nameKey(b.nodes[childB])))
                    children.push_back({CallTree::none, childB, index});
        stack.insert(stack.end(), children.rbegin(), children.rend());
    }
}

} // namespace

std::string_view nodeChangeName(NodeChange change)
{
    static constexpr std::string_view names[] = {"same", "added", "removed", "changed"};
    return names[static_cast<std::size_t>(change)];
}

std::optional<std::int64_t> medianOf(std::vector<std::int64_t> durations)
{
    if (durations.empty())
        return std::nullopt;
    const auto middle = durations.begin() + static_cast<std::ptrdiff_t>((durations.size() - 1) / 2);
    std::nth_element(durations.begin(), middle, durations.end());
    return *middle;
}

std::vector<std::uint32_t> TraceComparison::pathTo(std::uint32_t node) const
{
    std::vector<std::uint32_t> path;
    for (; node != 0; node = nodes[node].parent)
        path.push_back(node);
    std::ranges::reverse(path);
    return path;
}

TraceComparison compareCallTrees(const CallTree& a, const CallTree& b, CompareThresholds thresholds)
{
    assert(!a.nodes.empty() && !b.nodes.empty());
    TraceComparison out;
    out.tracesA = a.traceCount;
    out.tracesB = b.traceCount;
    merge(a, b, out);

    for (std::uint32_t i = 1; i < out.nodes.size(); ++i) {
        ComparedNode& node = out.nodes[i];
        node.meanTotalNsA = perTrace(node.totalNsA, out.tracesA);
        node.meanTotalNsB = perTrace(node.totalNsB, out.tracesB);
        node.meanSelfNsA = perTrace(node.selfNsA, out.tracesA);
        node.meanSelfNsB = perTrace(node.selfNsB, out.tracesB);
        node.status = classify(node, out.tracesA, out.tracesB, thresholds);
        out.added += node.status == NodeChange::Added;
        out.removed += node.status == NodeChange::Removed;
        out.changed += node.status == NodeChange::Changed;
        out.byChange.push_back(i);
    }
    // Nodes were added depth first, so index order breaks ties in depth-first order.
    std::ranges::stable_sort(
        out.byChange, std::greater {}, [&](std::uint32_t i) { return std::fabs(out.nodes[i].totalChangeNs()); });
    for (ComparedNode& node : out.nodes)
        std::ranges::stable_sort(
            node.children, std::greater {}, [&](std::uint32_t i) { return out.nodes[i].totalChangeNs(); });
    return out;
}

} // namespace Spanwise
