#include "fixtures.h"

#include "dependencygraph.h"
#include "tracesetbuilder.h"

namespace Spanwise::Test {

std::shared_ptr<const TraceSet> buildTraceSet(std::initializer_list<SpanSpec> spans)
{
    return buildTraceSet(std::vector<SpanSpec>(spans));
}

std::shared_ptr<const TraceSet> buildTraceSet(const std::vector<SpanSpec>& spans)
{
    TraceSetBuilder builder;
    builder.addFile("fixture");
    for (const SpanSpec& spec : spans) {
        Span span;
        span.traceId = TraceId {0, spec.trace};
        span.spanId = spec.id;
        if (spec.parent) {
            span.parentSpanId = *spec.parent;
            span.flags |= SpanHasParentId;
        }
        span.service = builder.service(spec.service);
        span.resource = builder.addResource(span.service, {});
        span.operation = builder.intern(spec.operation);
        span.startNs = spec.start;
        span.durationNs = spec.duration;
        span.status = spec.error ? StatusCode::Error : StatusCode::Unset;
        span.kind = spec.kind;
        span.flags |= spec.flags;
        std::vector<Attribute> attributes;
        for (const auto& [key, value] : spec.tags) {
            Attribute a;
            a.setKey(builder.intern(key));
            a.setType(AttributeType::String);
            a.text = builder.intern(value);
            attributes.push_back(a);
        }
        span.attributes = builder.addAttributes(attributes);
        builder.addSpan(span);
    }
    return builder.finish();
}

std::shared_ptr<const TraceSet> buildChain(std::string_view sketch)
{
    TraceSetBuilder builder;
    builder.addFile("fixture");
    std::uint64_t id = 1;
    while (!sketch.empty()) {
        const auto cut = sketch.find('>');
        const std::string_view service = sketch.substr(0, cut);
        Span span;
        span.traceId = TraceId {0, 1};
        span.spanId = id;
        if (id > 1) {
            span.parentSpanId = id - 1;
            span.flags |= SpanHasParentId;
        }
        span.service = builder.service(service);
        span.resource = builder.addResource(span.service, {});
        span.operation = builder.intern("op");
        span.startNs = static_cast<std::int64_t>(id);
        span.durationNs = 100 - static_cast<std::int64_t>(id);
        builder.addSpan(span);
        ++id;
        sketch = cut == std::string_view::npos ? std::string_view {} : sketch.substr(cut + 1);
    }
    return builder.finish();
}

QStringList dumpForest(const TraceSet& set)
{
    QStringList lines;
    for (const TraceInfo& trace : set.traces()) {
        if (!lines.isEmpty())
            lines << QStringLiteral("--");
        for (const SpanIndex s : set.forest().spansOf(trace)) {
            const Span& span = set.span(s);
            const std::string line = std::string(2 * set.forest().depthOf(s), ' ') +
                std::string(set.serviceName(span.service)) + ':' + std::string(set.text(span.operation));
            lines << QString::fromStdString(line);
        }
    }
    return lines;
}

QStringList dumpEdges(const TraceSet& set)
{
    DependencyOptions options;
    options.includeVirtual = false;
    const DependencyGraph graph = computeDependencyGraph(set, options);
    QStringList out;
    for (const DependencyEdge& e : graph.edges)
        out << QStringLiteral("%1>%2 %3/%4")
                   .arg(
                       QString::fromStdString(graph.nodes[e.from].name), QString::fromStdString(graph.nodes[e.to].name))
                   .arg(e.calls)
                   .arg(e.errors);
    return out;
}

LoadResult loadText(std::string_view text, std::string name)
{
    const NamedBuffer buffer {std::move(name), PaddedBuffer(text)};
    return loadTraceBuffers(std::span<const NamedBuffer>(&buffer, 1));
}

QStringList sortedNodeNames(const DependencyGraph& graph, const std::vector<std::uint32_t>& nodes)
{
    QStringList out;
    for (const std::uint32_t n : nodes)
        out << QString::fromStdString(graph.nodes[n].name);
    out.sort();
    return out;
}

} // namespace Spanwise::Test
