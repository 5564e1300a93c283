#include "calltree.h"

#include "selftime.h"
#include "spantimes.h"
#include "traceset.h"

#include <cassert>
#include <unordered_map>

namespace Spanwise {

std::uint32_t CallTree::childOf(std::uint32_t node, std::string_view service, std::string_view operation) const
{
    assert(node < nodes.size());
    for (const std::uint32_t child : nodes[node].children)
        if (nodes[child].service == service && nodes[child].operation == operation)
            return child;
    return none;
}

CallTree buildCallTree(const TraceSet& set, std::span<const TraceIndex> traces)
{
    CallTree tree;
    tree.nodes.emplace_back();
    tree.traceCount = static_cast<std::uint32_t>(traces.size());
    const TraceForest& forest = set.forest();
    // Where each span of the trace being merged landed; spans come parent first.
    std::unordered_map<std::uint32_t, std::uint32_t> nodeOfSpan;
    // Children by (parent, service, operation): a node with thousands of distinct children
    // must not be searched child by child.
    std::unordered_map<std::string, std::uint32_t> childByKey;
    std::string key;
    for (const TraceIndex trace : traces) {
        nodeOfSpan.clear();
        for (const SpanIndex span : forest.spansOf(forest.traces()[trace.value])) {
            const Span& record = set.span(span);
            const SpanIndex parentSpan = forest.parentOf(span);
            const std::uint32_t parent = parentSpan.isValid() ? nodeOfSpan.at(parentSpan.value) : CallTree::root;
            const std::string_view service = set.serviceName(record.service);
            const std::string_view operation = set.text(record.operation);
            key.assign(reinterpret_cast<const char*>(&parent), sizeof parent);
            key.append(service).push_back('\0');
            key.append(operation);
            auto [found, isNew] = childByKey.try_emplace(key, static_cast<std::uint32_t>(tree.nodes.size()));
            const std::uint32_t node = found->second;
            if (isNew) {
                CallTreeNode added;
                added.service = service;
                added.operation = operation;
                added.parent = parent;
                added.depth = tree.nodes[parent].depth + 1;
                added.example = span;
                tree.nodes.push_back(std::move(added));
                tree.nodes[parent].children.push_back(node);
            }
            nodeOfSpan.emplace(span.value, node);
            CallTreeNode& target = tree.nodes[node];
            ++target.count;
            target.totalNs = saturatingAdd(target.totalNs, record.durationNs);
            target.selfNs = saturatingAdd(target.selfNs, selfTimeOf(set, span));
            target.durationsNs.push_back(record.durationNs);
        }
    }
    return tree;
}

} // namespace Spanwise
