// libFuzzer target: bytes as they would arrive on a receiver's connection, cut into pieces at
// places the input chooses, framed by HttpRequestParser; each whole request is answered by the
// OTLP/HTTP endpoint (so bodies reach the importers, gzip included). Checks that the framing
// never holds more than its caps and that every answer is a well-formed status.
#include "httprequestparser.h"
#include "otlphttphandler.h"

#include <cassert>
#include <cstdint>
#include <string_view>

using namespace Spanwise;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    if (size == 0)
        return 0;
    // The first byte chooses the piece size, so requests split in every place get tried.
    const std::size_t piece = 1 + data[0] % 64;
    const std::string_view bytes(reinterpret_cast<const char*>(data) + 1, size - 1);
    constexpr HttpLimits limits {4096, 64 * 1024};
    HttpRequestParser parser(limits);
    auto state = HttpRequestParser::State::Incomplete;
    for (std::size_t at = 0; at < bytes.size() && state == HttpRequestParser::State::Incomplete; at += piece) {
        state = parser.feed(bytes.substr(at, piece));
        while (state == HttpRequestParser::State::Complete) {
            assert(parser.request().body.size() <= limits.maxBodyBytes);
            const OtlpHandling handling = handleOtlpRequest(parser.request(), limits.maxBodyBytes);
            assert(handling.response.status >= 200 && handling.response.status < 600);
            assert(!handling.batch || !handling.batch->accepted.empty());
            state = parser.next();
        }
    }
    if (state == HttpRequestParser::State::Failed)
        assert(parser.errorStatus() >= 400 && !parser.errorMessage().empty());
    return 0;
}
