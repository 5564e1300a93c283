#include "corpus.h"
#include "fixtures.h"
#include "loadchecks.h"

#include "tst_jaegermalformed.h"
#include <QFile>

#include <QTest>

using namespace Spanwise;

namespace {

// A small valid query API response with two spans, used as the base of broken variants.
const std::string twoSpans = R"({"data":[{"traceID":"a1","spans":[
{"traceID":"a1","spanID":"01","operationName":"root","references":[],"startTime":10,"duration":5,"tags":[],"processID":"p1"},
{"traceID":"a1","spanID":"02","operationName":"child","references":[{"refType":"CHILD_OF","traceID":"a1","spanID":"01"}],"startTime":11,"duration":2,"tags":[],"processID":"p1"}
],"processes":{"p1":{"serviceName":"svc","tags":[]}}}]})";

// The fixture with `from` replaced; a `from` that is not there fails the test.
std::string replaced(std::string text, const std::string& from, const std::string& to)
{
    const auto at = text.find(from);
    if (at == std::string::npos) {
        QTest::qFail(qPrintable(QStringLiteral("fixture text not found: %1").arg(QString::fromStdString(from))),
            __FILE__, __LINE__);
        return text;
    }
    return text.replace(at, from.size(), to);
}

bool anyMessageContains(const LoadResult& result, const QString& text)
{
    for (const QString& line : Test::loadMessages(result))
        if (line.contains(text))
            return true;
    return false;
}

} // namespace

void TestJaegerMalformed::baseFixtureIsClean()
{
    const LoadResult result = Test::loadText(twoSpans);
    QCOMPARE(result.reports.front().warningCount, std::size_t(0));
    QCOMPARE(result.traces->spans().size(), std::size_t(2));
    QCOMPARE(Test::dumpForest(*result.traces), (QStringList {"svc:root", "  svc:child"}));
}

// Each broken variant loads what it can, says where the problem is, and never fails whole.
void TestJaegerMalformed::recoverable_data()
{
    QTest::addColumn<QString>("json");
    QTest::addColumn<int>("spans");
    QTest::addColumn<QString>("message");

    QTest::newRow("string where a number belongs")
        << QString::fromStdString(replaced(twoSpans, R"("duration":5)", R"("duration":"five")")) << 2
        << "fixture.json: line 2, column 1 (byte 35), at data[0].spans[0].duration: duration should be a number";
    QTest::newRow("tag value of the wrong type")
        << QString::fromStdString(replaced(twoSpans, R"("tags":[],"processID":"p1"},)",
               R"("tags":[{"key":"n","type":"int64","value":"many"}],"processID":"p1"},)"))
        << 2 << "at data[0].spans[0].tags[0].value: tag \"n\": a int64 tag cannot hold a string; tag skipped";
    QTest::newRow("malformed span record")
        << QString::fromStdString(replaced(twoSpans, R"("operationName":"root",)", R"("operationName":"root" "x":1,)"))
        << 1 << "at data[0].spans[0]: malformed JSON";
    QTest::newRow("span that is not an object") << QString::fromStdString(replaced(twoSpans, R"([
{"traceID":"a1","spanID":"01")",
                                                       R"([42,
{"traceID":"a1","spanID":"01")")) << 2 << "at data[0].spans[0]: expected a span object, found a number";
    QTest::newRow("log that is not an object")
        << QString::fromStdString(
               replaced(twoSpans, R"("tags":[],"processID":"p1"},)", R"("tags":[],"logs":[7],"processID":"p1"},)"))
        << 2 << "at data[0].spans[0].logs[0]: expected a log object, found a number; skipped";
    QTest::newRow("unknown processID") << QString::fromStdString(
                                              replaced(twoSpans, R"("processID":"p1"},)", R"("processID":"p9"},)"))
                                       << 2 << "at data[0].spans[0].processID: processID names no process";
    QTest::newRow("invalid span id") << QString::fromStdString(
                                            replaced(twoSpans, R"("spanID":"02")", R"("spanID":"zz")"))
                                     << 2 << "at data[0].spans[1].spanID: spanID is not a hex id";
    QTest::newRow("truncated file") << QString::fromStdString(twoSpans.substr(
                                           0, twoSpans.find("{\"traceID\":\"a1\",\"spanID\":\"02\"") + 40))
                                    << 1 << "at data[0].spans: the file ends";
}
void TestJaegerMalformed::recoverable()
{
    QFETCH(QString, json);
    QFETCH(int, spans);
    QFETCH(QString, message);
    const LoadResult result = Test::loadText(json.toStdString());
    const ImportReport& report = result.reports.front();
    QVERIFY(!report.failed);
    QCOMPARE(int(result.traces->spans().size()), spans);
    QVERIFY(report.warningCount > 0);
    QVERIFY2(anyMessageContains(result, message), qPrintable(Test::loadMessages(result).join(QLatin1Char('\n'))));
}

void TestJaegerMalformed::wrongTypeKeepsTheRestOfTheSpan()
{
    const LoadResult result = Test::loadText(replaced(twoSpans, R"("duration":5)", R"("duration":"five")"));
    const Span& root = result.traces->spans()[0];
    QVERIFY(root.flags & SpanMissingDuration);
    QCOMPARE(root.startNs, std::int64_t(10'000));
    QCOMPARE(result.traces->text(root.operation), std::string_view("root"));
}

// Files that hold nothing loadable get one clear error naming the file.
void TestJaegerMalformed::unloadable_data()
{
    QTest::addColumn<QByteArray>("content");
    QTest::addColumn<QString>("error");
    QTest::newRow("empty file") << QByteArray() << "fixture.json: byte 0: the file is empty";
    QTest::newRow("only white space") << QByteArray(" \n\t ")
                                      << "fixture.json: byte 0: the file holds only white space";
    QTest::newRow("not JSON") << QByteArray("hello, traces\n")
                              << "fixture.json: byte 0: not JSON and not a trace format";
    QTest::newRow("JSON of another kind")
        << QByteArray(R"({"name":"x","values":[1,2]})") << "JSON, but not a trace format";
    QTest::newRow("missing spans key") << QByteArray(R"({"data":[{"traceID":"a1","processes":{}}]})")
                                       << "no span or log record could be read from this file";
    QTest::newRow("query API error response")
        << QByteArray(R"({"data":null,"total":0,"errors":[{"code":404,"msg":"trace not found"}],"traceID":"x"})")
        << "no span or log record could be read";
}
void TestJaegerMalformed::unloadable()
{
    QFETCH(QByteArray, content);
    QFETCH(QString, error);
    const LoadResult result = Test::loadText(content.toStdString());
    const ImportReport& report = result.reports.front();
    QVERIFY(report.failed);
    QVERIFY(result.anyFailed());
    QVERIFY(report.errorCount >= 1);
    QVERIFY2(anyMessageContains(result, error), qPrintable(Test::loadMessages(result).join(QLatin1Char('\n'))));
    QCOMPARE(result.traces->spans().size(), std::size_t(0));
}

void TestJaegerMalformed::missingSpansKeyIsNamed()
{
    const LoadResult result = Test::loadText(R"({"data":[{"traceID":"a1","processes":{}}]})");
    QVERIFY(anyMessageContains(result, QStringLiteral("at data[0]: trace object has no \"spans\" array")));
}

void TestJaegerMalformed::apiErrorIsReported()
{
    const LoadResult result =
        Test::loadText(R"({"data":null,"total":0,"errors":[{"code":404,"msg":"trace not found"}],"traceID":"x"})");
    QVERIFY(anyMessageContains(result, QStringLiteral("trace not found")));
}

void TestJaegerMalformed::byteOrderMarkAndCrlf()
{
    std::string text = "\xEF\xBB\xBF  \r\n" + twoSpans;
    for (std::size_t at = text.find('\n', 10); at != std::string::npos; at = text.find('\n', at + 2))
        text.insert(at, "\r");
    const LoadResult result = Test::loadText(text);
    QCOMPARE(result.reports.front().warningCount, std::size_t(0));
    QCOMPARE(result.traces->spans().size(), std::size_t(2));
}

void TestJaegerMalformed::jsonLinesOfTraces()
{
    const std::string line1 =
        R"({"traceID":"b1","spans":[{"traceID":"b1","spanID":"01","operationName":"x","startTime":1,"duration":1,"process":{"serviceName":"one"}}]})";
    const std::string line2 =
        R"({"traceID":"b2","spans":[{"traceID":"b2","spanID":"01","operationName":"y","startTime":1,"duration":1,"process":{"serviceName":"two"}}]})";
    const LoadResult result = Test::loadText(line1 + "\n" + line2 + "\n");
    QCOMPARE(result.reports.front().warningCount, std::size_t(0));
    QCOMPARE(result.traces->traces().size(), std::size_t(2));
    QCOMPARE(result.traces->serviceNames().size(), std::size_t(2));
}

void TestJaegerMalformed::truncatedRealFile()
{
    bool read = false;
    const QByteArray whole = Test::corpusBytes(QStringLiteral("public/jaeger/stalk-hotrod-18231c31.json"), &read);
    QVERIFY2(read, "tests/data/corpus/public/jaeger/stalk-hotrod-18231c31.json cannot be read");
    // Cut inside the 31st span record: every span has exactly one operationName member, so
    // cutting just before the 31st one leaves exactly 30 whole records before the cut.
    qsizetype cut = -1;
    for (int n = 0; n < 31; ++n)
        cut = whole.indexOf("\"operationName\"", cut + 1);
    QVERIFY(cut > 0);
    const LoadResult result = Test::loadText(whole.left(cut).toStdString(), "hotrod-cut.json");
    SPANWISE_VERIFY_LOADED(result);
    QCOMPARE(result.traces->spans().size(), std::size_t(30));
    QVERIFY(anyMessageContains(result, QStringLiteral("hotrod-cut.json: line ")));
    QVERIFY(anyMessageContains(result, QStringLiteral("at data[0].spans: the file ends")));
}

void TestJaegerMalformed::unreadableFile()
{
    const std::string path = "/nonexistent/trace.json";
    const LoadResult result = loadTraceFiles(std::span<const std::string>(&path, 1));
    QVERIFY(result.anyFailed());
    QVERIFY(anyMessageContains(result, QStringLiteral("/nonexistent/trace.json: byte 0: cannot open the file")));
}

QTEST_GUILESS_MAIN(TestJaegerMalformed)
