#include "fixtures.h"

#include <QTest>

using namespace Spanwise;
using Spanwise::Test::SpanSpec;

namespace {

QStringList diagnosticsOf(const TraceSet& set)
{
    QStringList out;
    for (const Diagnostic& d : set.forest().diagnostics()) {
        const Span& span = set.span(d.span);
        out << QString::fromStdString(
            std::string(diagnosticName(d.kind)) + ": " + std::string(set.text(span.operation)));
    }
    out.sort();
    return out;
}

} // namespace

class TestTraceForest : public QObject
{
    Q_OBJECT

private slots:
    void structure_data()
    {
        QTest::addColumn<std::shared_ptr<const TraceSet>>("set");
        QTest::addColumn<QStringList>("tree");
        QTest::addColumn<QStringList>("diagnostics");

        QTest::newRow("chain") << Test::buildChain("frontend>cart>db")
                               << QStringList {"frontend:op", "  cart:op", "    db:op"} << QStringList {};
        QTest::newRow("children in start order, whatever the input order")
            << Test::buildTraceSet({{1, {}, "a", "root", 0, 100}, {3, 1, "a", "late", 50, 10},
                   {2, 1, "a", "early", 10, 10}, {4, 2, "b", "nested", 12, 5}})
            << QStringList {"a:root", "  a:early", "    b:nested", "  a:late"} << QStringList {};
        QTest::newRow("orphan span") << Test::buildTraceSet(
                                            {{1, {}, "a", "root", 0, 100}, {2, 99, "b", "orphan", 10, 10}})
                                     << QStringList {"a:root", "b:orphan"} << QStringList {"missing parent: orphan"};
        QTest::newRow("duplicate span ids are both kept")
            << Test::buildTraceSet({{1, {}, "a", "root", 0, 100}, {2, 1, "a", "first", 10, 10},
                   {2, 1, "b", "second", 20, 10}, {3, 2, "c", "child", 11, 5}})
            << QStringList {"a:root", "  a:first", "    c:child", "  b:second"}
            << QStringList {"duplicate span id: second"};
        QTest::newRow("cycle is cut at its earliest span")
            << Test::buildTraceSet({{1, 3, "a", "one", 5, 10}, {2, 1, "a", "two", 7, 10}, {3, 2, "a", "three", 9, 10}})
            << QStringList {"a:one", "  a:two", "    a:three"} << QStringList {"parent cycle broken: one"};
        QTest::newRow("span that is its own parent")
            << Test::buildTraceSet({{1, 1, "a", "self", 0, 10}}) << QStringList {"a:self"}
            << QStringList {"parent cycle broken: self"};
        QTest::newRow("cycle below a root")
            << Test::buildTraceSet({{1, {}, "a", "root", 0, 100}, {2, 3, "a", "x", 10, 10}, {3, 2, "a", "y", 20, 10},
                   {4, 2, "a", "under", 30, 1}})
            << QStringList {"a:root", "a:x", "  a:y", "  a:under"} << QStringList {"parent cycle broken: x"};
        QTest::newRow("multiple roots in start order")
            << Test::buildTraceSet({{1, {}, "a", "second root", 50, 10}, {2, {}, "b", "first root", 10, 10}})
            << QStringList {"b:first root", "a:second root"} << QStringList {};
        QTest::newRow("two traces") << Test::buildTraceSet(
                                           {{1, {}, "a", "t1", 0, 10, false, 1}, {1, {}, "b", "t2", 0, 10, false, 2},
                                               {2, 1, "c", "t2 child", 1, 5, false, 2}})
                                    << QStringList {"a:t1", "--", "b:t2", "  c:t2 child"} << QStringList {};
        QTest::newRow("parent id in another trace is missing here")
            << Test::buildTraceSet({{1, {}, "a", "t1 root", 0, 10, false, 1}, {2, 1, "b", "t2 span", 0, 10, false, 2}})
            << QStringList {"a:t1 root", "--", "b:t2 span"} << QStringList {"missing parent: t2 span"};
    }

    void structure()
    {
        QFETCH(std::shared_ptr<const TraceSet>, set);
        QFETCH(QStringList, tree);
        QFETCH(QStringList, diagnostics);
        QCOMPARE(Test::dumpForest(*set), tree);
        QCOMPARE(diagnosticsOf(*set), diagnostics);
        // Every span appears once in the depth-first order: nothing is dropped.
        QCOMPARE(set->forest().depthFirstOrder().size(), set->spans().size());
    }

    void traceFigures()
    {
        const auto set = Test::buildTraceSet({{1, {}, "frontend", "root", 100, 50}, {2, 1, "cart", "a", 120, 100, true},
            {3, 1, "frontend", "b", 90, 5, true}});
        QCOMPARE(set->traces().size(), std::size_t(1));
        const TraceInfo& trace = set->traces().front();
        QCOMPARE(trace.spanCount(), 3u);
        QCOMPARE(trace.startNs, std::int64_t(90));
        QCOMPARE(trace.endNs, std::int64_t(220));
        QCOMPARE(trace.durationNs(), std::int64_t(130));
        QCOMPARE(trace.errorCount, 2u);
        QCOMPARE(trace.serviceCount, 2u);
        QCOMPARE(trace.rootCount, 1u);
        QCOMPARE(set->text(set->span(trace.root).operation), std::string_view("root"));
        QCOMPARE(set->forest().findTrace(trace.id), TraceIndex {0});
        QVERIFY(!set->forest().findTrace(TraceId {7, 7}).isValid());
    }

    void emptySet()
    {
        const auto set = Test::buildTraceSet({});
        QVERIFY(set->traces().empty());
        QVERIFY(set->forest().depthFirstOrder().empty());
    }
};

QTEST_GUILESS_MAIN(TestTraceForest)
#include "tst_traceforest.moc"
