// Live mode's bounded buffer: past the span cap the oldest traces go whole and are counted, a
// trace's later spans join it, and what is held loads back as exactly those spans.
#include "otlphttphandler.h"
#include "receivedtraces.h"
#include "traceloader.h"
#include "traceset.h"

#include <QTest>

using namespace Spanwise;

namespace {

// An export request's batch: `spans` spans of trace number `trace`, ids counting from `first`.
ReceivedBatch batchOf(int trace, int spans, int first = 1)
{
    std::string json =
        R"({"resourceSpans":[{"resource":{"attributes":[{"key":"service.name","value":{"stringValue":"cart"}}]},"scopeSpans":[{"spans":[)";
    for (int i = 0; i < spans; ++i) {
        char ids[160];
        std::snprintf(ids, sizeof ids,
            R"(%s{"traceId":"%032x","spanId":"%016x","name":"op","startTimeUnixNano":"1000","endTimeUnixNano":"2000"})",
            i ? "," : "", trace, first + i);
        json += ids;
    }
    json += "]}]}]}";
    HttpRequest request;
    request.method = "POST";
    request.target = "/v1/traces";
    request.headers = {{"content-type", "application/json"}};
    request.body = json;
    OtlpHandling handling = handleOtlpRequest(request, 1 << 20);
    return handling.batch ? *handling.batch : ReceivedBatch {};
}

std::size_t spansIn(const std::string& lines)
{
    std::vector<NamedBuffer> buffers;
    if (!lines.empty())
        buffers.push_back({"held", PaddedBuffer(lines)});
    return loadTraceBuffers(buffers).traces->spans().size();
}

} // namespace

class TestReceivedTraces : public QObject
{
    Q_OBJECT

private slots:
    void laterSpansJoinTheirTrace()
    {
        ReceivedTraces received(100);
        received.add(batchOf(1, 2));
        received.add(batchOf(1, 3, 10));
        const auto figures = received.figures();
        QCOMPARE(figures.traces, std::size_t(1));
        QCOMPARE(figures.spans, std::size_t(5));
        QCOMPARE(figures.requests, std::uint64_t(2));
        QCOMPARE(spansIn(received.jsonLines()), std::size_t(5));
    }

    void oldestTracesGoPastTheCap()
    {
        ReceivedTraces received(10);
        for (int trace = 1; trace <= 8; ++trace)
            received.add(batchOf(trace, 3));
        const auto figures = received.figures();
        QVERIFY(figures.spans <= 10);
        QCOMPARE(figures.spans, std::size_t(9)); // the three newest traces
        QCOMPARE(figures.evictedTraces, std::uint64_t(5));
        QCOMPARE(figures.evictedSpans, std::uint64_t(15));
        QCOMPARE(figures.spansReceived, std::uint64_t(24));
        const std::string lines = received.jsonLines();
        QCOMPARE(spansIn(lines), std::size_t(9));
        QVERIFY(lines.find("00000000000000000000000000000008") != std::string::npos);
        QVERIFY(lines.find("00000000000000000000000000000005") == std::string::npos);
    }

    void loweringTheCapEvictsAtOnce()
    {
        ReceivedTraces received(100);
        for (int trace = 1; trace <= 4; ++trace)
            received.add(batchOf(trace, 5));
        const auto before = received.figures().version;
        received.setMaxSpans(10);
        QCOMPARE(received.figures().spans, std::size_t(10));
        QCOMPARE(received.figures().evictedTraces, std::uint64_t(2));
        QVERIFY(received.figures().version > before);
        received.clear();
        QCOMPARE(received.figures().spans, std::size_t(0));
        QVERIFY(received.jsonLines().empty());
    }
};

QTEST_APPLESS_MAIN(TestReceivedTraces)
#include "tst_receivedtraces.moc"
