#include "traceset.h"

#include "spantimes.h"

#include <algorithm>
#include <map>
#include <set>

namespace Spanwise {

std::shared_ptr<const TraceSet> TraceSet::withShiftedSpans(const std::vector<std::int64_t>& shiftNs) const
{
    assert(shiftNs.size() == m_spans.size());
    auto copy = std::make_shared<TraceSet>(*this);
    for (std::size_t i = 0; i < copy->m_spans.size(); ++i) {
        const std::int64_t shift = shiftNs[i];
        if (shift == 0)
            continue;
        Span& span = copy->m_spans[i];
        setStartAndDuration(span, saturatingAdd(span.startNs, shift), span.durationNs);
        for (std::uint32_t e = span.events.begin; e < span.events.end(); ++e)
            copy->m_events[e].timeNs = clampTime(saturatingAdd(copy->m_events[e].timeNs, shift));
    }
    // A span's logs move with it: they were written on the same clock.
    for (LogRecord& log : copy->m_logs)
        if (log.span.isValid() && log.hasTime && shiftNs[log.span.value] != 0)
            log.timeNs = clampTime(saturatingAdd(log.timeNs, shiftNs[log.span.value]));
    copy->m_forest = TraceForest::build(copy->m_spans);
    copy->attachLogs();
    return copy;
}

void TraceSet::attachLogs()
{
    m_logsBySpan.clear();
    m_attachedLogs = 0;
    if (m_logs.empty())
        return;
    // The forest finds a trace by its id; Datadog's ids know only the low 64 bits, which need
    // a map of their own (made only when such a log is loaded).
    const auto traces = m_forest.traces();
    std::map<std::uint64_t, TraceIndex> traceByLow;
    if (std::any_of(m_logs.begin(), m_logs.end(), [](const LogRecord& log) { return log.traceIdLow64Only; }))
        for (std::uint32_t t = 0; t < traces.size(); ++t)
            traceByLow.emplace(traces[t].id.lo, TraceIndex {t});
    for (LogRecord& log : m_logs) {
        log.trace = {};
        log.span = {};
        if (log.traceId.isNull())
            continue;
        if (log.traceIdLow64Only) {
            if (const auto it = traceByLow.find(log.traceId.lo); it != traceByLow.end())
                log.trace = it->second;
        } else {
            log.trace = m_forest.findTrace(log.traceId);
        }
        m_attachedLogs += log.trace.isValid() ? 1 : 0;
    }
    // Span ids of the traces logs name only: a few logs beside a million spans stay cheap.
    std::map<std::pair<std::uint32_t, std::uint64_t>, SpanIndex> spanById; // (trace, span id)
    std::set<std::uint32_t> indexed;
    for (const LogRecord& log : m_logs)
        if (log.trace.isValid() && log.spanId != 0 && indexed.insert(log.trace.value).second)
            for (const SpanIndex s : m_forest.spansOf(traces[log.trace.value]))
                spanById.emplace(std::pair {log.trace.value, m_spans[s.value].spanId}, s);
    for (std::uint32_t i = 0; i < m_logs.size(); ++i) {
        LogRecord& log = m_logs[i];
        if (!log.trace.isValid() || log.spanId == 0)
            continue;
        if (const auto it = spanById.find({log.trace.value, log.spanId}); it != spanById.end()) {
            log.span = it->second;
            m_logsBySpan.push_back(i);
        }
    }
    std::stable_sort(m_logsBySpan.begin(), m_logsBySpan.end(), [this](std::uint32_t a, std::uint32_t b) {
        return std::pair {m_logs[a].span.value, m_logs[a].timeNs} < std::pair {m_logs[b].span.value, m_logs[b].timeNs};
    });
}

std::span<const std::uint32_t> TraceSet::logsOf(SpanIndex span) const
{
    const auto spanOf = [this](std::uint32_t log) { return m_logs[log].span.value; };
    const auto first = std::partition_point(
        m_logsBySpan.begin(), m_logsBySpan.end(), [&](std::uint32_t log) { return spanOf(log) < span.value; });
    const auto last =
        std::partition_point(first, m_logsBySpan.end(), [&](std::uint32_t log) { return spanOf(log) == span.value; });
    return {first, last};
}

std::size_t TraceSet::errorSpanCount() const
{
    return static_cast<std::size_t>(
        std::count_if(m_spans.begin(), m_spans.end(), [](const Span& s) { return s.isError(); }));
}

FileIndex TraceSet::fileOf(SpanIndex span) const
{
    assert(span.value < m_spans.size());
    const auto after = std::upper_bound(m_fileFirstSpans.begin(), m_fileFirstSpans.end(), span.value);
    if (after == m_fileFirstSpans.begin())
        return {};
    return FileIndex {static_cast<std::uint32_t>(after - m_fileFirstSpans.begin() - 1)};
}

SpanDrops TraceSet::dropsOf(SpanIndex span) const
{
    const auto found = std::lower_bound(m_spanDrops.begin(), m_spanDrops.end(), span.value,
        [](const std::pair<std::uint32_t, SpanDrops>& entry, std::uint32_t value) { return entry.first < value; });
    return found != m_spanDrops.end() && found->first == span.value ? found->second : SpanDrops {};
}

std::size_t TraceSet::approximateBytes() const
{
    std::size_t bytes = m_spans.size() * sizeof(Span) + m_spanSources.size() * sizeof(SpanSource) +
        m_attributes.size() * sizeof(Attribute) + m_events.size() * sizeof(Event) + m_links.size() * sizeof(Link) +
        m_resources.size() * sizeof(Resource) + m_scopes.size() * sizeof(Scope) +
        m_spanDrops.size() * sizeof(m_spanDrops[0]) + m_fileFirstSpans.size() * sizeof(std::uint32_t);
    for (std::size_t i = 0; i < m_strings.size(); ++i)
        bytes +=
            sizeof(std::string) + m_strings.view(StringId {static_cast<std::uint32_t>(i)}).size() + 32; // + hash entry
    return bytes + m_forest.approximateBytes();
}

} // namespace Spanwise
