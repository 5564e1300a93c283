#pragma once

#include "ids.h"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace Spanwise {

class TraceSet;

// What the data says about sampling (docs/analysis.md, "Sampling"). Head sampling decides at a
// trace's root and the decision travels with it: Jaeger records the sampler on the root span
// (tags sampler.type and sampler.param), OpenTelemetry in the W3C tracestate (ot=th:…, the
// rejection threshold, or the older ot=p:…), and every span carries the W3C sampled flag.

enum class SamplingSource : std::uint8_t { None, JaegerSampler, OtelThreshold, OtelPValue };

// The probability a tracestate's "ot" entry gives: th:HEX (up to 14 hex digits of a 56-bit
// rejection threshold T, trailing zeros left out; probability (2^56 − T) / 2^56) or p:N
// (probability 2^−N). Nothing when it names neither.
std::optional<double> tracestateProbability(std::string_view tracestate, SamplingSource* source = nullptr);
// A Jaeger sampler's probability: "probabilistic" with its param, "const" with a true param
// (1); rate limiting and others say nothing about a probability.
std::optional<double> jaegerSamplerProbability(std::string_view type, std::string_view param);

// The sampling of one trace, from its root span (or, failing that, any of its spans' tracestate).
struct TraceSampling {
    std::optional<double> probability;
    SamplingSource source = SamplingSource::None;
    std::string sampler; // Jaeger's sampler.type, when that is the source
};
TraceSampling traceSampling(const TraceSet& set, TraceIndex trace);

// Each trace's recorded sampling probability, by TraceIndex; 0 where none is recorded.
std::vector<double> traceSamplingProbabilities(const TraceSet& set);

// Per root service: how its traces were sampled.
struct ServiceSampling {
    ServiceId service;
    std::uint64_t traces = 0; // traces rooted in it
    std::uint64_t known = 0;  // of which the probability is known
    double minProbability = 1, maxProbability = 0;
    SamplingSource source = SamplingSource::None; // the source of the first known probability
    std::string sampler;                          // Jaeger's sampler.type, when known
};

struct SamplingFacts {
    std::vector<double> traceProbability;  // by TraceIndex; 0 where unknown
    std::vector<ServiceSampling> services; // root services, by name
    std::uint64_t unsampledSpans = 0;      // spans whose W3C sampled flag is clear
    std::uint64_t spansWithFlags = 0;      // spans that carry trace flags at all
};
SamplingFacts samplingFacts(const TraceSet& set);

// Why a trace looks incomplete (empty when it does not): spans missing, as when a service's
// spans were sampled away or not exported. Its root has a parent that is not loaded, or it has
// several roots.
std::string incompleteTraceReason(const TraceSet& set, TraceIndex trace);

// "Jaeger probabilistic sampler", "OpenTelemetry threshold (tracestate ot=th)", …
std::string samplingSourceName(SamplingSource source, std::string_view sampler = {});

} // namespace Spanwise
