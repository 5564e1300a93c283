#include "fixtures.h"
#include "spanlookup.h"
#include "traceset.h"

#include <QTest>

using namespace Spanwise;
using Spanwise::Test::buildTraceSet;

// Links name spans by the hex ids trace files carry; locateSpan turns them back into indexes.
class TestSpanLookup : public QObject
{
    Q_OBJECT

    // Two traces (ids 0xa and 0xb) that both have a span 0x2, as retried requests do.
    std::shared_ptr<const TraceSet> m_set = buildTraceSet({
        // id, parent, service, operation, start, duration, error, trace
        {1, {}, "web", "GET /", 0, 10, false, 0xa},
        {2, 1, "db", "query a", 1, 5, false, 0xa},
        {1, {}, "web", "GET /", 100, 10, false, 0xb},
        {2, 1, "db", "query b", 101, 5, false, 0xb},
        {3, 1, "cache", "get", 102, 5, false, 0xb},
    });

    QString operationAt(SpanIndex span) const
    {
        return QString::fromStdString(std::string(m_set->text(m_set->spans()[span.value].operation)));
    }

private slots:
    void findsTheSpanInTheNamedTrace()
    {
        const SpanLocation at = locateSpan(*m_set, "b", "2");
        QVERIFY(at.problem.empty());
        QCOMPARE(operationAt(at.span), QStringLiteral("query b"));
        QCOMPARE(m_set->forest().traceOf(at.span), at.trace);
        // Ids as files write them: upper case and leading zeros are the same id.
        QCOMPARE(locateSpan(*m_set, "000000000000000B", "0000000000000002").span, at.span);
    }

    void withoutATraceTheFirstTraceWithTheSpanWins()
    {
        const SpanLocation at = locateSpan(*m_set, "", "3");
        QVERIFY(at.problem.empty());
        QCOMPARE(operationAt(at.span), QStringLiteral("get"));
        QCOMPARE(operationAt(locateSpan(*m_set, "", "2").span), QStringLiteral("query a"));
    }

    void aTraceAloneSelectsTheTrace()
    {
        const SpanLocation at = locateSpan(*m_set, "a", "");
        QVERIFY(at.problem.empty());
        QVERIFY(at.trace.isValid());
        QVERIFY(!at.span.isValid());
        QCOMPARE(m_set->forest().traces()[at.trace.value].spanCount(), 2u);
    }

    void whatDoesNotResolveIsSaid()
    {
        // The trace exists but the span is elsewhere: the trace is still found.
        const SpanLocation inOther = locateSpan(*m_set, "a", "3");
        QVERIFY(inOther.trace.isValid());
        QVERIFY(!inOther.span.isValid());
        QVERIFY(!inOther.problem.empty());
        for (const auto& [trace, span] : {std::pair {"c", "1"}, {"xyz", "1"}, {"a", "not hex"}, {"", "99"}, {"", ""}}) {
            const SpanLocation at = locateSpan(*m_set, trace, span);
            QVERIFY2(!at.problem.empty(), trace);
            QVERIFY(!at.span.isValid());
        }
    }
};

QTEST_GUILESS_MAIN(TestSpanLookup)
#include "tst_spanlookup.moc"
