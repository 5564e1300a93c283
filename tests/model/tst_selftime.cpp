#include "corpus.h"
#include "fixtures.h"
#include "loadchecks.h"
#include "selftime.h"
#include "traceloader.h"

#include <QTest>

using namespace Spanwise;

class TestSelfTime : public QObject
{
    Q_OBJECT

private slots:
    void handComputed_data()
    {
        QTest::addColumn<std::shared_ptr<const TraceSet>>("set");
        QTest::addColumn<qint64>("rootSelf");
        QTest::newRow("no children") << Test::buildTraceSet({{1, {}, "a", "root", 0, 100}}) << qint64(100);
        QTest::newRow("one child inside")
            << Test::buildTraceSet({{1, {}, "a", "root", 0, 100}, {2, 1, "a", "c", 10, 30}}) << qint64(70);
        QTest::newRow("overlapping children count once")
            << Test::buildTraceSet({{1, {}, "a", "root", 0, 100}, {2, 1, "a", "c1", 10, 30}, {3, 1, "a", "c2", 20, 30}})
            << qint64(60); // covered 10..50
        QTest::newRow("disjoint children")
            << Test::buildTraceSet({{1, {}, "a", "root", 0, 100}, {2, 1, "a", "c1", 0, 10}, {3, 1, "a", "c2", 90, 10}})
            << qint64(80);
        QTest::newRow("child outlives the parent")
            << Test::buildTraceSet({{1, {}, "a", "root", 0, 100}, {2, 1, "a", "c", 60, 200}}) << qint64(60);
        QTest::newRow("child starts after the parent ends")
            << Test::buildTraceSet({{1, {}, "a", "root", 0, 100}, {2, 1, "a", "c", 150, 20}}) << qint64(100);
        QTest::newRow("grandchildren do not count")
            << Test::buildTraceSet({{1, {}, "a", "root", 0, 100}, {2, 1, "a", "c", 10, 20}, {3, 2, "a", "g", 50, 40}})
            << qint64(80);
    }
    void handComputed()
    {
        QFETCH(std::shared_ptr<const TraceSet>, set);
        QFETCH(qint64, rootSelf);
        QCOMPARE(selfTimeOf(*set, set->traces().front().root), rootSelf);
    }

    // Jaeger UI's statistics fixtures for the two edge cases.
    void corpusEdgeCases_data()
    {
        QTest::addColumn<QString>("file");
        QTest::newRow("children longer than parent") << "public/jaeger/jaeger-ui-children-longer-than-parent.json";
        QTest::newRow("child after parent end") << "public/jaeger/jaeger-ui-child-starts-after-parent-end.json";
    }
    void corpusEdgeCases()
    {
        QFETCH(QString, file);
        const std::string path = Test::corpusFile(file);
        const LoadResult result = loadTraceFiles(std::span<const std::string>(&path, 1));
        SPANWISE_VERIFY_LOADED(result);
        const TraceSet& set = *result.traces;
        const auto self = selfTimes(set);
        for (std::uint32_t i = 0; i < self.size(); ++i) {
            QVERIFY(self[i] >= 0);
            QVERIFY(self[i] <= set.spans()[i].durationNs);
        }
        // The root's self time: its duration minus the union of its children clipped to it.
        const SpanIndex root = set.traces().front().root;
        const Span& r = set.span(root);
        std::vector<std::pair<std::int64_t, std::int64_t>> covered;
        for (const SpanIndex c : set.forest().childrenOf(root))
            covered.emplace_back(std::max(set.span(c).startNs, r.startNs), std::min(set.span(c).endNs(), r.endNs()));
        std::sort(covered.begin(), covered.end());
        std::int64_t union_ = 0, reach = r.startNs;
        for (auto [b, e] : covered) {
            b = std::max(b, reach);
            if (e > b) {
                union_ += e - b;
                reach = e;
            }
        }
        QCOMPARE(self[root.value], r.durationNs - union_);
    }
};

QTEST_GUILESS_MAIN(TestSelfTime)
#include "tst_selftime.moc"
