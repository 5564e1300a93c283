#pragma once

#include <QString>

#include <cstdint>
#include <optional>
#include <vector>

namespace Spanwise {

class TraceSet;

// What the trace list can be narrowed to. Empty fields do not filter.
struct TraceFilter {
    QString text;      // in root service, root operation, trace id or file name (done by the proxy)
    QString service;   // a span of this service
    QString operation; // a span whose operation contains this
    std::optional<std::int64_t> minDurationNs;
    std::optional<std::int64_t> maxDurationNs;
    bool errorsOnly = false;
    QString attribute; // "key=value" (a span with that attribute) or "key" (any value)

    bool filtersSpans() const { return !service.isEmpty() || !operation.isEmpty() || !attribute.isEmpty(); }
};

// For each trace (by TraceIndex), whether it passes the filter's structured criteria.
std::vector<bool> tracesPassing(const TraceSet& set, const TraceFilter& filter);

// "250ms", "1.5 s", "300us", "2m", "90" (milliseconds): a duration typed by a user.
std::optional<std::int64_t> parseDuration(const QString& text);

} // namespace Spanwise
