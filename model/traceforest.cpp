#include "traceforest.h"

#include "flatidmap.h"

#include <algorithm>
#include <numeric>

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

// Builds the forest one trace at a time; the per-trace scratch (id lookup) is reused.
class TraceForest::Builder
{
public:
    Builder(std::span<const Span> spans, TraceForest& forest)
        : m_spans(spans)
        , m_forest(forest)
    { }

    void run()
    {
        const std::size_t n = m_spans.size();
        m_forest.m_parent.assign(n, SpanIndex {});
        m_forest.m_depth.assign(n, 0);
        m_forest.m_traceOf.assign(n, TraceIndex {});
        m_forest.m_order.reserve(n);

        const std::vector<SpanIndex> byTrace = spansByTrace();
        linkParents(byTrace);
        buildChildren();
        for (std::size_t begin = 0; begin < n;) {
            std::size_t end = begin + 1;
            while (end < n && span(byTrace[end]).traceId == span(byTrace[begin]).traceId)
                ++end;
            addTrace(std::span<const SpanIndex>(byTrace).subspan(begin, end - begin));
            begin = end;
        }
    }

private:
    const Span& span(SpanIndex i) const { return m_spans[i.value]; }

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
    bool startsBefore(SpanIndex a, SpanIndex b) const
    {
        const auto sa = span(a).startNs, sb = span(b).startNs;
        return sa != sb ? sa < sb : a < b;
    }

    void addDiagnostic(DiagnosticKind kind, SpanIndex s, SpanIndex other = {})
    {
        m_forest.m_diagnostics.push_back({kind, s, other});
    }

    // Resolves parent ids within each trace (spans sorted by trace id, then input order), then
    // cuts every parent cycle at its earliest-starting member.
    // Zipkin shared spans: the server half (flagged by the importer) shares its client half's
    // id. It becomes the client half's child, and children naming that id hang under it.
    void linkParents(std::span<const SpanIndex> byTrace)
    {
        for (std::size_t begin = 0; begin < byTrace.size();) {
            std::size_t end = begin;
            const TraceId trace = span(byTrace[begin]).traceId;
            while (end < byTrace.size() && span(byTrace[end]).traceId == trace)
                ++end;
            m_firstWithId.reset(end - begin);
            m_serverHalfWithId.reset(end - begin);
            for (std::size_t i = begin; i < end; ++i) {
                const SpanIndex s = byTrace[i];
                auto& ids = (span(s).flags & SpanSharedServerHalf) ? m_serverHalfWithId : m_firstWithId;
                if (const std::uint32_t* earlier = ids.insert(span(s).spanId, s.value))
                    addDiagnostic(DiagnosticKind::DuplicateSpanId, s, SpanIndex {*earlier});
            }
            for (std::size_t i = begin; i < end; ++i) {
                const SpanIndex s = byTrace[i];
                if (span(s).flags & SpanSharedServerHalf) {
                    if (const std::uint32_t* client = m_firstWithId.find(span(s).spanId)) {
                        m_forest.m_parent[s.value] = SpanIndex {*client};
                        continue;
                    }
                }
                if (!span(s).hasParentId())
                    continue;
                const std::uint64_t parentId = span(s).parentSpanId;
                const std::uint32_t* server = m_serverHalfWithId.find(parentId);
                if (server && *server != s.value) {
                    m_forest.m_parent[s.value] = SpanIndex {*server};
                } else if (const std::uint32_t* parent = m_firstWithId.find(parentId)) {
                    m_forest.m_parent[s.value] = SpanIndex {*parent};
                } else {
                    addDiagnostic(DiagnosticKind::MissingParent, s);
                }
            }
            breakCycles(byTrace.subspan(begin, end - begin));
            begin = end;
        }
    }

    void breakCycles(std::span<const SpanIndex> traceSpans)
    {
        // Walk up from each span, stamping the walk; meeting the current stamp means a cycle.
        for (const SpanIndex start : traceSpans) {
            ++m_stampCounter;
            SpanIndex s = start;
            while (s.isValid() && stamp(s) == 0) {
                stamp(s) = m_stampCounter;
                s = m_forest.m_parent[s.value];
            }
            if (!s.isValid() || stamp(s) != m_stampCounter)
                continue;
            SpanIndex earliest = s;
            for (SpanIndex c = m_forest.m_parent[s.value]; c != s; c = m_forest.m_parent[c.value])
                if (startsBefore(c, earliest))
                    earliest = c;
            m_forest.m_parent[earliest.value] = SpanIndex {};
            addDiagnostic(DiagnosticKind::CycleBroken, earliest);
        }
    }

    std::uint32_t& stamp(SpanIndex s)
    {
        if (m_stamps.size() != m_spans.size())
            m_stamps.assign(m_spans.size(), 0);
        return m_stamps[s.value];
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

    void addTrace(std::span<const SpanIndex> traceSpans)
    {
        const TraceIndex traceIndex {static_cast<std::uint32_t>(m_forest.m_traces.size())};
        TraceInfo info;
        info.id = span(traceSpans.front()).traceId;
        info.order.begin = static_cast<std::uint32_t>(m_forest.m_order.size());
        // Untimed spans (Span::hasTime) have no place on the axis: they never stretch the range.
        bool timed = false;

        m_roots.clear();
        m_services.clear();
        for (const SpanIndex s : traceSpans) {
            m_forest.m_traceOf[s.value] = traceIndex;
            if (!m_forest.m_parent[s.value].isValid())
                m_roots.push_back(s);
            if (span(s).hasTime()) {
                info.startNs = timed ? std::min(info.startNs, span(s).startNs) : span(s).startNs;
                info.endNs = timed ? std::max(info.endNs, span(s).endNs()) : span(s).endNs();
                timed = true;
            }
            info.errorCount += span(s).isError() ? 1 : 0;
            m_services.push_back(span(s).service);
        }
        std::sort(m_roots.begin(), m_roots.end(), [this](SpanIndex a, SpanIndex b) { return startsBefore(a, b); });
        std::sort(m_services.begin(), m_services.end());
        info.serviceCount =
            static_cast<std::uint32_t>(std::unique(m_services.begin(), m_services.end()) - m_services.begin());
        info.rootCount = static_cast<std::uint32_t>(m_roots.size());
        info.root = m_roots.empty() ? SpanIndex {} : m_roots.front();

        for (const SpanIndex root : m_roots)
            appendDepthFirst(root);
        info.order.count = static_cast<std::uint32_t>(m_forest.m_order.size()) - info.order.begin;
        info.hasTime = timed;
        m_forest.m_traces.push_back(info);
    }

    void appendDepthFirst(SpanIndex root)
    {
        m_stack.clear();
        m_stack.push_back(root);
        while (!m_stack.empty()) {
            const SpanIndex s = m_stack.back();
            m_stack.pop_back();
            m_forest.m_order.push_back(s);
            const SpanIndex parent = m_forest.m_parent[s.value];
            m_forest.m_depth[s.value] = parent.isValid() ? m_forest.m_depth[parent.value] + 1 : 0;
            const auto children = m_forest.childrenOf(s);
            m_stack.insert(m_stack.end(), children.rbegin(), children.rend());
        }
    }

    std::span<const Span> m_spans;
    TraceForest& m_forest;
    std::vector<std::uint32_t> m_stamps;
    std::uint32_t m_stampCounter = 0;
    std::vector<SpanIndex> m_roots;
    std::vector<ServiceId> m_services;
    std::vector<SpanIndex> m_stack;
    struct IdHash {
        std::uint64_t operator()(std::uint64_t id) const { return mixedBits(id); }
    };
    FlatIdMap<std::uint64_t, IdHash> m_firstWithId;      // the current trace's spans by id
    FlatIdMap<std::uint64_t, IdHash> m_serverHalfWithId; // its Zipkin server halves by id
};

TraceForest TraceForest::build(std::span<const Span> spans)
{
    TraceForest forest;
    Builder(spans, forest).run();
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
