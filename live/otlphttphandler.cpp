#include "otlphttphandler.h"

#include "decompress.h"
#include "otlpexport.h"
#include "traceloader.h"
#include "traceset.h"

#include "opentelemetry/proto/trace/v1/trace.pb.h"

#include <simdjson.h>

#include <algorithm>
#include <cctype>
#include <expected>

namespace Spanwise {
namespace {

enum class Encoding { Protobuf, Json };

constexpr std::string_view tracesPath = "/v1/traces";

std::string lowerCase(std::string_view text)
{
    std::string out(text);
    for (char& c : out)
        c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return out;
}

std::string contentTypeOf(Encoding encoding)
{
    return encoding == Encoding::Protobuf ? "application/x-protobuf" : "application/json";
}

void appendVarint(std::string& out, std::uint64_t value)
{
    while (value >= 0x80) {
        out += static_cast<char>((value & 0x7f) | 0x80);
        value >>= 7;
    }
    out += static_cast<char>(value);
}

void appendLengthDelimited(std::string& out, int field, std::string_view bytes)
{
    appendVarint(out, static_cast<std::uint64_t>(field) << 3 | 2);
    appendVarint(out, bytes.size());
    out += bytes;
}

std::string jsonString(std::string_view text)
{
    std::string out = "\"";
    for (const char c : text) {
        if (c == '"' || c == '\\') {
            out += '\\';
            out += c;
        } else if (static_cast<unsigned char>(c) < 0x20) {
            out += ' ';
        } else {
            out += c;
        }
    }
    return out + '"';
}

// google.rpc.Status{code: INVALID_ARGUMENT, message}, the body OTLP/HTTP gives a 400.
HttpResponse badRequest(Encoding encoding, const std::string& message)
{
    constexpr int invalidArgument = 3;
    HttpResponse response {400, contentTypeOf(encoding), {}, {}};
    if (encoding == Encoding::Protobuf) {
        appendVarint(response.body, 1 << 3 | 0);
        appendVarint(response.body, invalidArgument);
        appendLengthDelimited(response.body, 2, message);
    } else {
        response.body = "{\"code\":3,\"message\":" + jsonString(message) + "}";
    }
    return response;
}

// ExportTraceServiceResponse, with partial_success only when something was rejected.
HttpResponse exported(Encoding encoding, std::size_t rejected, const std::string& message)
{
    HttpResponse response {200, contentTypeOf(encoding), {}, {}};
    if (encoding == Encoding::Protobuf) {
        if (rejected > 0) {
            std::string partial;
            appendVarint(partial, 1 << 3 | 0);
            appendVarint(partial, rejected);
            appendLengthDelimited(partial, 2, message);
            appendLengthDelimited(response.body, 1, partial);
        }
    } else {
        response.body = rejected == 0 ? "{}"
                                      : "{\"partialSuccess\":{\"rejectedSpans\":\"" + std::to_string(rejected) +
                "\",\"errorMessage\":" + jsonString(message) + "}}";
    }
    return response;
}

// How many span records the request holds, having checked it is an export request at all.
std::expected<std::size_t, std::string> countSpanRecords(std::string_view body, Encoding encoding)
{
    if (encoding == Encoding::Protobuf) {
        opentelemetry::proto::trace::v1::TracesData request;
        if (body.size() > static_cast<std::size_t>(std::numeric_limits<int>::max()) ||
            !request.ParseFromArray(body.data(), static_cast<int>(body.size())))
            return std::unexpected("the body is not an OTLP ExportTraceServiceRequest protobuf message");
        std::size_t count = 0;
        for (const auto& resourceSpans : request.resource_spans())
            for (const auto& scopeSpans : resourceSpans.scope_spans())
                count += static_cast<std::size_t>(scopeSpans.spans_size());
        return count;
    }
    simdjson::dom::parser parser;
    const simdjson::padded_string padded(body);
    simdjson::dom::element root;
    if (const auto error = parser.parse(padded).get(root))
        return std::unexpected(std::string("the body is not JSON: ") + simdjson::error_message(error));
    if (!root.is_object())
        return std::unexpected("the body is not an OTLP ExportTraceServiceRequest JSON object");
    std::size_t count = 0;
    simdjson::dom::array resourceSpans;
    if (root["resourceSpans"].get(resourceSpans))
        return count; // an empty request is a valid one
    for (const simdjson::dom::element resource : resourceSpans) {
        simdjson::dom::array scopeSpans;
        if (resource["scopeSpans"].get(scopeSpans))
            continue;
        for (const simdjson::dom::element scope : scopeSpans) {
            simdjson::dom::array spans;
            if (!scope["spans"].get(spans))
                count += spans.size();
        }
    }
    return count;
}

HttpResponse corsPreflight()
{
    HttpResponse response {204, {}, {}, {}};
    response.headers = {{"Access-Control-Allow-Methods", "POST, OPTIONS"},
        {"Access-Control-Allow-Headers", "Content-Type, Content-Encoding, Authorization"},
        {"Access-Control-Max-Age", "86400"}};
    return response;
}

OtlpHandling handleExport(const HttpRequest& request, std::size_t maxBodyBytes)
{
    const std::string type =
        lowerCase(request.header("content-type").substr(0, request.header("content-type").find(';')));
    Encoding encoding = Encoding::Json;
    if (type == "application/x-protobuf" || type == "application/protobuf")
        encoding = Encoding::Protobuf;
    else if (type != "application/json")
        return {httpErrorResponse(
                    415, "Content-Type must be application/x-protobuf or application/json, not \"" + type + "\""),
            {}};

    std::string_view body = request.body;
    PaddedBuffer inflated;
    const std::string contentEncoding = lowerCase(request.header("content-encoding"));
    if (contentEncoding == "gzip") {
        DecompressResult result = decompress(body, Compression::Gzip, {maxBodyBytes});
        if (result.capped)
            return {
                httpErrorResponse(413, "the gzip body inflates past " + std::to_string(maxBodyBytes) + " bytes"), {}};
        if (result.error)
            return {badRequest(encoding, "the gzip body is damaged: " + *result.error), {}};
        inflated = std::move(result.bytes);
        body = inflated.view();
    } else if (!contentEncoding.empty() && contentEncoding != "identity") {
        return {httpErrorResponse(415, "Content-Encoding \"" + contentEncoding + "\" is not supported; use gzip"), {}};
    }

    const auto records = countSpanRecords(body, encoding);
    if (!records)
        return {badRequest(encoding, records.error()), {}};

    std::vector<NamedBuffer> buffers;
    buffers.push_back({"request", PaddedBuffer(body)});
    LoadOptions options;
    options.format = encoding == Encoding::Protobuf ? "otlp-proto" : "otlp-json";
    options.maxDecompressedBytes = maxBodyBytes;
    LoadResult loaded = loadTraceBuffers(buffers, options);

    auto batch = std::make_shared<ReceivedBatch>();
    batch->set = loaded.traces;
    const auto spans = loaded.traces->spans();
    for (std::uint32_t i = 0; i < spans.size(); ++i)
        if (!(spans[i].flags & (SpanMissingId | SpanMissingTraceId)))
            batch->accepted.push_back(SpanIndex {i});
    batch->rejected = *records > batch->accepted.size() ? *records - batch->accepted.size() : 0;
    std::string why;
    if (batch->rejected > 0)
        why = std::to_string(batch->rejected) + " span(s) had no valid traceId or spanId, or were not span objects";
    HttpResponse response = exported(encoding, batch->rejected, why);
    if (batch->accepted.empty())
        return {std::move(response), {}};
    return {std::move(response), std::move(batch)};
}

} // namespace

std::string ReceivedBatch::toOtlpJson() const
{
    return otlpJsonOfSpans(*set, accepted);
}

OtlpHandling handleOtlpRequest(const HttpRequest& request, std::size_t maxBodyBytes)
{
    OtlpHandling handling;
    if (request.path() != tracesPath)
        handling.response =
            httpErrorResponse(404, "nothing here: OTLP/HTTP traces go to POST " + std::string(tracesPath));
    else if (request.method == "OPTIONS")
        handling.response = corsPreflight();
    else if (request.method != "POST") {
        handling.response = httpErrorResponse(405, "use POST " + std::string(tracesPath));
        handling.response.headers.emplace_back("Allow", "POST, OPTIONS");
    } else
        handling = handleExport(request, maxBodyBytes);
    // Browsers read the answer only with this (the preflight alone is not enough).
    handling.response.headers.emplace_back("Access-Control-Allow-Origin", "*");
    return handling;
}

HttpResponse httpErrorResponse(int status, const std::string& message)
{
    return {status, "application/json",
        "{\"code\":" + std::to_string(status) + ",\"message\":" + jsonString(message) + "}", {}};
}

const char* httpReasonPhrase(int status)
{
    switch (status) {
    case 100:
        return "Continue";
    case 200:
        return "OK";
    case 204:
        return "No Content";
    case 400:
        return "Bad Request";
    case 404:
        return "Not Found";
    case 405:
        return "Method Not Allowed";
    case 408:
        return "Request Timeout";
    case 413:
        return "Content Too Large";
    case 415:
        return "Unsupported Media Type";
    case 431:
        return "Request Header Fields Too Large";
    case 501:
        return "Not Implemented";
    case 503:
        return "Service Unavailable";
    case 505:
        return "HTTP Version Not Supported";
    default:
        return "Error";
    }
}

std::string HttpResponse::serialize(bool keepAlive) const
{
    std::string out = "HTTP/1.1 " + std::to_string(status) + ' ' + httpReasonPhrase(status) + "\r\n";
    if (!contentType.empty())
        out += "Content-Type: " + contentType + "\r\n";
    out += "Content-Length: " + std::to_string(body.size()) + "\r\n";
    for (const auto& [name, value] : headers)
        out += name + ": " + value + "\r\n";
    if (!keepAlive)
        out += "Connection: close\r\n";
    out += "\r\n";
    out += body;
    return out;
}

} // namespace Spanwise
