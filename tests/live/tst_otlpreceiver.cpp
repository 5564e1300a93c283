// The OTLP/HTTP receiver over real sockets: accepted exports in both encodings and gzip, the
// partial success answer, and every refusal the specification names, with the receiver still
// serving afterwards.
#include "corpus.h"
#include "manifest.h"
#include "otlpexport.h"
#include "receiverharness.h"
#include "traceloader.h"
#include "traceset.h"

#include <QTcpSocket>
#include <QTest>

#include <zlib.h>

using namespace Spanwise;
using namespace Spanwise::Test;

namespace {

const QString exampleTrace = QStringLiteral("public/otlp-json/jaeger-it-example-trace.json");

int manifestSpans(const QString& path)
{
    for (const ManifestEntry& entry : manifestEntries(QStringLiteral("otlp-json")))
        if (entry.path == path)
            return entry.spans;
    return -1;
}

QByteArray gzipOf(const QByteArray& bytes)
{
    z_stream stream {};
    deflateInit2(&stream, Z_BEST_COMPRESSION, Z_DEFLATED, 15 + 16, 9, Z_DEFAULT_STRATEGY);
    QByteArray out(static_cast<qsizetype>(deflateBound(&stream, static_cast<uLong>(bytes.size()))), '\0');
    stream.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(bytes.constData()));
    stream.avail_in = static_cast<uInt>(bytes.size());
    stream.next_out = reinterpret_cast<Bytef*>(out.data());
    stream.avail_out = static_cast<uInt>(out.size());
    deflate(&stream, Z_FINISH);
    out.resize(static_cast<qsizetype>(stream.total_out));
    deflateEnd(&stream);
    return out;
}

QByteArray exampleJson()
{
    bool ok = false;
    const QByteArray bytes = corpusBytes(exampleTrace, &ok);
    return ok ? bytes : QByteArray();
}

std::size_t acceptedSpans(const ReceiverHarness& receiver)
{
    std::size_t spans = 0;
    for (const auto& batch : receiver.batches())
        spans += batch->accepted.size();
    return spans;
}

} // namespace

class TestOtlpReceiver : public QObject
{
    Q_OBJECT

private slots:
    void jsonExportAccepted()
    {
        ReceiverHarness receiver;
        QVERIFY(receiver.port() != 0);
        const HttpAnswer answer = exchange(receiver.port(), exportRequest("application/json", exampleJson()));
        QCOMPARE(answer.status, 200);
        QCOMPARE(answer.header("content-type"), QByteArray("application/json"));
        QCOMPARE(answer.body, QByteArray("{}"));
        QCOMPARE(answer.header("access-control-allow-origin"), QByteArray("*"));
        QCOMPARE(int(acceptedSpans(receiver)), manifestSpans(exampleTrace));
    }

    void protobufExportAcceptedAndReencoded()
    {
        const std::string path = corpusFile(exampleTrace);
        const LoadResult loaded = loadTraceFiles(std::span(&path, 1));
        std::vector<SpanIndex> all;
        for (std::uint32_t i = 0; i < loaded.traces->spans().size(); ++i)
            all.push_back(SpanIndex {i});
        const std::string protobuf = otlpProtobufOfSpans(*loaded.traces, all);

        ReceiverHarness receiver;
        const HttpAnswer answer =
            exchange(receiver.port(), exportRequest("application/x-protobuf", QByteArray::fromStdString(protobuf)));
        QCOMPARE(answer.status, 200);
        QCOMPARE(answer.header("content-type"), QByteArray("application/x-protobuf"));
        QCOMPARE(answer.body, QByteArray()); // no partial_success: an empty response message
        QCOMPARE(receiver.batches().size(), std::size_t(1));
        const auto batch = receiver.batches().front();
        QCOMPARE(int(batch->accepted.size()), manifestSpans(exampleTrace));

        // The line `receive` writes reads back as the same spans.
        std::vector<NamedBuffer> line;
        line.push_back({"line", PaddedBuffer(batch->toOtlpJson())});
        const LoadResult again = loadTraceBuffers(line);
        QCOMPARE(again.reports.front().format, std::string("otlp-json"));
        QCOMPARE(again.traces->spans().size(), loaded.traces->spans().size());
        QCOMPARE(again.traces->traces().size(), loaded.traces->traces().size());
        QCOMPARE(again.traces->errorSpanCount(), loaded.traces->errorSpanCount());
    }

    void gzipBody()
    {
        ReceiverHarness receiver;
        const HttpAnswer answer = exchange(
            receiver.port(), exportRequest("application/json", gzipOf(exampleJson()), "Content-Encoding: gzip\r\n"));
        QCOMPARE(answer.status, 200);
        QCOMPARE(int(acceptedSpans(receiver)), manifestSpans(exampleTrace));
    }

    void partialSuccessCountsRejectedSpans()
    {
        ReceiverHarness receiver;
        const QByteArray body =
            R"({"resourceSpans":[{"resource":{"attributes":[{"key":"service.name","value":{"stringValue":"cart"}}]},
            "scopeSpans":[{"spans":[
              {"traceId":"0102030405060708090a0b0c0d0e0f10","spanId":"0102030405060708","name":"ok",
               "startTimeUnixNano":"1000","endTimeUnixNano":"2000"},
              {"traceId":"0102030405060708090a0b0c0d0e0f10","spanId":"","name":"no id",
               "startTimeUnixNano":"1000","endTimeUnixNano":"2000"},
              42]}]}]})";
        const HttpAnswer answer = exchange(receiver.port(), exportRequest("application/json", body));
        QCOMPARE(answer.status, 200);
        QVERIFY2(answer.body.contains(R"("rejectedSpans":"2")"), answer.body.constData());
        QVERIFY(answer.body.contains("errorMessage"));
        QCOMPARE(acceptedSpans(receiver), std::size_t(1));
        QVERIFY(!receiver.batches().front()->toOtlpJson().contains("no id"));
    }

    void badProtobufIs400WithStatus()
    {
        ReceiverHarness receiver;
        const HttpAnswer answer =
            exchange(receiver.port(), exportRequest("application/x-protobuf", "\xff\xff\xff\xff"));
        QCOMPARE(answer.status, 400);
        QCOMPARE(answer.header("content-type"), QByteArray("application/x-protobuf"));
        // google.rpc.Status: field 1 (code) = 3, then field 2 (message).
        QVERIFY(answer.body.startsWith(QByteArray("\x08\x03\x12", 3)));
        QVERIFY(answer.body.contains("protobuf"));
        QVERIFY(receiver.batches().empty());
    }

    void badJsonIs400()
    {
        ReceiverHarness receiver;
        const HttpAnswer answer = exchange(receiver.port(), exportRequest("application/json", "{\"resourceSpans\": ["));
        QCOMPARE(answer.status, 400);
        QVERIFY(answer.body.contains("\"message\""));
        QVERIFY(receiver.batches().empty());
    }

    void unknownContentTypeIs415()
    {
        ReceiverHarness receiver;
        QCOMPARE(exchange(receiver.port(), exportRequest("text/plain", "hello")).status, 415);
        QCOMPARE(
            exchange(receiver.port(), exportRequest("application/json", "{}", "Content-Encoding: br\r\n")).status, 415);
    }

    void oversizedBodyIs413BeforeItIsSent()
    {
        ReceiverHarness receiver(1024 * 1024);
        const QByteArray head = "POST /v1/traces HTTP/1.1\r\nContent-Type: application/json\r\nContent-Length: " +
            QByteArray::number(2 * 1024 * 1024) + "\r\n\r\n";
        const HttpAnswer answer = exchange(receiver.port(), head);
        QCOMPARE(answer.status, 413);
        QVERIFY(answer.closed);
    }

    void gzipBombIsCapped()
    {
        ReceiverHarness receiver(1024 * 1024);
        const QByteArray bomb = gzipOf(QByteArray(64 * 1024 * 1024, ' '));
        QVERIFY(bomb.size() < 1024 * 1024);
        const HttpAnswer answer =
            exchange(receiver.port(), exportRequest("application/json", bomb, "Content-Encoding: gzip\r\n"));
        QCOMPARE(answer.status, 413);
        QVERIFY(answer.body.contains("inflates"));
    }

    void clientDisconnectingMidBodyCostsNothing()
    {
        ReceiverHarness receiver;
        {
            QTcpSocket socket;
            socket.connectToHost(QHostAddress::LocalHost, receiver.port());
            QVERIFY(socket.waitForConnected(5000));
            socket.write(exportRequest("application/json", exampleJson()).left(200));
            QVERIFY(socket.waitForBytesWritten(5000));
            socket.abort();
        }
        QTest::qWait(100);
        QVERIFY(receiver.batches().empty());
        QCOMPARE(exchange(receiver.port(), exportRequest("application/json", exampleJson())).status, 200);
        QCOMPARE(receiver.batches().size(), std::size_t(1));
    }

    void routes()
    {
        ReceiverHarness receiver;
        const HttpAnswer get = exchange(receiver.port(), "GET /v1/traces HTTP/1.1\r\n\r\n");
        QCOMPARE(get.status, 405);
        QCOMPARE(get.header("allow"), QByteArray("POST, OPTIONS"));
        QCOMPARE(exchange(receiver.port(), "POST /v1/metrics HTTP/1.1\r\nContent-Length: 0\r\n\r\n").status, 404);
        const HttpAnswer preflight = exchange(receiver.port(),
            "OPTIONS /v1/traces HTTP/1.1\r\nOrigin: http://localhost:3000\r\nAccess-Control-Request-Method: "
            "POST\r\n\r\n");
        QCOMPARE(preflight.status, 204);
        QCOMPARE(preflight.header("access-control-allow-origin"), QByteArray("*"));
        QVERIFY(preflight.header("access-control-allow-methods").contains("POST"));
        QVERIFY(preflight.header("access-control-allow-headers").contains("Content-Type"));
    }

    void malformedFramingIs400AndClosed()
    {
        ReceiverHarness receiver;
        const HttpAnswer answer = exchange(receiver.port(), "POST /v1/traces\r\n\r\n");
        QCOMPARE(answer.status, 400);
        QVERIFY(answer.closed);
        QCOMPARE(receiver.refusals().size(), 1);
    }
};

QTEST_MAIN(TestOtlpReceiver)
#include "tst_otlpreceiver.moc"
