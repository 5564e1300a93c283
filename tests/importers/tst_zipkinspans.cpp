// How Zipkin records become spans: the halves of a shared span, parts of one span sent
// apart, exact repeats, and ids that only look alike (docs/formats.md, "Zipkin").
#include "fixtures.h"

#include <QTest>

using namespace Spanwise;

namespace {

// Hand-written, one record per line; what each must become is said beside it.
constexpr std::string_view records = R"([
{"traceId":"a1","id":"1","name":"get /cart","kind":"CLIENT","timestamp":100,"duration":50,"localEndpoint":{"serviceName":"web"}},
{"traceId":"a1","id":"1","name":"get /cart","kind":"SERVER","timestamp":110,"duration":30,"shared":true,"localEndpoint":{"serviceName":"cart"}},
{"traceId":"a1","id":"2","parentId":"1","name":"select","kind":"CLIENT","timestamp":115,"duration":10,"localEndpoint":{"serviceName":"cart"}},
{"traceId":"a1","id":"2","parentId":"1","name":"select","kind":"CLIENT","timestamp":115,"duration":10,"localEndpoint":{"serviceName":"cart"}},
{"traceId":"a1","id":"3","parentId":"1","kind":"SERVER","timestamp":120,"localEndpoint":{"serviceName":"cart"}},
{"traceId":"a1","id":"3","parentId":"1","name":"lookup","kind":"SERVER","duration":5,"localEndpoint":{"serviceName":"cart"},"tags":{"hit":"yes"}},
{"traceId":"b2","id":"1","name":"get /cart","kind":"SERVER","timestamp":300,"duration":20,"localEndpoint":{"serviceName":"cart"}}
])";
// Record 1 and 2: one shared span, the server half under the client half.
// Record 4: an exact repeat of record 3, loaded once.
// Records 5 and 6: two parts of one server span (same trace, id, side and service), merged:
//   the name and the tag from the second part, the start from the first.
// Record 7: the same span id in another trace: a span of its own, no half of anything.

} // namespace

class TestZipkinSpans : public QObject
{
    Q_OBJECT

private slots:
    void recordsBecomeSpans()
    {
        const LoadResult result = Test::loadText(records, "zipkin.json");
        QVERIFY(!result.anyFailed());
        const TraceSet& set = *result.traces;
        QCOMPARE(set.spans().size(), std::size_t(5));
        QCOMPARE(Test::dumpForest(set),
            (QStringList {
                "web:get /cart", "  cart:get /cart", "    cart:select", "    cart:lookup", "--", "cart:get /cart"}));

        int serverHalves = 0;
        for (const Span& span : set.spans()) {
            if (span.flags & SpanSharedServerHalf) {
                ++serverHalves;
                QCOMPARE(span.traceId.lo, std::uint64_t(0xa1));
                QCOMPARE(span.kind, SpanKind::Server);
            }
            if (set.text(span.operation) == "lookup") {
                QCOMPARE(span.startNs, std::int64_t(120'000));
                QCOMPARE(span.durationNs, std::int64_t(5'000));
                QCOMPARE(set.attributes(span.attributes).size(), std::size_t(1));
            }
        }
        QCOMPARE(serverHalves, 1);

        QStringList warnings;
        for (const ImportMessage& message : result.reports.front().messages)
            warnings << QString::fromStdString(message.text);
        QCOMPARE(warnings.size(), 2);
        QVERIFY(warnings.filter(QStringLiteral("1 span record(s) repeat an earlier one exactly")).size() == 1);
        QVERIFY(warnings.filter(QStringLiteral("1 span record(s) were parts of an earlier span")).size() == 1);
    }
};

QTEST_GUILESS_MAIN(TestZipkinSpans)
#include "tst_zipkinspans.moc"
