#include "fixtures.h"
#include "operationstats.h"
#include "spantimes.h"

#include <QTest>

#include <limits>

using namespace Spanwise;

class TestOperationStats : public QObject
{
    Q_OBJECT

private slots:
    void nearestRankPercentiles_data()
    {
        QTest::addColumn<QList<qint64>>("values");
        QTest::addColumn<double>("p");
        QTest::addColumn<qint64>("expected");
        const QList<qint64> ten {10, 20, 30, 40, 50, 60, 70, 80, 90, 100};
        QTest::newRow("p50 of ten") << ten << 50.0 << qint64(50);
        QTest::newRow("p90 of ten") << ten << 90.0 << qint64(90);
        QTest::newRow("p95 of ten rounds up a rank") << ten << 95.0 << qint64(100);
        QTest::newRow("p99 of ten is the max") << ten << 99.0 << qint64(100);
        QTest::newRow("p0 is the min") << ten << 0.0 << qint64(10);
        QTest::newRow("one value") << QList<qint64> {7} << 99.0 << qint64(7);
        QTest::newRow("p50 of an even count takes the lower middle") << QList<qint64> {1, 2, 3, 4} << 50.0 << qint64(2);
        QTest::newRow("empty") << QList<qint64> {} << 50.0 << qint64(0);
    }
    void nearestRankPercentiles()
    {
        QFETCH(QList<qint64>, values);
        QFETCH(double, p);
        QFETCH(qint64, expected);
        const std::vector<std::int64_t> sorted(values.begin(), values.end());
        QCOMPARE(percentileOfSorted(sorted, p), expected);
    }

    void groupsByServiceAndOperation()
    {
        // web:get is called 4 times (durations 10, 20, 30, 400), one failing; db:query twice.
        const auto set =
            Test::buildTraceSet({{1, {}, "web", "get", 0, 10, false, 1}, {1, {}, "web", "get", 0, 20, false, 2},
                {1, {}, "web", "get", 0, 30, true, 3}, {1, {}, "web", "get", 0, 400, false, 4},
                {2, 1, "db", "query", 100, 200, false, 4}, {3, 1, "db", "query", 50, 100, true, 4}});
        const StatsResult stats = computeOperationStats(*set, {});
        QCOMPARE(stats.spans, std::uint64_t(6));
        QCOMPARE(stats.rows.size(), std::size_t(2));
        const OperationStats& get = stats.rows[0]; // p99 400 sorts first
        QCOMPARE(set->text(get.operation), std::string_view("get"));
        QCOMPARE(get.count, std::uint64_t(4));
        QCOMPARE(get.errors, std::uint64_t(1));
        QCOMPARE(get.errorRate(), 0.25);
        QCOMPARE(get.minNs, std::int64_t(10));
        QCOMPARE(get.p50Ns, std::int64_t(20));
        QCOMPARE(get.p90Ns, std::int64_t(400));
        QCOMPARE(get.maxNs, std::int64_t(400));
        QCOMPARE(get.meanNs, 115.0);
        QCOMPARE(get.totalNs, std::int64_t(460));
        // The 400 ns root has children covering 50..300: 250 of it is not its own.
        QCOMPARE(get.totalSelfNs, std::int64_t(10 + 20 + 30 + 150));
        const OperationStats& query = stats.rows[1];
        QCOMPARE(query.count, std::uint64_t(2));
        QCOMPARE(query.totalSelfNs, std::int64_t(300));
        QCOMPARE(stats.totalSelfNs, std::int64_t(510));
        QCOMPARE(get.shareOfTime + query.shareOfTime, 1.0);
        // Examples: the slowest, the median, the failing ones.
        QCOMPARE(set->span(get.slowest).durationNs, std::int64_t(400));
        QCOMPARE(set->span(get.median).durationNs, std::int64_t(20));
        QCOMPARE(get.failing.size(), std::size_t(1));
        QCOMPARE(set->span(get.failing[0]).durationNs, std::int64_t(30));
    }

    void groupsByServiceOrAttribute()
    {
        const auto set =
            Test::buildTraceSet({{1, {}, "web", "a", 0, 10}, {2, 1, "web", "b", 0, 5}, {3, 1, "db", "q", 0, 1}});
        const StatsResult byService = computeOperationStats(*set, {StatsGrouping::By::Service, {}});
        QCOMPARE(byService.rows.size(), std::size_t(2));
        QCOMPARE(byService.rows[0].count, std::uint64_t(2));
        QVERIFY(!byService.rows[0].operation.isValid());
        // No span has the attribute: one "(none)" group holds them all.
        const StatsResult byAttribute = computeOperationStats(*set, {StatsGrouping::By::Attribute, "http.route"});
        QCOMPARE(byAttribute.rows.size(), std::size_t(1));
        QCOMPARE(byAttribute.rows[0].value, std::string("(none)"));
        QCOMPARE(byAttribute.rows[0].count, std::uint64_t(3));
    }

    void oneTraceOnly()
    {
        const auto set = Test::buildTraceSet({{1, {}, "a", "x", 0, 10, false, 1}, {1, {}, "a", "x", 0, 20, false, 2}});
        StatsOptions options;
        options.onlyTrace = TraceIndex {1};
        const StatsResult stats = computeOperationStats(*set, {}, options);
        QCOMPARE(stats.spans, std::uint64_t(1));
        QCOMPARE(stats.rows[0].maxNs, std::int64_t(20));
    }

    void cancels()
    {
        const auto set = Test::buildChain("a>b>c");
        std::atomic<bool> cancel {true};
        StatsOptions options;
        options.cancel = &cancel;
        QVERIFY(computeOperationStats(*set, {}, options).cancelled);
    }

    // Durations at the model's limit: their sum saturates instead of wrapping negative.
    void totalsSaturate()
    {
        const auto set = Test::buildTraceSet({{1, {}, "web", "get", 0, maxTimeNs, false, 1},
            {1, {}, "web", "get", 0, maxTimeNs, false, 2}, {1, {}, "web", "get", 0, maxTimeNs, false, 3}});
        const StatsResult stats = computeOperationStats(*set, {});
        QCOMPARE(stats.rows.size(), std::size_t(1));
        // 3 x (2^62 - 1) exceeds INT64_MAX (2^63 - 1): the total stops there.
        QCOMPARE(stats.rows[0].totalNs, std::numeric_limits<std::int64_t>::max());
        QCOMPARE(stats.rows[0].maxNs, maxTimeNs);
    }
};

QTEST_GUILESS_MAIN(TestOperationStats)
#include "tst_operationstats.moc"
