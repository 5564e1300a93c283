#include "sampling.h"

#include "meshfolding.h"
#include "servicenames.h"
#include "traceset.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <map>

namespace Spanwise {
namespace {

// The value of one key of a W3C tracestate list ("key=value,key=value").
std::string_view tracestateMember(std::string_view tracestate, std::string_view key)
{
    while (!tracestate.empty()) {
        const std::size_t comma = tracestate.find(',');
        std::string_view entry = tracestate.substr(0, comma);
        tracestate = comma == std::string_view::npos ? std::string_view {} : tracestate.substr(comma + 1);
        while (!entry.empty() && (entry.front() == ' ' || entry.front() == '\t'))
            entry.remove_prefix(1);
        if (entry.size() > key.size() && entry.starts_with(key) && entry[key.size()] == '=')
            return entry.substr(key.size() + 1);
    }
    return {};
}

// The value of one sub-key of OpenTelemetry's "ot" entry ("th:8;rv:…").
std::string_view otField(std::string_view ot, std::string_view key)
{
    while (!ot.empty()) {
        const std::size_t semicolon = ot.find(';');
        const std::string_view field = ot.substr(0, semicolon);
        ot = semicolon == std::string_view::npos ? std::string_view {} : ot.substr(semicolon + 1);
        if (field.size() > key.size() && field.starts_with(key) && field[key.size()] == ':')
            return field.substr(key.size() + 1);
    }
    return {};
}

} // namespace

std::optional<double> tracestateProbability(std::string_view tracestate, SamplingSource* source)
{
    const std::string_view ot = tracestateMember(tracestate, "ot");
    if (ot.empty())
        return std::nullopt;
    if (const std::string_view th = otField(ot, "th"); !th.empty()) {
        if (th.size() > 14)
            return std::nullopt;
        std::uint64_t threshold = 0;
        const auto [end, error] = std::from_chars(th.data(), th.data() + th.size(), threshold, 16);
        if (error != std::errc() || end != th.data() + th.size())
            return std::nullopt;
        threshold <<= 4 * (14 - th.size()); // trailing zeros were left out
        if (source)
            *source = SamplingSource::OtelThreshold;
        return static_cast<double>((std::uint64_t {1} << 56) - threshold) /
            static_cast<double>(std::uint64_t {1} << 56);
    }
    if (const std::string_view p = otField(ot, "p"); !p.empty()) {
        int exponent = 0;
        const auto [end, error] = std::from_chars(p.data(), p.data() + p.size(), exponent);
        if (error != std::errc() || end != p.data() + p.size() || exponent < 0 || exponent > 63)
            return std::nullopt;
        if (source)
            *source = SamplingSource::OtelPValue;
        return exponent == 63 ? 0.0 : std::ldexp(1.0, -exponent);
    }
    return std::nullopt;
}

std::optional<double> jaegerSamplerProbability(std::string_view type, std::string_view param)
{
    double value = 0;
    const auto [end, error] = std::from_chars(param.data(), param.data() + param.size(), value);
    const bool number = error == std::errc() && end == param.data() + param.size();
    if (type == "probabilistic" && number && value >= 0 && value <= 1)
        return value;
    if (type == "const" && ((number && value == 1) || param == "true"))
        return 1.0;
    return std::nullopt;
}

TraceSampling traceSampling(const TraceSet& set, TraceIndex trace)
{
    TraceSampling result;
    const TraceInfo& info = set.trace(trace);
    const SpanIndex root = info.root;
    const std::string type = firstAttributeText(set, root, {"sampler.type"});
    if (!type.empty()) {
        result.sampler = type;
        result.probability = jaegerSamplerProbability(type, firstAttributeText(set, root, {"sampler.param"}));
        result.source = SamplingSource::JaegerSampler;
        if (result.probability)
            return result;
    }
    // The tracestate travels with the trace: the root's, else the first span's that has one.
    for (const SpanIndex s : set.forest().spansOf(info)) {
        const Span& span = set.span(s);
        if (!span.traceState.isValid())
            continue;
        SamplingSource source = SamplingSource::None;
        if (const auto p = tracestateProbability(set.text(span.traceState), &source)) {
            result.probability = p;
            result.source = source;
            return result;
        }
    }
    return result;
}

std::vector<double> traceSamplingProbabilities(const TraceSet& set)
{
    std::vector<double> probabilities(set.traces().size(), 0);
    for (std::uint32_t t = 0; t < probabilities.size(); ++t)
        probabilities[t] = traceSampling(set, TraceIndex {t}).probability.value_or(0);
    return probabilities;
}

SamplingFacts samplingFacts(const TraceSet& set)
{
    SamplingFacts facts;
    facts.traceProbability.assign(set.traces().size(), 0);
    std::map<std::uint32_t, ServiceSampling> byService;
    for (std::uint32_t t = 0; t < set.traces().size(); ++t) {
        const TraceSampling sampling = traceSampling(set, TraceIndex {t});
        const ServiceId root = set.span(set.trace(TraceIndex {t}).root).service;
        ServiceSampling& service = byService[root.value];
        service.service = root;
        ++service.traces;
        if (!sampling.probability)
            continue;
        facts.traceProbability[t] = *sampling.probability;
        if (service.known++ == 0) {
            service.source = sampling.source;
            service.sampler = sampling.sampler;
        }
        service.minProbability = std::min(service.minProbability, *sampling.probability);
        service.maxProbability = std::max(service.maxProbability, *sampling.probability);
    }
    for (const Span& span : set.spans())
        if (span.traceFlags != 0 || span.traceState.isValid()) {
            ++facts.spansWithFlags;
            facts.unsampledSpans += (span.traceFlags & 1) == 0 ? 1 : 0;
        }
    for (const ServiceId id : servicesByName(set))
        if (const auto it = byService.find(id.value); it != byService.end())
            facts.services.push_back(it->second);
    return facts;
}

std::string incompleteTraceReason(const TraceSet& set, TraceIndex trace)
{
    const TraceInfo& info = set.trace(trace);
    if (info.rootCount > 1)
        return std::to_string(info.rootCount) + " roots: spans between them are missing";
    if (set.span(info.root).hasParentId())
        return "its root has a parent that is not loaded (sampled away, or not exported)";
    return {};
}

std::string samplingSourceName(SamplingSource source, std::string_view sampler)
{
    switch (source) {
    case SamplingSource::JaegerSampler:
        return "Jaeger " + std::string(sampler.empty() ? "sampler" : sampler) + " sampler";
    case SamplingSource::OtelThreshold:
        return "OpenTelemetry threshold (tracestate ot=th)";
    case SamplingSource::OtelPValue:
        return "OpenTelemetry p-value (tracestate ot=p)";
    case SamplingSource::None:
        break;
    }
    return "not recorded";
}

} // namespace Spanwise
