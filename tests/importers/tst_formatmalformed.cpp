#include "tst_formatmalformed.h"

#include "corpus.h"
#include "fixtures.h"
#include "loadchecks.h"
#include "opentelemetry/proto/trace/v1/trace.pb.h"
#include "otlpexport.h"

#include <QFile>
#include <QTest>

#include <QtEndian>
#include <climits>
#include <string_view>

using namespace Spanwise;

namespace {

// One OTLP JSON span with a hole to fill: %1 replaces a whole "key": value pair of the span.
std::string otlpSpan(const std::string& field)
{
    return R"({"resourceSpans":[{"resource":{"attributes":[{"key":"service.name","value":{"stringValue":"svc"}}]},
"scopeSpans":[{"scope":{"name":"lib"},"spans":[
{"traceId":"5b8efff798038103d269b633813fc60c","spanId":"eee19b7ec3c1b174","name":"first",
"startTimeUnixNano":"1000","endTimeUnixNano":"2000","kind":2},
{"traceId":"5b8efff798038103d269b633813fc60c","spanId":"eee19b7ec3c1b175","parentSpanId":"eee19b7ec3c1b174","name":"second",
"startTimeUnixNano":"1100","endTimeUnixNano":"1900",)" +
        field + R"(}]}]}]})";
}

// The spans an independent reading of the protobuf wire format finds whole in `bytes`, written
// here apart from the importer: TracesData field 1 (ResourceSpans) > field 2 (ScopeSpans) >
// field 2 (Span). A message the data ends inside is entered as far as it goes, so its whole
// spans count too. `from`/`to`: only ResourceSpans with index in [from, to).
int wholeSpans(std::string_view bytes, int depth = 0, int from = 0, int to = INT32_MAX)
{
    std::size_t pos = 0;
    const auto varint = [&](std::uint64_t& value) {
        value = 0;
        for (int shift = 0; shift < 64 && pos < bytes.size(); shift += 7) {
            const auto byte = static_cast<unsigned char>(bytes[pos++]);
            value |= std::uint64_t(byte & 0x7f) << shift;
            if (!(byte & 0x80))
                return true;
        }
        return false;
    };
    int count = 0, index = 0;
    std::uint64_t tag = 0, length = 0;
    while (pos < bytes.size() && varint(tag)) {
        const int type = int(tag & 7), field = int(tag >> 3);
        if (type == 0) {
            if (!varint(length))
                break;
            continue;
        }
        if (type == 1 || type == 5) {
            pos += type == 1 ? 8 : 4;
            continue;
        }
        if (type != 2 || !varint(length))
            break;
        const bool whole = length <= bytes.size() - pos;
        const std::string_view body = bytes.substr(pos, whole ? length : bytes.size() - pos);
        const bool wanted = depth == 0 ? (field == 1 && index >= from && index < to) : field == 2;
        if (depth == 0 && field == 1)
            ++index;
        if (wanted && depth == 2)
            count += whole ? 1 : 0;
        else if (wanted)
            count += wholeSpans(body, depth + 1);
        if (!whole)
            break;
        pos += length;
    }
    return count;
}

// Offsets of the length-prefixed frames of the sdk capture.
QList<qsizetype> frameOffsets(const QByteArray& bytes)
{
    QList<qsizetype> offsets;
    for (qsizetype pos = 0; pos + 4 <= bytes.size(); pos += 4 + qFromBigEndian<quint32>(bytes.constData() + pos))
        offsets << pos;
    return offsets;
}

} // namespace

void TestFormatMalformed::otlpJsonFields_data()
{
    QTest::addColumn<QString>("field");
    QTest::addColumn<QString>("message");
    QTest::addColumn<int>("flags");
    QTest::newRow("invalid base64 id")
        << R"("links":[],"traceId":"!!not*base64!!","x":0)"
        << "fixture.json: line 5, column 1 (byte 302), at resourceSpans[0].scopeSpans[0].spans[1].traceId: "
           "traceId is neither 32 hex digits nor base64 of 16 bytes; span kept, flagged"
        << int(SpanMissingTraceId);
    QTest::newRow("string where a number belongs")
        << R"("kind":2,"droppedAttributesCount":0,"status":{},"events":[{"timeUnixNano":"soon","name":"e"}])"
        << "at resourceSpans[0].scopeSpans[0].spans[1].events[0].timeUnixNano: timeUnixNano should be an integer "
           "number of nanoseconds, found a string"
        << 0;
    QTest::newRow("unknown enum name")
        << R"("kind":"SPAN_KIND_SIDEWAYS")"
        << "at resourceSpans[0].scopeSpans[0].spans[1].kind: unknown span kind; kind left unspecified" << 0;
    QTest::newRow("unknown status name")
        << R"("status":{"code":"STATUS_CODE_MAYBE"})"
        << "at resourceSpans[0].scopeSpans[0].spans[1].status.code: unknown status code" << 0;
    QTest::newRow("empty span id") << R"("spanId":"","x":0)"
                                   << "spans[1].spanId: spanId is neither" << int(SpanMissingId);
}

void TestFormatMalformed::otlpJsonFields()
{
    QFETCH(QString, field);
    QFETCH(QString, message);
    QFETCH(int, flags);
    // An id given again replaces the span's own (the first of duplicate keys would win).
    std::string text = otlpSpan(field.toStdString());
    for (const std::string key : {"\"traceId\":", "\"spanId\":"}) {
        const auto given = field.toStdString().find(key);
        if (given == std::string::npos)
            continue;
        const auto own = text.rfind(key, text.rfind("\"name\":\"second\""));
        text.erase(own, text.find(',', own) + 1 - own);
    }
    const LoadResult result = Test::loadText(text);
    const ImportReport& report = result.reports.front();
    QVERIFY(!report.failed);
    QCOMPARE(report.format, std::string("otlp-json"));
    QCOMPARE(result.traces->spans().size(), std::size_t(2)); // flagged, never dropped
    QCOMPARE(report.warningCount, std::size_t(1));
    QVERIFY2(Test::loadMessages(result).front().contains(message),
        qPrintable(Test::loadMessages(result).join(QLatin1Char('\n'))));
    QCOMPARE(result.traces->spans()[1].flags & flags, flags);
}

void TestFormatMalformed::spanDropsAreKept()
{
    // The second span says what its exporter dropped; the first says nothing.
    const LoadResult result =
        Test::loadText(otlpSpan(R"("droppedAttributesCount":3,"droppedEventsCount":2,"droppedLinksCount":1)"));
    QVERIFY(!result.anyFailed());
    const TraceSet& set = *result.traces;
    QVERIFY(!set.dropsOf(SpanIndex {0}).any());
    const SpanDrops drops = set.dropsOf(SpanIndex {1});
    QCOMPARE(drops.attributes, 3u);
    QCOMPARE(drops.events, 2u);
    QCOMPARE(drops.links, 1u);

    // And they leave again with the span (the receiver's re-encoding, Save Received).
    opentelemetry::proto::trace::v1::TracesData exported;
    const std::vector<SpanIndex> both {SpanIndex {0}, SpanIndex {1}};
    appendTracesData(set, both, exported);
    const auto& spans = exported.resource_spans(0).scope_spans(0).spans();
    QCOMPARE(spans.size(), 2);
    QCOMPARE(spans[0].dropped_attributes_count(), 0u);
    QCOMPARE(spans[1].dropped_attributes_count(), 3u);
    QCOMPARE(spans[1].dropped_events_count(), 2u);
    QCOMPARE(spans[1].dropped_links_count(), 1u);
}

void TestFormatMalformed::detection_data()
{
    QTest::addColumn<QByteArray>("content");
    QTest::addColumn<QString>("format");
    QTest::addColumn<int>("spans");
    const std::string otlp = otlpSpan(R"("kind":3)");
    QTest::newRow("OTLP after a byte order mark and white space")
        << QByteArray::fromStdString("\xEF\xBB\xBF \r\n\t" + otlp) << "otlp-json" << 2;
    QTest::newRow("OTLP JSON Lines with CRLF line ends")
        << QByteArray::fromStdString(otlp + "\r\n" + otlp + "\r\n") << "otlp-jsonl" << 4;
    QTest::newRow("JSON Lines whose first line is a log record")
        << QByteArray::fromStdString(
               R"({"resourceLogs":[{"resource":{},"scopeLogs":[{"logRecords":[{"body":{"stringValue":"hi"}}]}]}]})"
               "\n" +
               otlp + "\n")
        << "otlp-jsonl" << 2;
    QTest::newRow("Zipkin array whose first span lacks localEndpoint")
        << QByteArray(R"([{"traceId":"a1","id":"01","name":"kong","timestamp":10,"duration":5},
{"traceId":"a1","id":"02","parentId":"01","name":"up","timestamp":11,"duration":2,"localEndpoint":{"serviceName":"api"}}])")
        << "zipkin-v2-json" << 2;
    QTest::newRow("Zipkin v1 with binary annotations only")
        << QByteArray(
               R"([{"traceId":"a1","id":"01","name":"local","binaryAnnotations":[{"key":"lc","value":"worker","endpoint":{"serviceName":"jobs"}}]}])")
        << "zipkin-v1-json" << 1;
    QTest::newRow("a single Zipkin v2 span object")
        << QByteArray(
               R"({"traceId":"a1","id":"01","name":"one","timestamp":10,"duration":5,"localEndpoint":{"serviceName":"s"}})")
        << "zipkin-v2-json" << 1;
}

void TestFormatMalformed::detection()
{
    QFETCH(QByteArray, content);
    QFETCH(QString, format);
    QFETCH(int, spans);
    const LoadResult result = Test::loadText(content.toStdString());
    QVERIFY2(!result.anyFailed(), qPrintable(Test::loadMessages(result).join(QLatin1Char('\n'))));
    QCOMPARE(QString::fromStdString(result.reports.front().format), format);
    QCOMPARE(int(result.traces->spans().size()), spans);
}

void TestFormatMalformed::protobufFrames_data()
{
    QTest::addColumn<QByteArray>("content");
    QTest::addColumn<QString>("message");
    QTest::addColumn<int>("framesLoaded");
    bool read = false;
    const QByteArray bytes = Test::corpusBytes(QStringLiteral("sdk/traces.otlp-lenprefixed.bin"), &read);
    QVERIFY2(read, "tests/data/corpus/sdk/traces.otlp-lenprefixed.bin cannot be read");
    const QList<qsizetype> frames = frameOffsets(bytes);
    QVERIFY(frames.size() > 4);

    QTest::newRow("truncated last frame")
        << bytes.left(frames[3] + 4 + 10)
        << QStringLiteral("fixture.json: byte %1, at frame 3: the frame's length").arg(frames[3]) << 3;
    QByteArray tooLong = bytes.left(frames[3]);
    qToBigEndian<quint32>(quint32(bytes.size()), tooLong.data() + frames[2]);
    // Frame 2's length claims the whole file, but its bytes are all there: it still loads.
    QTest::newRow("wrong length prefix") << tooLong
                                         << QStringLiteral(
                                                "byte %1, at frame 2: the frame's length (%2 bytes) runs past the end")
                                                .arg(frames[2])
                                                .arg(bytes.size())
                                         << 3;
    QByteArray corrupt = bytes.left(frames[4]);
    for (qsizetype i = frames[1] + 4 + 2; i < frames[1] + 4 + 40; ++i)
        corrupt[i] = char(0xff);
    QTest::newRow("corrupt frame in the middle") << corrupt << QStringLiteral("at frame 1") << 3;
    QTest::newRow("a frame cut inside its length")
        << bytes.left(frames[2] + 2) << QStringLiteral("at frame 2: the file ends inside a frame's 4-byte length") << 2;
}

void TestFormatMalformed::protobufFrames()
{
    QFETCH(QByteArray, content);
    QFETCH(QString, message);
    QFETCH(int, framesLoaded);
    const LoadResult result = Test::loadText(content.toStdString());
    const ImportReport& report = result.reports.front();
    QCOMPARE(report.format, std::string("otlp-proto"));
    QVERIFY(!report.failed);
    QVERIFY(report.warningCount >= 1);
    QVERIFY2(Test::loadMessages(result).join(QLatin1Char('\n')).contains(message),
        qPrintable(Test::loadMessages(result).join(QLatin1Char('\n'))));

    // The frames before (and after) the damage load whole.
    bool read = false;
    const QByteArray whole = Test::corpusBytes(QStringLiteral("sdk/traces.otlp-lenprefixed.bin"), &read);
    QVERIFY2(read, "tests/data/corpus/sdk/traces.otlp-lenprefixed.bin cannot be read");
    const QList<qsizetype> frames = frameOffsets(whole);
    std::size_t expected = 0;
    for (int f = 0; f <
         framesLoaded + (QString::fromLatin1(QTest::currentDataTag()).startsWith(QStringLiteral("corrupt")) ? 1 : 0);
         ++f) {
        if (QString::fromLatin1(QTest::currentDataTag()).startsWith(QStringLiteral("corrupt")) && f == 1)
            continue;
        const QByteArray one = whole.mid(frames[f], 4 + qFromBigEndian<quint32>(whole.constData() + frames[f]));
        expected += Test::loadText(one.toStdString()).traces->spans().size();
    }
    QCOMPARE(result.traces->spans().size(), expected);
}

void TestFormatMalformed::truncatedRawProtobuf()
{
    bool read = false;
    const QByteArray bytes = Test::corpusBytes(QStringLiteral("sdk/traces.otlp.pb"), &read);
    QVERIFY2(read, "tests/data/corpus/sdk/traces.otlp.pb cannot be read");
    const LoadResult result = Test::loadText(bytes.left(bytes.size() / 2).toStdString(), "half.pb");
    const ImportReport& report = result.reports.front();
    QCOMPARE(report.format, std::string("otlp-proto"));
    QVERIFY(!report.failed);
    QCOMPARE(report.warningCount, std::size_t(1));
    QVERIFY2(Test::loadMessages(result).front().contains(QStringLiteral("half.pb: byte ")) &&
            Test::loadMessages(result).front().contains(QStringLiteral("the message is cut short")) &&
            Test::loadMessages(result).front().contains(QStringLiteral("complete span(s) before the cut loaded")),
        qPrintable(Test::loadMessages(result).front()));
    // The ResourceSpans the cut falls in gives up its whole spans too: more than the whole
    // ResourceSpans alone would hold.
    const QString message = Test::loadMessages(result).front();
    const int salvaged = message.section(QStringLiteral("remain; "), 1).section(QLatin1Char(' '), 0, 0).toInt();
    QVERIFY2(salvaged > 0, qPrintable(message));
    // Exactly the spans the independent reading finds whole before the cut.
    const std::string half = bytes.left(bytes.size() / 2).toStdString();
    QCOMPARE(int(result.traces->spans().size()), wholeSpans(half));
    QVERIFY(wholeSpans(half) > salvaged);
}

void TestFormatMalformed::corruptResourceSpansIsSkipped()
{
    // Two ResourceSpans copied from the capture, the first with garbage inside.
    bool read = false;
    const QByteArray bytes = Test::corpusBytes(QStringLiteral("sdk/traces.otlp.pb"), &read);
    QVERIFY2(read, "tests/data/corpus/sdk/traces.otlp.pb cannot be read");
    const LoadResult whole = Test::loadText(bytes.toStdString());
    QByteArray damaged = bytes;
    for (qsizetype i = 6; i < 60; ++i)
        damaged[i] = char(0xff);
    const LoadResult result = Test::loadText(damaged.toStdString(), "damaged.pb");
    QVERIFY(!result.anyFailed());
    QCOMPARE(result.reports.front().warningCount, std::size_t(1));
    QVERIFY2(Test::loadMessages(result).front().contains(
                 QStringLiteral("damaged.pb: byte 0, at TracesData.resourceSpans[0]: corrupt ResourceSpans")),
        qPrintable(Test::loadMessages(result).front()));
    // The other ResourceSpans load whole; of the damaged one, the spans still decodable alone
    // (the message says how many), and never more than it held.
    const QString message = Test::loadMessages(result).front();
    const int decoded = message.section(QStringLiteral("bytes); "), 1).section(QLatin1Char(' '), 0, 0).toInt();
    const std::string all = bytes.toStdString();
    QVERIFY(decoded <= wholeSpans(all, 0, 0, 1));
    QCOMPARE(int(result.traces->spans().size()), wholeSpans(all, 0, 1) + decoded);
    QCOMPARE(int(whole.traces->spans().size()), wholeSpans(all)); // and the reading agrees on the whole file
}

QTEST_GUILESS_MAIN(TestFormatMalformed)
