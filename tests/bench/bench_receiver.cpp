// Prints what live mode and `spanwise receive` cost on generated spans: the OTLP endpoint's
// handling of export requests (decode, check), the same over loopback sockets through
// the receiver in its own thread (requests sent one after another on one kept-alive connection),
// and live mode's reload (the buffer's snapshot and its load) at the buffer's size. Requests
// hold one generated trace each (~19 spans), as a batch span processor's small exports do.
// Never asserts on time.
//   bench_receiver [SPANS]   (default 100000)
#include "benchsupport.h"
#include "formatwriters.h"
#include "generator.h"
#include "httprequestparser.h"
#include "otlphttphandler.h"
#include "otlpreceiver.h"
#include "receivedtraces.h"
#include "traceset.h"

#include <QCoreApplication>
#include <QTcpSocket>
#include <QThread>

#include <cstdio>
#include <sstream>

using namespace Spanwise;

namespace {

struct Request {
    std::string body;
    std::string contentType;
};

// One request per generated trace, in both encodings.
std::vector<Request> requestsOf(const std::vector<TraceGen::GeneratedTrace>& traces, bool protobuf)
{
    std::vector<Request> requests;
    if (protobuf) {
        std::ostringstream out;
        TraceGen::writeOtlpProtobuf(traces, out, true);
        const std::string framed = out.str();
        for (std::size_t at = 0; at + 4 <= framed.size();) {
            const auto byte = [&](std::size_t i) { return std::size_t(static_cast<unsigned char>(framed[at + i])); };
            const std::size_t length = byte(0) << 24 | byte(1) << 16 | byte(2) << 8 | byte(3);
            requests.push_back({framed.substr(at + 4, length), "application/x-protobuf"});
            at += 4 + length;
        }
    } else {
        std::ostringstream out;
        TraceGen::writeOtlpJson(traces, out, true);
        std::istringstream lines(out.str());
        for (std::string line; std::getline(lines, line);)
            if (!line.empty())
                requests.push_back({line, "application/json"});
    }
    return requests;
}

HttpRequest httpRequestOf(const Request& request)
{
    HttpRequest http;
    http.method = "POST";
    http.target = "/v1/traces";
    http.headers = {{"content-type", request.contentType}};
    http.body = request.body;
    return http;
}

// Sends every request on one connection and reads each answer; the spans the receiver took.
double overSockets(const std::vector<Request>& requests, std::size_t& spans)
{
    QThread thread;
    auto* receiver = new OtlpReceiver;
    receiver->moveToThread(&thread);
    std::atomic<std::size_t> received {0};
    QObject::connect(
        receiver, &OtlpReceiver::batchReceived, receiver,
        [&received](std::shared_ptr<const ReceivedBatch> batch) { received += batch->accepted.size(); },
        Qt::DirectConnection);
    thread.start();
    quint16 port = 0;
    QMetaObject::invokeMethod(
        receiver,
        [&] {
            ListenAddress address;
            address.port = 0;
            if (receiver->listen(address))
                port = receiver->address().port;
        },
        Qt::BlockingQueuedConnection);
    QTcpSocket socket;
    socket.connectToHost(QHostAddress::LocalHost, port);
    socket.waitForConnected(5000);
    const double ms = Bench::millisecondsOf([&] {
        for (const Request& request : requests) {
            const QByteArray head = "POST /v1/traces HTTP/1.1\r\nHost: localhost\r\nContent-Type: " +
                QByteArray::fromStdString(request.contentType) +
                "\r\nContent-Length: " + QByteArray::number(qsizetype(request.body.size())) + "\r\n\r\n";
            socket.write(head);
            socket.write(request.body.data(), qint64(request.body.size()));
            // The answer: read until its (empty or small) body is in.
            QByteArray answer;
            while (!answer.contains("\r\n\r\n") ||
                answer.size() < answer.indexOf("\r\n\r\n") + 4 +
                        answer.mid(answer.indexOf("Content-Length: ") + 16).split('\r').front().toInt()) {
                if (!socket.waitForReadyRead(10'000))
                    return;
                answer += socket.readAll();
            }
        }
    });
    QMetaObject::invokeMethod(
        receiver, [receiver] { delete receiver; }, Qt::BlockingQueuedConnection);
    thread.quit();
    thread.wait();
    spans = received;
    return ms;
}

} // namespace

int main(int argc, char** argv)
{
    QCoreApplication app(argc, argv);
    const std::int64_t spans = argc > 1 ? std::atoll(argv[1]) : 100000;
    TraceGen::GeneratorOptions options;
    options.totalSpans = spans;
    const auto traces = TraceGen::Generator(options).generate();
    std::printf("receiver benchmark: %lld spans requested, one request per trace (%zu requests)\n",
        static_cast<long long>(spans), traces.size());
    bool failed = false;
    for (const bool protobuf : {true, false}) {
        const std::vector<Request> requests = requestsOf(traces, protobuf);
        std::size_t bytes = 0;
        for (const Request& r : requests)
            bytes += r.body.size();
        // The endpoint alone, and the live buffer filled from its batches.
        std::vector<std::shared_ptr<const ReceivedBatch>> batches;
        std::size_t handled = 0;
        const double handleMs = Bench::millisecondsOf([&] {
            for (const Request& request : requests) {
                OtlpHandling handling = handleOtlpRequest(httpRequestOf(request), OtlpReceiver::defaultMaxBodyBytes);
                if (handling.batch) {
                    handled += handling.batch->accepted.size();
                    batches.push_back(std::move(handling.batch));
                }
            }
        });
        ReceivedTraces buffer(std::size_t(spans) * 2);
        const double bufferMs = Bench::millisecondsOf([&] {
            for (const auto& batch : batches)
                buffer.add(*batch);
        });
        std::string snapshot;
        const double snapshotMs = Bench::millisecondsOf([&] { snapshot = buffer.jsonLines(); });
        LoadResult reloaded;
        const double reloadMs = Bench::millisecondsOf([&] { reloaded = Bench::loadText(snapshot, "received"); });
        std::size_t socketSpans = 0;
        const double socketMs = overSockets(requests, socketSpans);

        const char* name = protobuf ? "protobuf" : "json";
        std::printf("%-9s %7.1f MB of requests\n", name, bytes / 1e6);
        std::printf(
            "%-9s endpoint: %8.1f ms  %9.0f spans/s (decode and check)\n", name, handleMs, handled / (handleMs / 1000));
        std::printf("%-9s sockets:  %8.1f ms  %9.0f spans/s (one connection, one request at a time)\n", name, socketMs,
            socketSpans / (socketMs / 1000));
        std::printf("%-9s live buffer: add %.1f ms; reload at %zu spans: snapshot %.1f ms (%.1f MB) + load %.1f ms\n",
            name, bufferMs, buffer.figures().spans, snapshotMs, snapshot.size() / 1e6, reloadMs);
        std::size_t generated = 0;
        for (const auto& trace : traces)
            generated += trace.spans.size();
        if (handled != generated || socketSpans != handled || reloaded.traces->spans().size() != handled) {
            std::fprintf(stderr,
                "bench_receiver: %s: %zu spans generated, %zu handled, %zu over sockets, %zu reloaded\n", name,
                generated, handled, socketSpans, reloaded.traces->spans().size());
            failed = true;
        }
    }
    std::printf("peak RSS of this process: %.1f MB\n", Bench::peakRssBytes() / 1e6);
    return failed ? 1 : 0;
}
