#include "timeaxis.h"

#include <QTest>

#include <limits>

using namespace Spanwise;

// The ruler of any time range: a trace with one span at time 0 and one in 2023, or an
// overflowing start, once made the tick loop fall back to a 1 ns step and fill memory.
class TestTimeAxis : public QObject
{
    Q_OBJECT

private slots:
    void ticksAreBoundedForAnyRange_data()
    {
        QTest::addColumn<qint64>("start");
        QTest::addColumn<qint64>("end");
        QTest::addColumn<double>("width");
        QTest::addColumn<qint64>("step");
        // step: the smallest 1, 2 or 5 x 10^k at or above range * 60 px / width.
        // 0 .. 2023-06-01: 1.6856e18 ns * 60 / 400 = 2.53e17 -> 5e17.
        QTest::newRow("epoch to 2023") << qint64(0) << qint64(1'685'577'600'000'000'000) << 400.0
                                       << qint64(500'000'000'000'000'000);
        // The whole int64 range: 1.8447e19 * 60 / 400 = 2.77e18 -> 5e18, the largest round step.
        QTest::newRow("INT64_MIN to INT64_MAX")
            << std::numeric_limits<qint64>::min() << std::numeric_limits<qint64>::max() << 400.0
            << qint64(5'000'000'000'000'000'000);
        // Beyond any round step: 1.8447e19 * 60 / 1 px; the step stays 5e18, ticks stay few.
        QTest::newRow("whole range in one pixel")
            << std::numeric_limits<qint64>::min() << std::numeric_limits<qint64>::max() << 1.0
            << qint64(5'000'000'000'000'000'000);
        // One nanosecond over 4000 px: steps cannot go below 1 ns.
        QTest::newRow("one nanosecond") << qint64(7) << qint64(8) << 4000.0 << qint64(1);
    }
    void ticksAreBoundedForAnyRange()
    {
        QFETCH(qint64, start);
        QFETCH(qint64, end);
        QFETCH(double, width);
        QFETCH(qint64, step);
        const TimeAxis axis {start, end, 0, width};
        std::int64_t stepNs = 0;
        const auto ticks = axis.ticks(60, start, &stepNs);
        QCOMPARE(stepNs, step);
        QVERIFY2(double(ticks.size()) <= width / 60 + 2, qPrintable(QString::number(ticks.size())));
        QVERIFY(!ticks.empty());
        for (const auto& tick : ticks) {
            QVERIFY(tick.timeNs >= start && tick.timeNs <= end);
            QVERIFY(tick.x >= -0.001 && tick.x <= width + 0.001);
        }
    }

    // Pixels back to times never overflow, however far outside the range.
    void timeAtSaturates()
    {
        const TimeAxis axis {std::numeric_limits<qint64>::max() - 10, std::numeric_limits<qint64>::max(), 0, 10};
        QCOMPARE(axis.timeAt(1e9), std::numeric_limits<qint64>::max());
        const TimeAxis low {std::numeric_limits<qint64>::min(), std::numeric_limits<qint64>::min() + 10, 0, 10};
        QCOMPARE(low.timeAt(-1e9), std::numeric_limits<qint64>::min());
        QCOMPARE(low.timeAt(5), std::numeric_limits<qint64>::min() + 5);
    }
};

QTEST_GUILESS_MAIN(TestTimeAxis)
#include "tst_timeaxis.moc"
