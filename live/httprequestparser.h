#pragma once

#include "httprequest.h"

#include <cstddef>
#include <string>
#include <string_view>

namespace Spanwise {

struct HttpLimits {
    std::size_t maxHeaderBytes = 64 * 1024;
    std::size_t maxBodyBytes = 64 * 1024 * 1024;
};

// Frames HTTP/1.1 requests from bytes as they arrive, in any pieces: the request line, headers,
// and a body by Content-Length or chunked transfer coding. The caps hold before anything is
// kept: a Content-Length past the body cap fails at once (413), a chunked body fails as soon as
// its chunks pass it, so a client can never make the receiver hold more than the caps.
// Small on purpose, and fuzzed (tests/fuzz/fuzz_http_request.cpp).
class HttpRequestParser
{
public:
    enum class State { Incomplete, Complete, Failed };

    explicit HttpRequestParser(HttpLimits limits = {});

    // Takes more bytes. Complete: request() is whole and bytes past it wait for next().
    State feed(std::string_view bytes);
    State state() const { return m_state; }
    const HttpRequest& request() const { return m_request; }
    // Whether the head asked for "100 Continue" and the body has not started yet.
    bool expectsContinue() const;
    // Failed: the status to answer (400, 413, 431, 501, 505) and why, in one sentence.
    int errorStatus() const { return m_errorStatus; }
    const std::string& errorMessage() const { return m_errorMessage; }

    // Starts on the next request of a kept-alive connection with the bytes already received.
    State next();

private:
    State parse();
    State parseHead();
    State parseChunks();
    State fail(int status, std::string message);

    enum class Phase { Head, Body, ChunkSize, ChunkData, ChunkDataEnd, Trailers, Done };

    HttpLimits m_limits;
    std::string m_pending; // bytes not yet consumed
    HttpRequest m_request;
    State m_state = State::Incomplete;
    Phase m_phase = Phase::Head;
    std::size_t m_bodyLength = 0; // Content-Length, or the current chunk's size
    std::size_t m_trailerBytes = 0;
    int m_errorStatus = 0;
    std::string m_errorMessage;
};

} // namespace Spanwise
