#include "formatwriters.h"

#include "jsonwriting.h"

#include "opentelemetry/proto/trace/v1/trace.pb.h"

#include <algorithm>
#include <cctype>
#include <map>
#include <string>
#include <type_traits>

namespace Spanwise::TraceGen {
namespace {

namespace otlp = opentelemetry::proto;

std::string tagText(const TagValue& value)
{
    return std::visit(
        [](const auto& v) -> std::string {
            using T = std::decay_t<decltype(v)>;
            if constexpr (std::is_same_v<T, std::string>)
                return v;
            else if constexpr (std::is_same_v<T, bool>)
                return v ? "true" : "false";
            else
                return std::to_string(v);
        },
        value);
}

int otlpKind(const std::string& kind)
{
    if (kind == "server")
        return 2;
    if (kind == "client")
        return 3;
    if (kind == "producer")
        return 4;
    if (kind == "consumer")
        return 5;
    return 1;
}

void writeOtlpValue(std::ostream& out, const TagValue& value)
{
    std::visit(
        [&out](const auto& v) {
            using T = std::decay_t<decltype(v)>;
            if constexpr (std::is_same_v<T, std::string>) {
                out << "{\"stringValue\":";
                writeJsonString(out, v);
                out << '}';
            } else if constexpr (std::is_same_v<T, bool>) {
                out << "{\"boolValue\":" << (v ? "true" : "false") << '}';
            } else if constexpr (std::is_same_v<T, std::int64_t>) {
                out << "{\"intValue\":\"" << v << "\"}";
            } else {
                out << "{\"doubleValue\":" << v << '}';
            }
        },
        value);
}

void writeOtlpAttributes(std::ostream& out, const std::vector<Tag>& tags)
{
    out << '[';
    for (std::size_t i = 0; i < tags.size(); ++i) {
        out << (i ? "," : "") << "{\"key\":";
        writeJsonString(out, tags[i].key);
        out << ",\"value\":";
        writeOtlpValue(out, tags[i].value);
        out << '}';
    }
    out << ']';
}

// Spans of one trace grouped by service, in first-seen order.
std::map<std::string, std::vector<const GeneratedSpan*>> byService(const GeneratedTrace& trace)
{
    std::map<std::string, std::vector<const GeneratedSpan*>> groups;
    for (const GeneratedSpan& span : trace.spans)
        groups[span.service].push_back(&span);
    return groups;
}

void writeOtlpResourceSpans(std::ostream& out, const GeneratedTrace& trace)
{
    bool firstResource = true;
    for (const auto& [service, spans] : byService(trace)) {
        out << (firstResource ? "" : ",")
            << "{\"resource\":{\"attributes\":[{\"key\":\"service.name\",\"value\":{\"stringValue\":";
        writeJsonString(out, service);
        out << "}}]},\"scopeSpans\":[{\"scope\":{\"name\":\"spanwise-tracegen\",\"version\":\"1\"},\"spans\":[";
        firstResource = false;
        for (std::size_t i = 0; i < spans.size(); ++i) {
            const GeneratedSpan& s = *spans[i];
            out << (i ? "," : "") << "{\"traceId\":\"";
            writeHex(out, trace.traceIdHi, 16);
            writeHex(out, trace.traceIdLo, 16);
            out << "\",\"spanId\":\"";
            writeHex(out, s.spanId, 16);
            out << '"';
            if (s.parentId) {
                out << ",\"parentSpanId\":\"";
                writeHex(out, s.parentId, 16);
                out << '"';
            }
            out << ",\"name\":";
            writeJsonString(out, s.operation);
            out << ",\"kind\":" << otlpKind(s.kind) << ",\"startTimeUnixNano\":\"" << s.startNs
                << "\",\"endTimeUnixNano\":\"" << s.startNs + s.durationNs << "\",\"attributes\":";
            writeOtlpAttributes(out, s.tags);
            out << ",\"events\":[";
            for (std::size_t e = 0; e < s.logs.size(); ++e) {
                out << (e ? "," : "") << "{\"timeUnixNano\":\"" << s.logs[e].timeNs
                    << "\",\"name\":\"log\",\"attributes\":";
                writeOtlpAttributes(out, s.logs[e].fields);
                out << '}';
            }
            out << "],\"status\":{";
            if (s.error) {
                out << "\"code\":2,\"message\":";
                writeJsonString(out, s.statusMessage);
            }
            out << "}}";
        }
        out << "]}]}";
    }
}

void setAttributes(google::protobuf::RepeatedPtrField<otlp::common::v1::KeyValue>* out, const std::vector<Tag>& tags)
{
    for (const Tag& tag : tags) {
        auto* kv = out->Add();
        kv->set_key(tag.key);
        std::visit(
            [kv](const auto& v) {
                using T = std::decay_t<decltype(v)>;
                if constexpr (std::is_same_v<T, std::string>)
                    kv->mutable_value()->set_string_value(v);
                else if constexpr (std::is_same_v<T, bool>)
                    kv->mutable_value()->set_bool_value(v);
                else if constexpr (std::is_same_v<T, std::int64_t>)
                    kv->mutable_value()->set_int_value(v);
                else
                    kv->mutable_value()->set_double_value(v);
            },
            tag.value);
    }
}

std::string bytesOf(std::uint64_t value)
{
    std::string out(8, '\0');
    for (int i = 7; i >= 0; --i, value >>= 8)
        out[static_cast<std::size_t>(i)] = static_cast<char>(value & 0xff);
    return out;
}

void addTrace(otlp::trace::v1::TracesData& data, const GeneratedTrace& trace)
{
    for (const auto& [service, spans] : byService(trace)) {
        auto* resourceSpans = data.add_resource_spans();
        auto* name = resourceSpans->mutable_resource()->add_attributes();
        name->set_key("service.name");
        name->mutable_value()->set_string_value(service);
        auto* scope = resourceSpans->add_scope_spans();
        scope->mutable_scope()->set_name("spanwise-tracegen");
        for (const GeneratedSpan* s : spans) {
            auto* span = scope->add_spans();
            span->set_trace_id(bytesOf(trace.traceIdHi) + bytesOf(trace.traceIdLo));
            span->set_span_id(bytesOf(s->spanId));
            if (s->parentId)
                span->set_parent_span_id(bytesOf(s->parentId));
            span->set_name(s->operation);
            span->set_kind(static_cast<otlp::trace::v1::Span::SpanKind>(otlpKind(s->kind)));
            span->set_start_time_unix_nano(static_cast<std::uint64_t>(s->startNs));
            span->set_end_time_unix_nano(static_cast<std::uint64_t>(s->startNs + s->durationNs));
            setAttributes(span->mutable_attributes(), s->tags);
            for (const GeneratedLog& log : s->logs) {
                auto* event = span->add_events();
                event->set_time_unix_nano(static_cast<std::uint64_t>(log.timeNs));
                event->set_name("log");
                setAttributes(event->mutable_attributes(), log.fields);
            }
            if (s->error) {
                span->mutable_status()->set_code(otlp::trace::v1::Status::STATUS_CODE_ERROR);
                span->mutable_status()->set_message(s->statusMessage);
            }
        }
    }
}

} // namespace

void writeZipkinJson(const std::vector<GeneratedTrace>& traces, std::ostream& out)
{
    out << "[\n";
    bool first = true;
    for (const GeneratedTrace& trace : traces) {
        for (const GeneratedSpan& s : trace.spans) {
            out << (first ? "" : ",\n") << "{\"traceId\":\"";
            first = false;
            writeHex(out, trace.traceIdHi, 16);
            writeHex(out, trace.traceIdLo, 16);
            out << "\",\"id\":\"";
            writeHex(out, s.spanId, 16);
            out << '"';
            if (s.parentId) {
                out << ",\"parentId\":\"";
                writeHex(out, s.parentId, 16);
                out << '"';
            }
            out << ",\"name\":";
            writeJsonString(out, s.operation);
            if (s.kind != "internal") {
                std::string kind = s.kind;
                for (char& c : kind)
                    c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
                out << ",\"kind\":\"" << kind << '"';
            }
            out << ",\"timestamp\":" << s.startNs / 1000
                << ",\"duration\":" << std::max<std::int64_t>(1, s.durationNs / 1000)
                << ",\"localEndpoint\":{\"serviceName\":";
            writeJsonString(out, s.service);
            out << "},\"tags\":{";
            bool firstTag = true;
            for (const Tag& tag : s.tags) {
                out << (firstTag ? "" : ",");
                writeJsonString(out, tag.key);
                out << ':';
                writeJsonString(out, tagText(tag.value));
                firstTag = false;
            }
            if (s.error) {
                out << (firstTag ? "" : ",") << "\"error\":";
                writeJsonString(out, s.statusMessage);
            }
            out << "},\"annotations\":[";
            for (std::size_t i = 0; i < s.logs.size(); ++i) {
                out << (i ? "," : "") << "{\"timestamp\":" << s.logs[i].timeNs / 1000 << ",\"value\":";
                writeJsonString(out, tagText(s.logs[i].fields.front().value));
                out << '}';
            }
            out << "]}";
        }
    }
    out << "\n]\n";
}

void writeOtlpJson(const std::vector<GeneratedTrace>& traces, std::ostream& out, bool jsonLines)
{
    if (jsonLines) {
        for (const GeneratedTrace& trace : traces) {
            out << "{\"resourceSpans\":[";
            writeOtlpResourceSpans(out, trace);
            out << "]}\n";
        }
        return;
    }
    out << "{\"resourceSpans\":[";
    for (std::size_t t = 0; t < traces.size(); ++t) {
        if (t)
            out << ",\n";
        writeOtlpResourceSpans(out, traces[t]);
    }
    out << "]}\n";
}

void writeOtlpProtobuf(const std::vector<GeneratedTrace>& traces, std::ostream& out, bool lengthPrefixed)
{
    if (!lengthPrefixed) {
        otlp::trace::v1::TracesData data;
        for (const GeneratedTrace& trace : traces)
            addTrace(data, trace);
        data.SerializeToOstream(&out);
        return;
    }
    for (const GeneratedTrace& trace : traces) {
        otlp::trace::v1::TracesData data;
        addTrace(data, trace);
        const std::string body = data.SerializeAsString();
        const auto size = static_cast<std::uint32_t>(body.size());
        const char prefix[4] = {static_cast<char>(size >> 24), static_cast<char>(size >> 16),
            static_cast<char>(size >> 8), static_cast<char>(size)};
        out.write(prefix, 4);
        out << body;
    }
}

} // namespace Spanwise::TraceGen
