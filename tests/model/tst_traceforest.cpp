#include "fixtures.h"

#include <QTest>

#include <algorithm>

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

    // Big span arrays are built in parts of whole traces on several threads: any number of
    // parts must give the forest one part gives. Traces interleaved in the input, with
    // orphans, repeated ids and parent cycles among them.
    void partsGiveTheSameForest()
    {
        std::vector<Test::SpanSpec> specs;
        for (std::uint64_t round = 0; round < 6; ++round) {
            for (std::uint64_t trace = 1; trace <= 40; ++trace) {
                const std::uint64_t id = round + 1;
                const auto start = static_cast<std::int64_t>((trace * 7 + round * 13) % 50);
                std::optional<std::uint64_t> parent = round == 0 ? std::nullopt : std::optional(round);
                if (trace % 3 == 0 && round == 5)
                    parent = 99; // an orphan
                if (trace % 5 == 0 && round == 1)
                    parent = 6; // 2 -> 6 -> 5 -> ... -> 2: a cycle
                specs.push_back({trace % 7 == 0 && round == 4 ? 3 : id, parent, "svc" + std::to_string(round % 3),
                    "op" + std::to_string(round), start, 10, round == 2, trace});
            }
        }
        const auto set = Test::buildTraceSet(specs);
        const TraceForest one = TraceForest::build(set->spans(), 1);
        QVERIFY(!one.diagnostics().empty());
        for (const std::size_t parts : {2u, 3u, 7u, 100u}) {
            const TraceForest many = TraceForest::build(set->spans(), parts);
            QCOMPARE(many.traces().size(), one.traces().size());
            for (std::size_t t = 0; t < one.traces().size(); ++t) {
                const TraceInfo &a = one.traces()[t], &b = many.traces()[t];
                QVERIFY(a.id == b.id && a.order.begin == b.order.begin && a.order.count == b.order.count);
                QVERIFY(a.root == b.root && a.rootCount == b.rootCount && a.errorCount == b.errorCount);
                QVERIFY(a.serviceCount == b.serviceCount && a.startNs == b.startNs && a.endNs == b.endNs);
            }
            QVERIFY(std::ranges::equal(many.depthFirstOrder(), one.depthFirstOrder()));
            for (std::uint32_t i = 0; i < set->spans().size(); ++i) {
                const SpanIndex s {i};
                QVERIFY(many.parentOf(s) == one.parentOf(s) && many.depthOf(s) == one.depthOf(s));
                QVERIFY(many.traceOf(s) == one.traceOf(s));
                QVERIFY(std::ranges::equal(many.childrenOf(s), one.childrenOf(s)));
            }
            QVERIFY(
                std::ranges::equal(many.diagnostics(), one.diagnostics(), [](const Diagnostic& a, const Diagnostic& b) {
                    return a.kind == b.kind && a.span == b.span && a.other == b.other;
                }));
        }
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
