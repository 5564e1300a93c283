#pragma once

#include "httprequest.h"
#include "ids.h"

#include <cstddef>
#include <memory>
#include <string>
#include <utility>
#include <vector>

namespace Spanwise {

class TraceSet;

// What one accepted export request carried: the spans read from it (by the OTLP importers) and
// which of them were accepted (those with a valid trace id and span id).
struct ReceivedBatch {
    std::shared_ptr<const TraceSet> set;
    std::vector<SpanIndex> accepted;
    std::size_t rejected = 0;

    // The accepted spans re-encoded as one line of OTLP JSON (what `spanwise receive` writes);
    // made when asked, as live mode encodes per trace instead.
    std::string toOtlpJson() const;
};

struct HttpResponse {
    int status = 200;
    std::string contentType;
    std::string body;
    std::vector<std::pair<std::string, std::string>> headers; // beyond Content-Type/-Length

    // The whole response as bytes on the wire.
    std::string serialize(bool keepAlive) const;
};

struct OtlpHandling {
    HttpResponse response;
    std::shared_ptr<const ReceivedBatch> batch; // null unless spans were accepted
};

// The OTLP/HTTP trace endpoint (OTLP specification, "OTLP/HTTP"): POST /v1/traces with
// application/x-protobuf or application/json, gzip or not. 200 with an
// ExportTraceServiceResponse in the request's encoding (partial success counts rejected spans),
// 400 with a google.rpc.Status on a body that is not a request, 413 past the size cap (also
// once inflated), 415 on another content type or encoding, 405 on another method, 404 on
// another path; CORS preflight (OPTIONS) answered so browser SDKs can export.
OtlpHandling handleOtlpRequest(const HttpRequest& request, std::size_t maxBodyBytes);

// The answer to a request the framing refused (HttpRequestParser's status and message).
HttpResponse httpErrorResponse(int status, const std::string& message);

// The reason phrase of a status the receiver sends.
const char* httpReasonPhrase(int status);

} // namespace Spanwise
