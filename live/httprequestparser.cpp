#include "httprequestparser.h"

#include <algorithm>
#include <cassert>
#include <cctype>
#include <charconv>
#include <limits>

namespace Spanwise {
namespace {

// RFC 9110 token characters (method and header names).
bool isTokenChar(char c)
{
    if (std::isalnum(static_cast<unsigned char>(c)))
        return true;
    constexpr std::string_view extra = "!#$%&'*+-.^_`|~";
    return extra.find(c) != std::string_view::npos;
}

bool isToken(std::string_view text)
{
    return !text.empty() && std::ranges::all_of(text, isTokenChar);
}

std::string lowerCase(std::string_view text)
{
    std::string out(text);
    for (char& c : out)
        c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return out;
}

std::string_view trimmed(std::string_view text)
{
    while (!text.empty() && (text.front() == ' ' || text.front() == '\t'))
        text.remove_prefix(1);
    while (!text.empty() && (text.back() == ' ' || text.back() == '\t'))
        text.remove_suffix(1);
    return text;
}

constexpr std::size_t maxChunkSizeLine = 1024;

} // namespace

HttpRequestParser::HttpRequestParser(HttpLimits limits)
    : m_limits(limits)
{ }

HttpRequestParser::State HttpRequestParser::feed(std::string_view bytes)
{
    if (m_state != State::Incomplete)
        return m_state;
    m_pending.append(bytes);
    return parse();
}

HttpRequestParser::State HttpRequestParser::next()
{
    m_request = {};
    m_state = State::Incomplete;
    m_phase = Phase::Head;
    m_bodyLength = 0;
    m_trailerBytes = 0;
    m_errorStatus = 0;
    m_errorMessage.clear();
    return parse();
}

bool HttpRequestParser::expectsContinue() const
{
    const bool waitingForBody = m_phase == Phase::Body || m_phase == Phase::ChunkSize;
    return m_state == State::Incomplete && waitingForBody && m_request.body.empty() && m_pending.empty() &&
        lowerCase(m_request.header("expect")) == "100-continue";
}

HttpRequestParser::State HttpRequestParser::fail(int status, std::string message)
{
    m_state = State::Failed;
    m_errorStatus = status;
    m_errorMessage = std::move(message);
    m_pending.clear();
    return m_state;
}

HttpRequestParser::State HttpRequestParser::parse()
{
    if (m_phase == Phase::Head) {
        const State head = parseHead();
        if (head != State::Incomplete || m_phase == Phase::Head)
            return head;
    }
    if (m_phase == Phase::Body) {
        if (m_pending.size() < m_bodyLength)
            return m_state;
        m_request.body = m_pending.substr(0, m_bodyLength);
        m_pending.erase(0, m_bodyLength);
        m_phase = Phase::Done;
    }
    if (m_phase != Phase::Done) {
        const State chunks = parseChunks();
        if (chunks != State::Incomplete || m_phase != Phase::Done)
            return chunks;
    }
    m_state = State::Complete;
    return m_state;
}

HttpRequestParser::State HttpRequestParser::parseHead()
{
    // Empty lines before a request line are allowed (RFC 9112 §2.2).
    while (m_pending.starts_with("\r\n"))
        m_pending.erase(0, 2);
    const std::size_t end = m_pending.find("\r\n\r\n");
    if (end == std::string::npos) {
        if (m_pending.size() > m_limits.maxHeaderBytes)
            return fail(
                431, "the request's header is longer than " + std::to_string(m_limits.maxHeaderBytes) + " bytes");
        return m_state;
    }
    if (end > m_limits.maxHeaderBytes)
        return fail(431, "the request's header is longer than " + std::to_string(m_limits.maxHeaderBytes) + " bytes");

    const std::string head = m_pending.substr(0, end);
    m_pending.erase(0, end + 4);
    std::string_view rest = head;
    const std::size_t lineEnd = rest.find("\r\n");
    const std::string_view requestLine = rest.substr(0, lineEnd);
    rest = lineEnd == std::string_view::npos ? std::string_view() : rest.substr(lineEnd + 2);

    const std::size_t firstSpace = requestLine.find(' ');
    const std::size_t lastSpace = requestLine.rfind(' ');
    if (firstSpace == std::string_view::npos || lastSpace == firstSpace)
        return fail(400, "the request line is not \"METHOD TARGET HTTP/1.1\"");
    const std::string_view method = requestLine.substr(0, firstSpace);
    const std::string_view target = requestLine.substr(firstSpace + 1, lastSpace - firstSpace - 1);
    const std::string_view version = requestLine.substr(lastSpace + 1);
    if (!isToken(method) || target.empty() || target.find(' ') != std::string_view::npos)
        return fail(400, "the request line is not \"METHOD TARGET HTTP/1.1\"");
    if (version == "HTTP/1.1")
        m_request.minorVersion = 1;
    else if (version == "HTTP/1.0")
        m_request.minorVersion = 0;
    else if (version.starts_with("HTTP/"))
        return fail(505, "only HTTP/1.0 and HTTP/1.1 are served, not " + std::string(version));
    else
        return fail(400, "the request line is not \"METHOD TARGET HTTP/1.1\"");
    m_request.method = method;
    m_request.target = target;

    while (!rest.empty()) {
        const std::size_t next = rest.find("\r\n");
        const std::string_view line = rest.substr(0, next);
        rest = next == std::string_view::npos ? std::string_view() : rest.substr(next + 2);
        const std::size_t colon = line.find(':');
        if (colon == std::string_view::npos || !isToken(line.substr(0, colon)))
            return fail(400, "a header line is not \"Name: value\"");
        m_request.headers.emplace_back(lowerCase(line.substr(0, colon)), std::string(trimmed(line.substr(colon + 1))));
    }

    const std::string transferEncoding = lowerCase(m_request.header("transfer-encoding"));
    bool lengthSeen = false;
    for (const auto& [name, value] : m_request.headers) {
        if (name != "content-length")
            continue;
        std::size_t length = 0;
        const auto [end, error] = std::from_chars(value.data(), value.data() + value.size(), length);
        if (value.empty() || error == std::errc::result_out_of_range)
            return fail(413, "the body is larger than " + std::to_string(m_limits.maxBodyBytes) + " bytes");
        if (error != std::errc() || end != value.data() + value.size())
            return fail(400, "Content-Length is not a number: " + value);
        if (lengthSeen && length != m_bodyLength)
            return fail(400, "the request has two different Content-Length headers");
        lengthSeen = true;
        m_bodyLength = length;
    }
    if (!transferEncoding.empty()) {
        // A request with both could be read two ways by two servers (request smuggling).
        if (lengthSeen)
            return fail(400, "the request has both Transfer-Encoding and Content-Length");
        if (transferEncoding != "chunked")
            return fail(501, "Transfer-Encoding \"" + transferEncoding + "\" is not supported; use chunked");
        m_phase = Phase::ChunkSize;
        return m_state;
    }
    if (m_bodyLength > m_limits.maxBodyBytes)
        return fail(413,
            "the body (" + std::to_string(m_bodyLength) + " bytes) is larger than " +
                std::to_string(m_limits.maxBodyBytes) + " bytes");
    m_phase = Phase::Body;
    return m_state;
}

HttpRequestParser::State HttpRequestParser::parseChunks()
{
    while (m_phase != Phase::Done) {
        switch (m_phase) {
        case Phase::ChunkSize: {
            const std::size_t lineEnd = m_pending.find("\r\n");
            if (lineEnd == std::string::npos) {
                if (m_pending.size() > maxChunkSizeLine)
                    return fail(400, "a chunk size line is longer than " + std::to_string(maxChunkSizeLine) + " bytes");
                return m_state;
            }
            // Chunk extensions (";name=value") carry nothing the receiver needs.
            std::string_view digits = std::string_view(m_pending).substr(0, lineEnd);
            digits = trimmed(digits.substr(0, digits.find(';')));
            std::size_t size = 0;
            const auto [end, error] = std::from_chars(digits.data(), digits.data() + digits.size(), size, 16);
            if (error == std::errc::result_out_of_range ||
                (error == std::errc() && size > m_limits.maxBodyBytes - m_request.body.size()))
                return fail(413, "the chunked body is larger than " + std::to_string(m_limits.maxBodyBytes) + " bytes");
            if (digits.empty() || error != std::errc() || end != digits.data() + digits.size())
                return fail(400, "a chunk size is not a hexadecimal number");
            m_pending.erase(0, lineEnd + 2);
            m_bodyLength = size;
            m_phase = size == 0 ? Phase::Trailers : Phase::ChunkData;
            break;
        }
        case Phase::ChunkData: {
            const std::size_t take = std::min(m_bodyLength, m_pending.size());
            m_request.body.append(m_pending, 0, take);
            m_pending.erase(0, take);
            m_bodyLength -= take;
            if (m_bodyLength > 0)
                return m_state;
            m_phase = Phase::ChunkDataEnd;
            break;
        }
        case Phase::ChunkDataEnd:
            if (m_pending.size() < 2)
                return m_state;
            if (!m_pending.starts_with("\r\n"))
                return fail(400, "a chunk does not end with CRLF where its size says");
            m_pending.erase(0, 2);
            m_phase = Phase::ChunkSize;
            break;
        case Phase::Trailers: {
            const std::size_t lineEnd = m_pending.find("\r\n");
            if (lineEnd == std::string::npos) {
                if (m_trailerBytes + m_pending.size() > m_limits.maxHeaderBytes)
                    return fail(431,
                        "the request's trailer is longer than " + std::to_string(m_limits.maxHeaderBytes) + " bytes");
                return m_state;
            }
            m_trailerBytes += lineEnd + 2;
            if (m_trailerBytes > m_limits.maxHeaderBytes)
                return fail(
                    431, "the request's trailer is longer than " + std::to_string(m_limits.maxHeaderBytes) + " bytes");
            m_pending.erase(0, lineEnd + 2);
            if (lineEnd == 0)
                m_phase = Phase::Done;
            break;
        }
        case Phase::Head:
        case Phase::Body:
        case Phase::Done:
            assert(false && "parseChunks runs in the chunk phases only");
            return fail(500, "internal error");
        }
    }
    return m_state;
}

} // namespace Spanwise
