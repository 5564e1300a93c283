#include "traceforest.h"

#include "flatidmap.h"

#include <algorithm>
#include <numeric>
#include <thread>

namespace Spanwise {

std::string_view diagnosticName(DiagnosticKind kind)
{
    switch (kind) {
    case DiagnosticKind::MissingParent:
        return "missing parent";
    case DiagnosticKind::DuplicateSpanId:
        return "duplicate span id";
    case DiagnosticKind::CycleBroken:
        return "parent cycle broken";
    }
    return "unknown";
}

// Builds the forest one trace at a time. Traces are independent, so a large span array is cut
// into parts of whole traces, each built on a thread of its own with its own scratch (id
// lookup, walk stack) and outputs (diagnostics, depth-first order, trace records); the parts
// are then joined in order, so the forest is the same however many parts there were.
class TraceForest::Builder
{
public:
    Builder(std::span<const Span> spans, TraceForest& forest)
        : m_spans(spans)
        , m_forest(forest)
    { }

    void run(std::size_t parts)
    {
        const std::size_t n = m_spans.size();
        m_forest.m_parent.assign(n, SpanIndex {});
        m_forest.m_depth.assign(n, 0);
        m_forest.m_traceOf.assign(n, TraceIndex {});
        m_stamps.assign(n, 0);

        m_byTrace = spansByTrace();
        // Where each trace's run of m_byTrace begins, and where the last ends.
        for (std::size_t i = 0; i < n; ++i)
            if (i == 0 || span(m_byTrace[i]).traceId != span(m_byTrace[i - 1]).traceId)
                m_traceStarts.push_back(static_cast<std::uint32_t>(i));
        m_traceStarts.push_back(static_cast<std::uint32_t>(n));

        std::vector<Part> work = cut(parts);
        inParallel(work, [this](Part& part) { linkParents(part); });
        buildChildren();
        inParallel(work, [this](Part& part) {
            for (std::size_t t = part.firstTrace; t < part.endTrace; ++t)
                addTrace(part, static_cast<std::uint32_t>(t));
        });
        join(work);
    }

private:
    struct IdHash {
        std::uint64_t operator()(std::uint64_t id) const { return mixedBits(id); }
    };
    // A run of whole traces, its scratch and what it adds to the forest.
    struct Part {
        std::size_t firstTrace = 0;
        std::size_t endTrace = 0;
        std::uint32_t stampCounter = 0;
        std::vector<SpanIndex> roots;
        std::vector<ServiceId> services;
        std::vector<SpanIndex> stack;
        FlatIdMap<std::uint64_t, IdHash> firstWithId;      // the current trace's spans by id
        FlatIdMap<std::uint64_t, IdHash> serverHalfWithId; // its Zipkin server halves by id
        std::vector<Diagnostic> diagnostics;
        std::vector<SpanIndex> order;
        std::vector<TraceInfo> traces; // order.begin into this part's order
    };

    const Span& span(SpanIndex i) const { return m_spans[i.value]; }
    std::span<const SpanIndex> traceSpans(std::size_t trace) const
    {
        return std::span<const SpanIndex>(m_byTrace).subspan(
            m_traceStarts[trace], m_traceStarts[trace + 1] - m_traceStarts[trace]);
    }

    // Every span, by trace id and then in input order. Files hold a trace's spans mostly side
    // by side, so the runs of one trace id are sorted rather than the spans: fewer, smaller
    // items, and no look into the spans while sorting.
    std::vector<SpanIndex> spansByTrace() const
    {
        struct Run {
            TraceId trace;
            std::uint32_t begin = 0;
            std::uint32_t end = 0;
        };
        std::vector<Run> runs;
        for (std::uint32_t i = 0; i < m_spans.size(); ++i) {
            if (runs.empty() || runs.back().trace != m_spans[i].traceId)
                runs.push_back({m_spans[i].traceId, i, i});
            runs.back().end = i + 1;
        }
        std::sort(runs.begin(), runs.end(),
            [](const Run& a, const Run& b) { return a.trace != b.trace ? a.trace < b.trace : a.begin < b.begin; });
        std::vector<SpanIndex> byTrace;
        byTrace.reserve(m_spans.size());
        for (const Run& run : runs)
            for (std::uint32_t i = run.begin; i < run.end; ++i)
                byTrace.push_back(SpanIndex {i});
        return byTrace;
    }

    // Up to `parts` runs of whole traces with about as many spans each.
    std::vector<Part> cut(std::size_t parts) const
    {
        const std::size_t traceCount = m_traceStarts.size() - 1;
        parts = std::clamp<std::size_t>(parts, 1, std::max<std::size_t>(1, traceCount));
        std::vector<Part> work(parts);
        std::size_t trace = 0;
        for (std::size_t p = 0; p < parts; ++p) {
            work[p].firstTrace = trace;
            const std::uint64_t spansBefore = m_spans.size() * (p + 1) / parts;
            while (trace < traceCount && (p + 1 == parts || m_traceStarts[trace] < spansBefore))
                ++trace;
            work[p].endTrace = trace;
        }
        return work;
    }

    // Runs step on every part: the first on this thread, the others on threads of their own.
    // Parts touch only their own traces' spans in the forest's per-span arrays.
    template <typename Step> static void inParallel(std::vector<Part>& work, const Step& step)
    {
        std::vector<std::jthread> threads;
        for (std::size_t p = 1; p < work.size(); ++p)
            threads.emplace_back([&step, &part = work[p]] { step(part); });
        step(work.front());
    }

    // The parts' outputs in order; trace indices and order runs shifted to their place.
    void join(std::vector<Part>& work)
    {
        m_forest.m_order.reserve(m_spans.size());
        m_forest.m_traces.reserve(m_traceStarts.size() - 1);
        for (Part& part : work) {
            const auto orderBase = static_cast<std::uint32_t>(m_forest.m_order.size());
            m_forest.m_order.insert(m_forest.m_order.end(), part.order.begin(), part.order.end());
            for (TraceInfo info : part.traces) {
                info.order.begin += orderBase;
                m_forest.m_traces.push_back(info);
            }
            m_forest.m_diagnostics.insert(
                m_forest.m_diagnostics.end(), part.diagnostics.begin(), part.diagnostics.end());
        }
    }

    bool startsBefore(SpanIndex a, SpanIndex b) const
    {
        const auto sa = span(a).startNs, sb = span(b).startNs;
        return sa != sb ? sa < sb : a < b;
    }

    // Resolves parent ids within each trace of the part (spans in input order), then cuts every
    // parent cycle at its earliest-starting member.
    // Zipkin shared spans: the server half (flagged by the importer) shares its client half's
    // id. It becomes the client half's child, and children naming that id hang under it.
    void linkParents(Part& part)
    {
        for (std::size_t t = part.firstTrace; t < part.endTrace; ++t) {
            const std::span<const SpanIndex> spans = traceSpans(t);
            part.firstWithId.reset(spans.size());
            part.serverHalfWithId.reset(spans.size());
            for (const SpanIndex s : spans) {
                auto& ids = (span(s).flags & SpanSharedServerHalf) ? part.serverHalfWithId : part.firstWithId;
                if (const std::uint32_t* earlier = ids.insert(span(s).spanId, s.value))
                    part.diagnostics.push_back({DiagnosticKind::DuplicateSpanId, s, SpanIndex {*earlier}});
            }
            for (const SpanIndex s : spans) {
                if (span(s).flags & SpanSharedServerHalf) {
                    if (const std::uint32_t* client = part.firstWithId.find(span(s).spanId)) {
                        m_forest.m_parent[s.value] = SpanIndex {*client};
                        continue;
                    }
                }
                if (!span(s).hasParentId())
                    continue;
                const std::uint64_t parentId = span(s).parentSpanId;
                const std::uint32_t* server = part.serverHalfWithId.find(parentId);
                if (server && *server != s.value) {
                    m_forest.m_parent[s.value] = SpanIndex {*server};
                } else if (const std::uint32_t* parent = part.firstWithId.find(parentId)) {
                    m_forest.m_parent[s.value] = SpanIndex {*parent};
                } else {
                    part.diagnostics.push_back({DiagnosticKind::MissingParent, s, {}});
                }
            }
            breakCycles(part, spans);
        }
    }

    void breakCycles(Part& part, std::span<const SpanIndex> traceSpans)
    {
        // Walk up from each span, stamping the walk; meeting the current stamp means a cycle.
        // A trace's parents are in the trace, so a part's walks stamp its own spans only.
        for (const SpanIndex start : traceSpans) {
            ++part.stampCounter;
            SpanIndex s = start;
            while (s.isValid() && m_stamps[s.value] == 0) {
                m_stamps[s.value] = part.stampCounter;
                s = m_forest.m_parent[s.value];
            }
            if (!s.isValid() || m_stamps[s.value] != part.stampCounter)
                continue;
            SpanIndex earliest = s;
            for (SpanIndex c = m_forest.m_parent[s.value]; c != s; c = m_forest.m_parent[c.value])
                if (startsBefore(c, earliest))
                    earliest = c;
            m_forest.m_parent[earliest.value] = SpanIndex {};
            part.diagnostics.push_back({DiagnosticKind::CycleBroken, earliest, {}});
        }
    }

    void buildChildren()
    {
        auto& begin = m_forest.m_childBegin;
        begin.assign(m_spans.size() + 1, 0);
        for (const SpanIndex p : m_forest.m_parent)
            if (p.isValid())
                ++begin[p.value + 1];
        std::partial_sum(begin.begin(), begin.end(), begin.begin());
        m_forest.m_children.resize(begin.back());
        std::vector<std::uint32_t> fill(begin.begin(), begin.end() - 1);
        for (std::uint32_t i = 0; i < m_spans.size(); ++i)
            if (const SpanIndex p = m_forest.m_parent[i]; p.isValid())
                m_forest.m_children[fill[p.value]++] = SpanIndex {i};
        for (std::uint32_t i = 0; i < m_spans.size(); ++i)
            std::sort(m_forest.m_children.begin() + begin[i], m_forest.m_children.begin() + begin[i + 1],
                [this](SpanIndex a, SpanIndex b) { return startsBefore(a, b); });
    }

    void addTrace(Part& part, std::uint32_t trace)
    {
        const std::span<const SpanIndex> spans = traceSpans(trace);
        const TraceIndex traceIndex {trace};
        TraceInfo info;
        info.id = span(spans.front()).traceId;
        info.order.begin = static_cast<std::uint32_t>(part.order.size());
        // Untimed spans (Span::hasTime) have no place on the axis: they never stretch the range.
        bool timed = false;

        part.roots.clear();
        part.services.clear();
        for (const SpanIndex s : spans) {
            m_forest.m_traceOf[s.value] = traceIndex;
            if (!m_forest.m_parent[s.value].isValid())
                part.roots.push_back(s);
            if (span(s).hasTime()) {
                info.startNs = timed ? std::min(info.startNs, span(s).startNs) : span(s).startNs;
                info.endNs = timed ? std::max(info.endNs, span(s).endNs()) : span(s).endNs();
                timed = true;
            }
            info.errorCount += span(s).isError() ? 1 : 0;
            part.services.push_back(span(s).service);
        }
        std::sort(
            part.roots.begin(), part.roots.end(), [this](SpanIndex a, SpanIndex b) { return startsBefore(a, b); });
        std::sort(part.services.begin(), part.services.end());
        info.serviceCount =
            static_cast<std::uint32_t>(std::unique(part.services.begin(), part.services.end()) - part.services.begin());
        info.rootCount = static_cast<std::uint32_t>(part.roots.size());
        info.root = part.roots.empty() ? SpanIndex {} : part.roots.front();

        for (const SpanIndex root : part.roots)
            appendDepthFirst(part, root);
        info.order.count = static_cast<std::uint32_t>(part.order.size()) - info.order.begin;
        info.hasTime = timed;
        part.traces.push_back(info);
    }

    void appendDepthFirst(Part& part, SpanIndex root)
    {
        part.stack.clear();
        part.stack.push_back(root);
        while (!part.stack.empty()) {
            const SpanIndex s = part.stack.back();
            part.stack.pop_back();
            part.order.push_back(s);
            const SpanIndex parent = m_forest.m_parent[s.value];
            m_forest.m_depth[s.value] = parent.isValid() ? m_forest.m_depth[parent.value] + 1 : 0;
            const auto children = m_forest.childrenOf(s);
            part.stack.insert(part.stack.end(), children.rbegin(), children.rend());
        }
    }

    std::span<const Span> m_spans;
    TraceForest& m_forest;
    std::vector<SpanIndex> m_byTrace;
    std::vector<std::uint32_t> m_traceStarts;
    std::vector<std::uint32_t> m_stamps; // per span: the walk that last passed it (breakCycles)
};

TraceForest TraceForest::build(std::span<const Span> spans)
{
    // A thread pays for itself from some tens of thousands of spans.
    constexpr std::size_t spansPerPart = 50'000;
    const std::size_t cores = std::clamp(std::thread::hardware_concurrency(), 1u, 4u);
    return build(spans, std::clamp<std::size_t>(spans.size() / spansPerPart, 1, cores));
}

TraceForest TraceForest::build(std::span<const Span> spans, std::size_t parts)
{
    TraceForest forest;
    Builder(spans, forest).run(parts);
    return forest;
}

std::span<const SpanIndex> TraceForest::spansOf(const TraceInfo& trace) const
{
    return std::span<const SpanIndex>(m_order).subspan(trace.order.begin, trace.order.count);
}

std::span<const SpanIndex> TraceForest::childrenOf(SpanIndex span) const
{
    const auto begin = m_childBegin[span.value];
    return std::span<const SpanIndex>(m_children).subspan(begin, m_childBegin[span.value + 1] - begin);
}

TraceIndex TraceForest::findTrace(TraceId id) const
{
    const auto it = std::lower_bound(
        m_traces.begin(), m_traces.end(), id, [](const TraceInfo& t, TraceId wanted) { return t.id < wanted; });
    if (it == m_traces.end() || it->id != id)
        return {};
    return TraceIndex {static_cast<std::uint32_t>(it - m_traces.begin())};
}

} // namespace Spanwise
