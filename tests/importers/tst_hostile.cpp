#include "corpus.h"
#include "fixtures.h"
#include "loadchecks.h"
#include "spantimes.h"
#include "traceloader.h"
#include "traceset.h"

#include <QTest>

#include <algorithm>

using namespace Spanwise;

// Inputs from tests/data/hostile, each of which once crashed Spanwise, reached undefined
// behaviour or lost data silently. Every one loads, keeps its spans, and says what it repaired
// with the place in the file. docs/robustness.md lists what each kind of damage does.
namespace {

LoadResult loadHostile(const QString& name)
{
    const std::string path = Test::dataFile(QStringLiteral("hostile/") + name);
    return loadTraceFiles(std::span<const std::string>(&path, 1));
}

const Span* spanNamed(const TraceSet& set, std::string_view name)
{
    for (const Span& span : set.spans())
        if (set.text(span.operation) == name)
            return &span;
    return nullptr;
}

} // namespace

class TestHostile : public QObject
{
    Q_OBJECT

private slots:
    void loadsAndSaysWhere_data()
    {
        QTest::addColumn<QString>("file");
        QTest::addColumn<int>("spans");
        QTest::addColumn<QStringList>("expected"); // each is part of some message
        QTest::newRow("Jaeger span without operationName")
            << "jaeger-no-operation-name.json" << 1
            << QStringList {
                   "line 1, column 35 (byte 34), at data[0].spans[0].operationName: span has no operationName"};
        QTest::newRow("OTLP span without name")
            << "otlp-span-no-name.json" << 1
            << QStringList {"at resourceSpans[0].scopeSpans[0].spans[0].name: span has no name"};
        // Real zipkin-js output after it loses its async context: the first part has no name.
        QTest::newRow("Zipkin id repeated, first part unnamed")
            << "zipkin-repeated-id-first-unnamed.json" << 1 << QStringList {"were parts of an earlier span"};
        QTest::newRow("Zipkin start + duration past int64")
            << "zipkin-start-plus-duration-overflows.json" << 1
            << QStringList {"(byte 1): the start time lies outside the years 1824-2116"};
        QTest::newRow("Jaeger start at INT64_MIN")
            << "jaeger-start-int64-min.json" << 1
            << QStringList {"at data[0].spans[0]: the start time lies outside the years 1824-2116"};
        QTest::newRow("OTLP start above INT64_MAX")
            << "otlp-start-above-int64-max.json" << 1
            << QStringList {"at resourceSpans[0].scopeSpans[0].spans[0]: the start time lies outside"};
        // An unterminated string on line 2 once swallowed line 3.
        QTest::newRow("JSON Lines record with an unterminated string")
            << "otlp-jsonl-unterminated-string.jsonl" << 2
            << QStringList {"line 2, column 263 (byte 526), at resourceSpans: a string that starts earlier on this "
                            "line is not closed",
                   "line 3, column 1 (byte 527): reading resumes here"};
        // Reading once resumed at line 2, inside the broken array, and read its first span twice.
        QTest::newRow("array of requests over lines, never closed")
            << "otlp-json-array-unclosed-over-lines.json" << 3
            << QStringList {"line 1, column 1 (byte 0): the file ends before the '[' opened here is closed; the rest "
                            "of the file is skipped"};
        QTest::newRow("protobuf span with invalid UTF-8 among good ones")
            << "otlp-proto-one-bad-span.pb" << 2
            << QStringList {"byte 0, at TracesData.resourceSpans[0]: corrupt ResourceSpans message (199 bytes); 2 "
                            "span(s) decoded one by one, 1 corrupt span(s) skipped"};
        QTest::newRow("protobuf attribute nested past the parser's limit")
            << "otlp-proto-too-deep-attribute.pb" << 2
            << QStringList {"2 span(s) decoded one by one, 1 corrupt span(s) skipped"};
        QTest::newRow("protobuf start past INT64_MAX beside one in 1970")
            << "otlp-proto-overflowing-start.pb" << 2
            << QStringList {"at TracesData.resourceSpans[0].scopeSpans[0].spans[1]: the start time lies outside"};
        QTest::newRow("length-prefixed stream starting with an empty frame")
            << "otlp-proto-empty-first-frame.bin" << 2 << QStringList {};
        // "parentId": null is how real Zipkin clients write "no parent": no warning.
        QTest::newRow("null members and spans without timestamp")
            << "zipkin-spans-without-timestamp.json" << 5 << QStringList {};
        QTest::newRow("negative duration and wrong-typed fields")
            << "jaeger-negative-duration-wrong-types.json" << 2
            << QStringList {"at data[0].spans[0]: the span ends before it starts (duration -400000 ns)",
                   "at data[0].spans[1].operationName: operationName should be a string, found a number",
                   "at data[0].spans[1].flags: flags should be a whole number"};
    }
    void loadsAndSaysWhere()
    {
        QFETCH(QString, file);
        QFETCH(int, spans);
        QFETCH(QStringList, expected);
        const LoadResult result = loadHostile(file);
        SPANWISE_VERIFY_LOADED(result);
        QCOMPARE(int(result.traces->spans().size()), spans);
        const QStringList said = Test::loadMessages(result);
        QCOMPARE(said.isEmpty(), expected.isEmpty());
        for (const QString& part : expected) {
            const bool found =
                std::any_of(said.begin(), said.end(), [&](const QString& m) { return m.contains(part); });
            QVERIFY2(found,
                qPrintable(QStringLiteral("no message contains \"%1\"; messages:\n%2")
                               .arg(part, said.join(QLatin1Char('\n')))));
            QVERIFY2(said.front().startsWith(file + QLatin1Char(':')) ||
                    said.front().contains(QLatin1Char('/') + file + QLatin1Char(':')),
                qPrintable(said.front()));
        }
        // Whatever was clamped, every time the model holds lies in its range, so no later sum
        // or difference overflows.
        for (const Span& span : result.traces->spans()) {
            QVERIFY(span.startNs >= -maxTimeNs && span.startNs <= maxTimeNs);
            QVERIFY(span.durationNs >= 0 && span.endNs() <= maxTimeNs);
        }
    }

    // Blocks of three lines: two `{"resourceSpans":[` never closed, then a whole record. The
    // first line's reader walks into the second (an element of its array), which breaks at the
    // end of the file: one warning; reading resumes at the whole record: a second one; the
    // record loads. Each value used to walk to the end of the file again: quadratic, an hour
    // for a few megabytes. jsonbrokenwalk.h says why it is linear now.
    void unclosedLinesAmongWholeRecords()
    {
        constexpr int blocks = 3000;
        std::string text;
        for (int block = 0; block < blocks; ++block) {
            char spanId[17];
            std::snprintf(spanId, sizeof spanId, "%016x", block + 1);
            text += "{\"resourceSpans\":[\n{\"resourceSpans\":[\n";
            text +=
                "{\"resourceSpans\":[{\"scopeSpans\":[{\"spans\":[{\"traceId\":\"0102030405060708090a0b0c0d0e0f10\","
                "\"spanId\":\"" +
                std::string(spanId) +
                "\",\"name\":\"n\",\"startTimeUnixNano\":\"10\","
                "\"endTimeUnixNano\":\"20\"}]}]}]}\n";
        }
        const LoadResult result = Test::loadText(text, "unclosed.jsonl");
        SPANWISE_VERIFY_LOADED(result);
        QCOMPARE(int(result.traces->spans().size()), blocks);
        QCOMPARE(int(result.reports.at(0).warningCount), 2 * blocks);
        QCOMPARE(int(result.reports.at(0).errorCount), 0);
        const QStringList said = Test::loadMessages(result);
        QVERIFY2(said.size() > 1 && said[0].contains(QStringLiteral("line 2, column 18 (byte 36)")) &&
                said[1].contains(QStringLiteral("line 3, column 1 (byte 38): reading resumes here")),
            qPrintable(said.mid(0, 2).join(QLatin1Char('\n'))));
    }

    // The clamped times are the nearest limits; the negative duration becomes zero.
    void clampedTimes()
    {
        const LoadResult late = loadHostile(QStringLiteral("otlp-start-above-int64-max.json"));
        SPANWISE_VERIFY_LOADED(late);
        QCOMPARE(late.traces->spans()[0].startNs, maxTimeNs);
        QCOMPARE(late.traces->spans()[0].durationNs, std::int64_t(0));
        const LoadResult early = loadHostile(QStringLiteral("jaeger-start-int64-min.json"));
        SPANWISE_VERIFY_LOADED(early);
        QCOMPARE(early.traces->spans()[0].startNs, -maxTimeNs);
        const LoadResult backwards = loadHostile(QStringLiteral("jaeger-negative-duration-wrong-types.json"));
        SPANWISE_VERIFY_LOADED(backwards);
        const Span* span = spanNamed(*backwards.traces, "backwards");
        QVERIFY(span);
        QCOMPARE(span->startNs, std::int64_t(1'000'000));
        QCOMPARE(span->durationNs, std::int64_t(0));
    }

    // Zipkin v2 allows spans without a timestamp. The file (hand-made, figures by hand):
    //   trace a: root b at 1,700,000,000,000,000 us for 100 us; c (no time, no children) under b;
    //            d (no time) under b, with child e at +20 us for 30 us.
    //   trace f: one span with no time at all.
    void spansWithoutTimestamp()
    {
        const LoadResult result = loadHostile(QStringLiteral("zipkin-spans-without-timestamp.json"));
        SPANWISE_VERIFY_LOADED(result);
        const TraceSet& set = *result.traces;
        const std::int64_t rootStart = 1'700'000'000'000'000'000;
        // d covers its child e: from e's start to e's end, marked derived.
        const Span* d = spanNamed(set, "untimed parent");
        QVERIFY(d);
        QCOMPARE(d->startNs, rootStart + 20'000);
        QCOMPARE(d->durationNs, std::int64_t(30'000));
        QVERIFY(d->hasTime() && (d->flags & SpanTimeDerived));
        // c has nothing below it: it sits at its parent's start, with zero duration, derived.
        const Span* c = spanNamed(set, "untimed child");
        QVERIFY(c);
        QCOMPARE(c->startNs, rootStart);
        QCOMPARE(c->durationNs, std::int64_t(0));
        QVERIFY(c->flags & SpanTimeDerived);
        // The lone span has nothing to derive from: no time, and its trace no time range.
        const Span* alone = spanNamed(set, "alone, no time");
        QVERIFY(alone);
        QVERIFY(!alone->hasTime());
        // Trace a's range is its root's: no span stretched it back to 1970.
        const TraceIndex a = set.forest().traceOf(SpanIndex {0});
        QCOMPARE(set.trace(a).startNs, rootStart);
        QCOMPARE(set.trace(a).endNs, rootStart + 100'000);
        QCOMPARE(set.spans().size(), std::size_t(5)); // every span is still listed
        QVERIFY(set.trace(a).hasTime);
        const TraceIndex f = set.forest().traceOf(SpanIndex {4});
        QVERIFY(f != a && !set.trace(f).hasTime); // the trace list shows "no time recorded"
    }

    // The real SmartThings trace: 84 of its 1,041 records have no timestamp. Its time range
    // must be that of the records that have one (derived here from the raw JSON).
    void realTraceWithoutTimestamps()
    {
        bool read = false;
        const QByteArray text =
            Test::corpusBytes(QStringLiteral("public/zipkin-v2/lens-smartthings-mobile-web-install.json"), &read);
        QVERIFY(read);
        std::int64_t firstUs = INT64_MAX;
        int untimed = 0;
        for (qsizetype at = text.indexOf("\"traceId\""); at >= 0; at = text.indexOf("\"traceId\"", at + 1)) {
            const qsizetype end = text.indexOf("\"traceId\"", at + 1);
            const QByteArray record = text.mid(at, end < 0 ? -1 : end - at);
            const qsizetype t = record.indexOf("\"timestamp\":");
            if (t < 0) {
                ++untimed;
                continue;
            }
            firstUs = std::min<std::int64_t>(firstUs, record.mid(t + 12).split(',').front().trimmed().toLongLong());
        }
        QCOMPARE(untimed, 84); // as tests/data/corpus/MANIFEST.md and the issue say
        const std::string path =
            Test::corpusFile(QStringLiteral("public/zipkin-v2/lens-smartthings-mobile-web-install.json"));
        const LoadResult result = loadTraceFiles(std::span<const std::string>(&path, 1));
        SPANWISE_VERIFY_LOADED(result);
        QCOMPARE(result.traces->traces()[0].startNs, firstUs * 1000);
    }
};

QTEST_GUILESS_MAIN(TestHostile)
#include "tst_hostile.moc"
