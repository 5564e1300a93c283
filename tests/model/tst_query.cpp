#include "fixtures.h"
#include "operationstats.h"
#include "query.h"
#include "spanquery.h"
#include "statsquery.h"
#include "traceset.h"
#include "tracesetbuilder.h"

#include <QTest>

using namespace Spanwise;

namespace {

Query parsed(std::string_view text)
{
    auto query = parseQuery(text);
    if (!query)
        QTest::qFail(query.error().message.c_str(), __FILE__, __LINE__);
    return query ? *query : Query {};
}

// Spans passing, by span id, for a query over `set` (empty on a compile error, after failing).
QList<std::uint64_t> spansPassing(const TraceSet& set, std::string_view text)
{
    auto query = SpanQuery::compile(set, parsed(text));
    if (!query) {
        QTest::qFail(query.error().message.c_str(), __FILE__, __LINE__);
        return {};
    }
    QList<std::uint64_t> ids;
    for (std::uint32_t i = 0; i < set.spans().size(); ++i)
        if (query->matches(SpanIndex {i}))
            ids << set.spans()[i].spanId;
    return ids;
}

QString compileError(const TraceSet& set, std::string_view text)
{
    const auto query = parseQuery(text);
    if (!query)
        return QString::fromStdString(query.error().message);
    const auto bound = SpanQuery::compile(set, *query);
    return bound ? QString() : QString::fromStdString(bound.error().message);
}

// web(1) → cart(2, error, 3 ms) → db(3); a second trace: web(4) alone; a third: db(5), whose
// resource has host.name=db-host-7 and which logged a "lock wait" event. Span 2 carries
// http.status_code=503 (an integer) and peer=db-1 (text).
std::shared_ptr<const TraceSet> shop()
{
    TraceSetBuilder builder;
    builder.addFile("shop.json");
    const auto add = [&](std::uint64_t trace, std::uint64_t id, std::uint64_t parent, std::string_view service,
                         std::string_view operation, std::int64_t durationNs, SpanKind kind, bool error,
                         std::vector<Attribute> attributes) {
        Span span;
        span.traceId = TraceId {0, trace};
        span.spanId = id;
        if (parent) {
            span.parentSpanId = parent;
            span.flags |= SpanHasParentId;
        }
        span.service = builder.service(service);
        span.resource = builder.addResource(span.service, {});
        span.operation = builder.intern(operation);
        span.startNs = 1000;
        span.durationNs = durationNs;
        span.kind = kind;
        span.status = error ? StatusCode::Error : StatusCode::Ok;
        span.attributes = builder.addAttributes(attributes);
        builder.addSpan(span);
    };
    Attribute status;
    status.setKey(builder.intern("http.status_code"));
    status.setType(AttributeType::Int);
    status.integer = 503;
    Attribute peer;
    peer.setKey(builder.intern("peer"));
    peer.setType(AttributeType::String);
    peer.text = builder.intern("db-1");
    add(1, 1, 0, "web", "GET /cart", 10'000'000, SpanKind::Server, false, {});
    add(1, 2, 1, "cart", "Checkout", 3'000'000, SpanKind::Client, true, {status, peer});
    add(1, 3, 2, "db", "SELECT", 500'000, SpanKind::Client, false, {});
    add(2, 4, 0, "web", "GET /home", 1'000, SpanKind::Server, false, {});
    // Span 5: the db process, with a resource attribute, and an event with an attribute.
    Span db;
    db.traceId = TraceId {0, 3};
    db.spanId = 5;
    db.service = builder.service("db");
    Attribute host;
    host.setKey(builder.intern("host.name"));
    host.setType(AttributeType::String);
    host.text = builder.intern("db-host-7");
    db.resource = builder.addResource(db.service, builder.addAttributes(std::vector<Attribute> {host}));
    db.operation = builder.intern("vacuum");
    db.startNs = 2000;
    db.durationNs = 10;
    Attribute reason;
    reason.setKey(builder.intern("exception.type"));
    reason.setType(AttributeType::String);
    reason.text = builder.intern("DeadlockDetected");
    Event event;
    event.timeNs = 2005;
    event.name = builder.intern("lock wait");
    event.attributes = builder.addAttributes(std::vector<Attribute> {reason});
    db.events = builder.addEvents(std::vector<Event> {event});
    builder.addSpan(db);
    return builder.finish();
}

} // namespace

class TestQuery : public QObject
{
    Q_OBJECT

private slots:
    void parsesTermsQuotesAndOperators()
    {
        const Query q = parsed("checkout \"GET /cart\" service=front* duration >= 250ms http.code!=500 x<2 errors>5%");
        QCOMPARE(q.terms.size(), std::size_t(7));
        QCOMPARE(q.terms[0].op, QueryOp::Text);
        QCOMPARE(q.terms[0].value.text, std::string("checkout"));
        QCOMPARE(q.terms[1].op, QueryOp::Text);
        QCOMPARE(q.terms[1].value.text, std::string("GET /cart"));
        QCOMPARE(q.terms[2].key, std::string("service"));
        QCOMPARE(q.terms[2].op, QueryOp::Equal);
        QCOMPARE(q.terms[2].value.text, std::string("front*"));
        // Spaces around an operator are allowed.
        QCOMPARE(q.terms[3].key, std::string("duration"));
        QCOMPARE(q.terms[3].op, QueryOp::GreaterOrEqual);
        QCOMPARE(q.terms[3].value.unit, QueryUnit::Duration);
        QCOMPARE(q.terms[3].value.number, 250e6);
        QCOMPARE(q.terms[4].op, QueryOp::NotEqual);
        QCOMPARE(q.terms[4].value.unit, QueryUnit::Number);
        QCOMPARE(q.terms[5].op, QueryOp::Less);
        QCOMPARE(q.terms[6].value.unit, QueryUnit::Percent);
        QCOMPARE(q.terms[6].value.number, 5.0);
        // Where each term starts, for messages.
        QCOMPARE(q.terms[1].position, std::size_t(9));
    }

    void readsEveryUnit()
    {
        const std::pair<const char*, double> cases[] = {{"7ns", 7}, {"1.5us", 1500}, {"2µs", 2000}, {"3ms", 3e6},
            {"1.5s", 1.5e9}, {"2m", 120e9}, {"2min", 120e9}, {"1h", 3600e9}, {"1.5S", 1.5e9}};
        for (const auto& [text, ns] : cases) {
            const Query q = parsed(std::string("duration>") + text);
            QCOMPARE(q.terms[0].value.unit, QueryUnit::Duration);
            QCOMPARE(q.terms[0].value.number, ns);
            QCOMPARE(durationValue(q.terms[0].value), std::optional<std::int64_t>(std::llround(ns)));
        }
        // A plain number for a duration is milliseconds; a word or a quoted number is text.
        QCOMPARE(durationValue(parsed("d>90").terms[0].value), std::optional<std::int64_t>(90'000'000));
        QCOMPARE(parsed("d>fast").terms[0].value.unit, QueryUnit::Text);
        QCOMPARE(parsed("d=\"90\"").terms[0].value.unit, QueryUnit::Text);
        QCOMPARE(durationValue(parsed("d>\"90\"").terms[0].value), std::nullopt);
        QVERIFY(parsed("").isEmpty());
        QVERIFY(parsed("   ").isEmpty());
    }

    void saysWhereAQueryIsWrong()
    {
        const auto unclosed = parseQuery("a \"open");
        QVERIFY(!unclosed);
        QCOMPARE(unclosed.error().position, std::size_t(2));
        const auto noKey = parseQuery("=x");
        QVERIFY(!noKey);
        QCOMPARE(noKey.error().position, std::size_t(0));
        const auto noValue = parseQuery("service=");
        QVERIFY(!noValue);
        QVERIFY(QString::fromStdString(noValue.error().message).contains(QStringLiteral("value")));
        QVERIFY(!parseQuery("a ! b"));
        QVERIFY(!parseQuery("a = = b"));
    }

    void globsIgnoreCase()
    {
        QVERIFY(globMatches("Frontend", "front*"));
        QVERIFY(globMatches("frontend", "*END"));
        QVERIFY(globMatches("a-b-c", "a*c"));
        QVERIFY(globMatches("abc", "*"));
        QVERIFY(globMatches("", "*"));
        QVERIFY(!globMatches("frontend", "front"));
        QVERIFY(!globMatches("abc", "a*d"));
        QVERIFY(globMatches("aaab", "*a*b")); // backtracks
        QVERIFY(containsIgnoringCase("HTTP GET /Dispatch", "get /dis"));
        QVERIFY(!containsIgnoringCase("abc", "abcd"));
    }

    void fieldsOfASpan()
    {
        const auto set = shop();
        QCOMPARE(spansPassing(*set, ""), (QList<std::uint64_t> {1, 2, 3, 4, 5}));
        QCOMPARE(spansPassing(*set, "CART"), (QList<std::uint64_t> {1, 2})); // "GET /cart" and cart
        QCOMPARE(spansPassing(*set, "service=web"), (QList<std::uint64_t> {1, 4}));
        QCOMPARE(spansPassing(*set, "service!=web"), (QList<std::uint64_t> {2, 3, 5}));
        QCOMPARE(spansPassing(*set, "service=*a*"), (QList<std::uint64_t> {2}));
        QCOMPARE(spansPassing(*set, "operation=get*"), (QList<std::uint64_t> {1, 4}));
        QCOMPARE(spansPassing(*set, "name=select"), (QList<std::uint64_t> {3}));
        QCOMPARE(spansPassing(*set, "error=true"), (QList<std::uint64_t> {2}));
        QCOMPARE(spansPassing(*set, "status=ok"), (QList<std::uint64_t> {1, 3, 4}));
        QCOMPARE(spansPassing(*set, "status=unset"), (QList<std::uint64_t> {5}));
        QCOMPARE(spansPassing(*set, "kind=server"), (QList<std::uint64_t> {1, 4}));
        QCOMPARE(spansPassing(*set, "duration>=3ms"), (QList<std::uint64_t> {1, 2}));
        QCOMPARE(spansPassing(*set, "duration<1ms"), (QList<std::uint64_t> {3, 4, 5}));
        QCOMPARE(spansPassing(*set, "duration=1us"), (QList<std::uint64_t> {4}));
        QCOMPARE(spansPassing(*set, "spanid=0000000000000003"), (QList<std::uint64_t> {3}));
        QCOMPARE(spansPassing(*set, "trace=*2"), (QList<std::uint64_t> {4}));
        // Every term must hold.
        QCOMPARE(spansPassing(*set, "kind=client duration>1ms"), (QList<std::uint64_t> {2}));
        // The file name is text too, and a field of its own (without its folder).
        QCOMPARE(spansPassing(*set, "shop.json").size(), 5);
        QCOMPARE(spansPassing(*set, "file=shop.json").size(), 5);
        QCOMPARE(spansPassing(*set, "file=*.json").size(), 5);
        QCOMPARE(spansPassing(*set, "file=other.json").size(), 0);
        QCOMPARE(spansPassing(*set, "file!=shop*").size(), 0);
    }

    void attributes()
    {
        const auto set = shop();
        QCOMPARE(spansPassing(*set, "http.status_code=503"), (QList<std::uint64_t> {2}));
        QCOMPARE(spansPassing(*set, "http.status_code>=500"), (QList<std::uint64_t> {2}));
        QCOMPARE(spansPassing(*set, "http.status_code<500"), (QList<std::uint64_t> {}));
        QCOMPARE(spansPassing(*set, "http.status_code=5*"), (QList<std::uint64_t> {2})); // as text
        QCOMPARE(spansPassing(*set, "peer=DB-*"), (QList<std::uint64_t> {2}));
        QCOMPARE(spansPassing(*set, "peer=*"), (QList<std::uint64_t> {2}));
        QCOMPARE(spansPassing(*set, "peer!=*"), (QList<std::uint64_t> {1, 3, 4, 5}));
        QCOMPARE(spansPassing(*set, "peer!=db-1"), (QList<std::uint64_t> {1, 3, 4, 5}));
        // A key no span has matches nothing (and its negation everything).
        QCOMPARE(spansPassing(*set, "no.such.key=1"), (QList<std::uint64_t> {}));
        QCOMPARE(spansPassing(*set, "no.such.key!=1").size(), 5);
        // Resource (process) attributes count as the span's.
        QCOMPARE(spansPassing(*set, "host.name=db-host-*"), (QList<std::uint64_t> {5}));
        QCOMPARE(spansPassing(*set, "host-7"), (QList<std::uint64_t> {5}));
        // Free text finds attribute keys and values, integers included.
        QCOMPARE(spansPassing(*set, "503"), (QList<std::uint64_t> {2}));
        QCOMPARE(spansPassing(*set, "status_code"), (QList<std::uint64_t> {2}));
        // Events (logs): their names and attributes are text of the span.
        QCOMPARE(spansPassing(*set, "\"lock wait\""), (QList<std::uint64_t> {5}));
        QCOMPARE(spansPassing(*set, "deadlock"), (QList<std::uint64_t> {5}));
        // Several words: each must appear.
        QCOMPARE(spansPassing(*set, "deadlock vacuum"), (QList<std::uint64_t> {5}));
        QCOMPARE(spansPassing(*set, "deadlock checkout"), (QList<std::uint64_t> {}));
    }

    void valuesAFieldCannotTake()
    {
        const auto set = shop();
        QVERIFY(compileError(*set, "duration>fast").contains(QStringLiteral("duration")));
        QVERIFY(compileError(*set, "service>b").contains(QStringLiteral("text")));
        QVERIFY(compileError(*set, "kind=sideways").contains(QStringLiteral("server")));
        QVERIFY(compileError(*set, "status=great").contains(QStringLiteral("unset")));
        QVERIFY(compileError(*set, "error=maybe").contains(QStringLiteral("true or false")));
        QVERIFY(compileError(*set, "http.status_code>high").contains(QStringLiteral("numbers")));
        QVERIFY(compileError(*set, "spans>many").contains(QStringLiteral("count")));
        QCOMPARE(compileError(*set, "whatever=1"), QString()); // an attribute key
        // Field names ignore case; values of enums too.
        QCOMPARE(compileError(*set, "KIND=Server"), QString());
    }

    void aTraceMatchesWhenEachTermHoldsOnSomeSpan()
    {
        const auto set = shop();
        const auto traces = [&](std::string_view text) {
            const auto query = SpanQuery::compile(*set, parsed(text));
            QList<std::uint32_t> passing;
            if (!query)
                return passing;
            const std::vector<bool> pass = tracesMatching(*set, *query);
            for (std::uint32_t t = 0; t < pass.size(); ++t)
                if (pass[t])
                    passing << t;
            return passing;
        };
        QCOMPARE(set->traces().size(), std::size_t(3));
        const QList<std::uint32_t> first {0}, second {1}, both {0, 1}, none {}, shortOnes {1, 2};
        // Different spans may satisfy different terms.
        QCOMPARE(traces("service=db error=true"), first);
        QCOMPARE(traces("service=web"), both);
        QCOMPARE(traces("service=web kind=client"), first);
        // duration is the trace's (10 ms and 1 µs), not a span's.
        QCOMPARE(traces("duration>5ms"), first);
        QCOMPARE(traces("duration<3ms"), shortOnes); // trace 1 has a 500 µs span, but takes 10 ms
        QCOMPARE(traces("spans>=3"), first);
        QCOMPARE(traces("spans=1"), shortOnes);
        QCOMPARE(traces("home"), second);
        QCOMPARE(traces("nothing-like-this"), none);
        // start is the trace's: traces 1 and 2 start at 1000 ns after the epoch, trace 3 at 2000.
        // An offset counts from the first trace's start (1000 ns); a time is UTC unless it says.
        QCOMPARE(traces("start>=1us"), (QList<std::uint32_t> {2}));
        QCOMPARE(traces("start<1us"), both);
        QCOMPARE(traces("start<1970-01-01T00:00:00.0000015Z"), both);
        QCOMPARE(traces("start>=\"1970-01-01 01:00:00.0000015+01:00\""), (QList<std::uint32_t> {2}));
        QVERIFY(compileError(*set, "start>yesterday").contains(QStringLiteral("2024-05-01T10:42:03Z")));
    }

    void statisticsRows()
    {
        const auto set = shop();
        const StatsResult stats = computeOperationStats(*set, {StatsGrouping::By::Service, {}});
        const auto rows = [&](std::string_view text) {
            const auto query = StatsQuery::compile(parsed(text));
            QStringList names;
            if (!query) {
                QTest::qFail(query.error().message.c_str(), __FILE__, __LINE__);
                return names;
            }
            for (const OperationStats& row : stats.rows)
                if (query->matches(*set, row))
                    names << QString::fromStdString(std::string(set->serviceName(row.service)));
            names.sort();
            return names;
        };
        // web: 2 spans (10 ms, 1 µs); cart: 1 failing span of 3 ms; db: 2 spans (500 µs, 10 ns).
        QCOMPARE(rows("count>=2"), (QStringList {QStringLiteral("db"), QStringLiteral("web")}));
        QCOMPARE(rows("errors>0"), QStringList {QStringLiteral("cart")});
        QCOMPARE(rows("errors>=50%"), QStringList {QStringLiteral("cart")});
        QCOMPARE(rows("p99>1ms"), (QStringList {QStringLiteral("cart"), QStringLiteral("web")}));
        QCOMPARE(rows("max<=500us"), QStringList {QStringLiteral("db")});
        QCOMPARE(rows("service=c*"), QStringList {QStringLiteral("cart")});
        QCOMPARE(rows("WE"), QStringList {QStringLiteral("web")});
        const auto bad = StatsQuery::compile(parsed("duration>1s"));
        QVERIFY(!bad);
        QVERIFY(QString::fromStdString(bad.error().message).contains(QStringLiteral("p99")));
        QVERIFY(!StatsQuery::compile(parsed("count>many")));
        QVERIFY(!StatsQuery::compile(parsed("p99>often")));
        QVERIFY(!StatsQuery::compile(parsed("service>a")));
    }
};

QTEST_MAIN(TestQuery)
#include "tst_query.moc"
