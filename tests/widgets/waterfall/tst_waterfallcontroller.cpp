#include "fixtures.h"
#include "timeaxis.h"
#include "waterfallcontroller.h"

#include <QSignalSpy>
#include <QTest>

using namespace Spanwise;
using VisibleRange = WaterfallController::TimeRange;

Q_DECLARE_METATYPE(Spanwise::SpanIndex)

class TestWaterfallController : public QObject
{
    Q_OBJECT

private slots:
    void timeToPixelAndBack()
    {
        const TimeAxis axis {1000, 2000, 100, 500};
        QCOMPARE(axis.x(1000), 100.0);
        QCOMPARE(axis.x(2000), 600.0);
        QCOMPARE(axis.x(1500), 350.0);
        QCOMPARE(axis.timeAt(100), std::int64_t(1000));
        QCOMPARE(axis.timeAt(600), std::int64_t(2000));
        QCOMPARE(axis.timeAt(axis.x(1234)), std::int64_t(1234));
        // Outside the range maps linearly too (bars that start before the visible range).
        QCOMPARE(axis.x(500), -150.0);
    }

    void ticksAreRoundAndInside_data()
    {
        QTest::addColumn<qint64>("start");
        QTest::addColumn<qint64>("end");
        QTest::addColumn<qint64>("step");
        QTest::newRow("a second over 1000 px") << qint64(0) << qint64(1'000'000'000) << qint64(100'000'000);
        QTest::newRow("microseconds") << qint64(0) << qint64(3'000) << qint64(500);
        QTest::newRow("offset range keeps round ticks from the origin")
            << qint64(1'234) << qint64(51'234) << qint64(5'000);
    }
    void ticksAreRoundAndInside()
    {
        QFETCH(qint64, start);
        QFETCH(qint64, end);
        QFETCH(qint64, step);
        const TimeAxis axis {start, end, 0, 1000};
        std::int64_t stepNs = 0;
        const auto ticks = axis.ticks(90, 0, &stepNs);
        QCOMPARE(stepNs, step);
        QVERIFY(!ticks.empty());
        for (const auto& tick : ticks) {
            QVERIFY(tick.timeNs >= start && tick.timeNs <= end);
            QCOMPARE(tick.timeNs % step, std::int64_t(0));
        }
    }

    void zoomHistory()
    {
        const auto set = Test::buildTraceSet({{1, {}, "a", "root", 1000, 10000}, {2, 1, "a", "child", 3000, 2000}});
        WaterfallController controller;
        QSignalSpy changes(&controller, &WaterfallController::visibleRangeChanged);
        controller.setTrace(set, TraceIndex {0});
        QCOMPARE(controller.visibleRange(), (VisibleRange {1000, 11000}));
        QVERIFY(!controller.canGoBack());

        controller.setVisibleRange({2000, 4000});
        QCOMPARE(controller.visibleRange(), (VisibleRange {2000, 4000}));
        controller.zoom(0.5, 3000); // anchor in the middle stays put
        QCOMPARE(controller.visibleRange(), (VisibleRange {2500, 3500}));
        controller.pan(100);
        controller.pan(100); // consecutive pans are one step
        QCOMPARE(controller.visibleRange(), (VisibleRange {2700, 3700}));

        controller.back();
        QCOMPARE(controller.visibleRange(), (VisibleRange {2500, 3500}));
        controller.back();
        QCOMPARE(controller.visibleRange(), (VisibleRange {2000, 4000}));
        QVERIFY(controller.canGoForward());
        controller.forward();
        QCOMPARE(controller.visibleRange(), (VisibleRange {2500, 3500}));

        // A new zoom after going back drops the forward history.
        controller.zoomToSpan(SpanIndex {1});
        QVERIFY(!controller.canGoForward());
        QCOMPARE(controller.visibleRange(), (VisibleRange {2900, 5100}));
        controller.back();
        QCOMPARE(controller.visibleRange(), (VisibleRange {2500, 3500}));
        QVERIFY(changes.count() >= 8);
    }

    void rangesAreClamped()
    {
        const auto set = Test::buildTraceSet({{1, {}, "a", "root", 1000, 10000}});
        WaterfallController controller;
        controller.setTrace(set, TraceIndex {0});
        controller.setVisibleRange({-50000, 90000}); // wider than the trace
        QCOMPARE(controller.visibleRange(), (VisibleRange {1000, 11000}));
        controller.setVisibleRange({10990, 11010}); // narrower than the minimum, at the end
        QCOMPARE(controller.visibleRange().width(), WaterfallController::minimumRangeNs);
        QCOMPARE(controller.visibleRange().endNs, std::int64_t(11000));
        controller.showWholeTrace();
        controller.pan(-5000); // cannot pan past the start
        QCOMPARE(controller.visibleRange(), (VisibleRange {1000, 11000}));
    }

    void selection()
    {
        const auto set = Test::buildChain("a>b>c");
        WaterfallController controller;
        QSignalSpy selected(&controller, &WaterfallController::selectionChanged);
        controller.setTrace(set, TraceIndex {0});
        QCOMPARE(controller.selection(), set->traces().front().root); // the root starts selected
        controller.select(SpanIndex {2});
        QCOMPARE(controller.selection(), SpanIndex {2});
        controller.select(SpanIndex {2}); // no repeat signal
        QCOMPARE(selected.count(), 2);
    }
};

QTEST_GUILESS_MAIN(TestWaterfallController)
#include "tst_waterfallcontroller.moc"
