#include "receivedtraces.h"

#include "otlpexport.h"
#include "otlphttphandler.h"
#include "traceset.h"

#include <vector>

namespace Spanwise {

ReceivedTraces::ReceivedTraces(std::size_t maxSpans)
    : m_maxSpans(maxSpans)
{ }

void ReceivedTraces::add(const ReceivedBatch& batch)
{
    // One line per trace per request, so a trace can be dropped without touching others.
    std::map<TraceId, std::vector<SpanIndex>> byTrace;
    for (const SpanIndex span : batch.accepted)
        byTrace[batch.set->span(span).traceId].push_back(span);
    std::vector<std::pair<TraceId, std::string>> lines;
    for (const auto& [trace, spans] : byTrace)
        lines.emplace_back(trace, otlpJsonOfSpans(*batch.set, spans) + '\n');

    const std::lock_guard lock(m_mutex);
    ++m_figures.requests;
    m_figures.spansReceived += batch.accepted.size();
    m_figures.rejectedSpans += batch.rejected;
    for (auto& [trace, line] : lines) {
        auto [entry, added] = m_traces.try_emplace(trace);
        if (added)
            m_arrival.push_back(trace);
        entry->second.lines += line;
        entry->second.spans += byTrace[trace].size();
        m_figures.spans += byTrace[trace].size();
    }
    evict();
    ++m_figures.version;
}

void ReceivedTraces::setMaxSpans(std::size_t maxSpans)
{
    const std::lock_guard lock(m_mutex);
    m_maxSpans = maxSpans;
    evict();
    ++m_figures.version;
}

std::size_t ReceivedTraces::maxSpans() const
{
    const std::lock_guard lock(m_mutex);
    return m_maxSpans;
}

void ReceivedTraces::evict()
{
    while (m_figures.spans > m_maxSpans && !m_arrival.empty()) {
        const auto found = m_traces.find(m_arrival.front());
        m_arrival.pop_front();
        if (found == m_traces.end())
            continue;
        m_figures.spans -= found->second.spans;
        m_figures.evictedSpans += found->second.spans;
        ++m_figures.evictedTraces;
        m_traces.erase(found);
    }
    m_figures.traces = m_traces.size();
}

void ReceivedTraces::clear()
{
    const std::lock_guard lock(m_mutex);
    m_traces.clear();
    m_arrival.clear();
    const std::uint64_t version = m_figures.version + 1;
    m_figures = {};
    m_figures.version = version;
}

ReceivedTraces::Figures ReceivedTraces::figures() const
{
    const std::lock_guard lock(m_mutex);
    return m_figures;
}

std::string ReceivedTraces::jsonLines() const
{
    const std::lock_guard lock(m_mutex);
    std::size_t bytes = 0;
    for (const auto& [id, trace] : m_traces)
        bytes += trace.lines.size();
    std::string out;
    out.reserve(bytes);
    for (const TraceId& id : m_arrival)
        out += m_traces.at(id).lines;
    return out;
}

} // namespace Spanwise
