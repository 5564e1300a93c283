#pragma once

#include "ids.h"

#include <cstddef>
#include <cstdint>
#include <deque>
#include <map>
#include <mutex>
#include <string>

namespace Spanwise {

struct ReceivedBatch;

// What live mode has received, bounded: each trace's spans as OTLP JSON lines, oldest trace
// first. Past the span cap the oldest traces go, whole, and are counted, so a noisy service
// cannot exhaust memory and the user sees that something went. Thread-safe: the receiver's
// thread adds, the window reads a snapshot.
class ReceivedTraces
{
public:
    static constexpr std::size_t defaultMaxSpans = 200'000;

    struct Figures {
        std::uint64_t requests = 0;      // accepted export requests
        std::uint64_t spansReceived = 0; // every accepted span, evicted or not
        std::uint64_t rejectedSpans = 0;
        std::size_t spans = 0; // held now
        std::size_t traces = 0;
        std::uint64_t evictedTraces = 0;
        std::uint64_t evictedSpans = 0;
        std::uint64_t version = 0; // grows with every change, to tell a snapshot is stale
    };

    explicit ReceivedTraces(std::size_t maxSpans = defaultMaxSpans);

    void add(const ReceivedBatch& batch);
    // Evicts at once when the held spans pass the new cap.
    void setMaxSpans(std::size_t maxSpans);
    std::size_t maxSpans() const;
    void clear();
    Figures figures() const;
    // Everything held as OTLP JSON Lines, traces oldest first (what Save Received writes and
    // what the window loads).
    std::string jsonLines() const;

private:
    struct Trace {
        std::string lines;
        std::size_t spans = 0;
    };
    void evict(); // with the mutex held

    mutable std::mutex m_mutex;
    std::size_t m_maxSpans;
    std::map<TraceId, Trace> m_traces;
    std::deque<TraceId> m_arrival; // first arrival order
    Figures m_figures;
};

} // namespace Spanwise
