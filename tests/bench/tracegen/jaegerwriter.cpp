#include "jaegerwriter.h"

#include "jsonwriting.h"

#include <map>
#include <string>
#include <type_traits>

namespace Spanwise::TraceGen {
namespace {

void writeTag(std::ostream& out, const Tag& tag)
{
    out << "{\"key\":";
    writeJsonString(out, tag.key);
    std::visit(
        [&out](const auto& value) {
            using T = std::decay_t<decltype(value)>;
            if constexpr (std::is_same_v<T, std::string>) {
                out << ",\"type\":\"string\",\"value\":";
                writeJsonString(out, value);
            } else if constexpr (std::is_same_v<T, bool>) {
                out << ",\"type\":\"bool\",\"value\":" << (value ? "true" : "false");
            } else if constexpr (std::is_same_v<T, std::int64_t>) {
                out << ",\"type\":\"int64\",\"value\":" << value;
            } else {
                out << ",\"type\":\"float64\",\"value\":" << value;
            }
        },
        tag.value);
    out << '}';
}

void writeTags(std::ostream& out, const std::vector<Tag>& tags)
{
    out << '[';
    for (std::size_t i = 0; i < tags.size(); ++i) {
        if (i)
            out << ',';
        writeTag(out, tags[i]);
    }
    out << ']';
}

void writeTraceId(std::ostream& out, const GeneratedTrace& trace)
{
    out << '"';
    writeHex(out, trace.traceIdHi, 16);
    writeHex(out, trace.traceIdLo, 16);
    out << '"';
}

} // namespace

void writeJaegerJson(const std::vector<GeneratedTrace>& traces, std::ostream& out)
{
    out << "{\"data\":[\n";
    for (std::size_t t = 0; t < traces.size(); ++t) {
        const GeneratedTrace& trace = traces[t];
        std::map<std::string, std::string> processIds; // service -> p1, p2, ... in first-use order
        for (const GeneratedSpan& span : trace.spans)
            processIds.try_emplace(span.service, "p" + std::to_string(processIds.size() + 1));
        out << (t ? ",\n" : "") << "{\"traceID\":";
        writeTraceId(out, trace);
        out << ",\"spans\":[\n";
        for (std::size_t s = 0; s < trace.spans.size(); ++s) {
            const GeneratedSpan& span = trace.spans[s];
            out << (s ? ",\n" : "") << "{\"traceID\":";
            writeTraceId(out, trace);
            out << ",\"spanID\":\"";
            writeHex(out, span.spanId, 16);
            out << "\",\"operationName\":";
            writeJsonString(out, span.operation);
            out << ",\"references\":[";
            if (span.parentId != 0) {
                out << "{\"refType\":\"CHILD_OF\",\"traceID\":";
                writeTraceId(out, trace);
                out << ",\"spanID\":\"";
                writeHex(out, span.parentId, 16);
                out << "\"}";
            }
            out << "],\"startTime\":" << span.startNs / 1000 << ",\"duration\":" << span.durationNs / 1000
                << ",\"tags\":";
            std::vector<Tag> tags = span.tags;
            tags.push_back({"span.kind", span.kind});
            if (span.error) {
                tags.push_back({"error", true});
                tags.push_back({"otel.status_description", span.statusMessage});
            }
            writeTags(out, tags);
            out << ",\"logs\":[";
            for (std::size_t l = 0; l < span.logs.size(); ++l) {
                out << (l ? "," : "") << "{\"timestamp\":" << span.logs[l].timeNs / 1000 << ",\"fields\":";
                writeTags(out, span.logs[l].fields);
                out << '}';
            }
            out << "],\"processID\":\"" << processIds[span.service] << "\",\"warnings\":null}";
        }
        out << "\n],\"processes\":{";
        bool first = true;
        for (const auto& [service, id] : processIds) {
            out << (first ? "" : ",") << '"' << id << "\":{\"serviceName\":";
            writeJsonString(out, service);
            out << ",\"tags\":[{\"key\":\"telemetry.sdk.language\",\"type\":\"string\",\"value\":\"go\"}]}";
            first = false;
        }
        out << "},\"warnings\":null}";
    }
    out << "\n],\"total\":0,\"limit\":0,\"offset\":0,\"errors\":null}\n";
}

} // namespace Spanwise::TraceGen
