#include "anomalies.h"
#include "fixtures.h"
#include "traceset.h"

#include <QTest>

using namespace Spanwise;

class TestAnomalies : public QObject
{
    Q_OBJECT

private slots:
    // 30 calls of api "GET /x" taking 10, 11, 12, 10, 11, 12… ms (median 11 ms, MAD 1 ms) and one
    // of 500 ms: robust z = 0.6745 × 489 / 1 ≈ 330, far over 3.5; the 12 ms calls (z 0.67) are
    // not anomalies. Its trace's deepest failing span (db, depth 2) is where to look first.
    void slowSpanAndItsLikelyCause()
    {
        std::vector<Test::SpanSpec> specs;
        for (std::uint64_t t = 1; t <= 30; ++t)
            specs.push_back({1, {}, "api", "GET /x", std::int64_t(t) * 1'000'000'000,
                std::int64_t(10 + t % 3) * 1'000'000, false, t});
        specs.push_back({1, {}, "api", "GET /x", 40'000'000'000, 500'000'000, false, 31});
        specs.push_back({2, 1, "api", "query", 40'000'000'000, 490'000'000, false, 31});
        specs.push_back({3, 2, "db", "SELECT", 40'000'000'000, 480'000'000, true, 31});
        const auto set = Test::buildTraceSet(specs);
        const std::vector<Anomaly> found = findAnomalies(*set);
        std::vector<const Anomaly*> slow;
        for (const Anomaly& a : found)
            if (a.reason.starts_with("took"))
                slow.push_back(&a);
        QCOMPARE(slow.size(), std::size_t(1));
        QCOMPARE(set->span(slow[0]->span).durationNs, std::int64_t(500'000'000));
        QVERIFY(slow[0]->severity > 300 && slow[0]->severity < 340);
        QCOMPARE(set->text(set->span(slow[0]->cause).operation), std::string_view("SELECT"));
        QVERIFY(QString::fromStdString(slow[0]->reason).contains(QStringLiteral("500.0 ms")));
    }

    // checkout fails once a minute for ten minutes, then 6 times within one of the 60 buckets.
    void errorBurst()
    {
        std::vector<Test::SpanSpec> specs;
        std::uint64_t trace = 1;
        for (int minute = 0; minute < 10; ++minute)
            specs.push_back(
                {1, {}, "checkout", "POST", std::int64_t(minute) * 60'000'000'000, 1'000'000, true, trace++});
        for (int i = 0; i < 6; ++i)
            specs.push_back(
                {1, {}, "checkout", "POST", 300'000'000'000 + i * 1'000'000'000LL, 1'000'000, true, trace++});
        const auto set = Test::buildTraceSet(specs);
        const std::vector<Anomaly> found = findAnomalies(*set);
        QCOMPARE(found.size(), std::size_t(1));
        QVERIFY(found[0].reason.starts_with("error burst: 7 errors in checkout")); // the minute-5 failure joins
        QCOMPARE(set->span(found[0].span).startNs, std::int64_t(300'000'000'000));
    }

    void quietDataHasNone()
    {
        std::vector<Test::SpanSpec> specs;
        for (std::uint64_t t = 1; t <= 25; ++t)
            specs.push_back(
                {1, {}, "api", "GET", std::int64_t(t) * 1'000'000, 1'000'000 + std::int64_t(t % 5) * 1000, false, t});
        QVERIFY(findAnomalies(*Test::buildTraceSet(specs)).empty());
    }
};

QTEST_GUILESS_MAIN(TestAnomalies)
#include "tst_anomalies.moc"
