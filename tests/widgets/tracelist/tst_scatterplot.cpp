#include "fixtures.h"
#include "tracescatterplot.h"
#include "traceset.h"

#include <QSignalSpy>
#include <QTest>

using namespace Spanwise;

Q_DECLARE_METATYPE(Spanwise::TraceIndex)

class TestScatterPlot : public QObject
{
    Q_OBJECT

private slots:
    void clickOpensZoomAndReset()
    {
        // Three traces a second apart: 1 ms, 100 ms (failing) and 10 s long.
        const auto set = Test::buildTraceSet(
            {{1, {}, "a", "x", 0, 1'000'000, false, 1}, {1, {}, "b", "y", 1'000'000'000, 100'000'000, true, 2},
                {1, {}, "c", "z", 2'000'000'000, 10'000'000'000, false, 3}});
        TraceScatterPlot plot;
        plot.resize(500, 220);
        plot.show();
        QVERIFY(QTest::qWaitForWindowExposed(&plot));
        plot.setTraces(set, {TraceIndex {0}, TraceIndex {1}, TraceIndex {2}});
        QCOMPARE(plot.pointCount(), std::size_t(3));
        // Longer traces sit higher, later ones further right.
        const QPointF fast = plot.positionOf(TraceIndex {0}), slow = plot.positionOf(TraceIndex {2});
        QVERIFY(slow.y() < fast.y());
        QVERIFY(slow.x() > fast.x());

        QSignalSpy clicked(&plot, &TraceScatterPlot::traceClicked);
        const QPoint middle = plot.positionOf(TraceIndex {1}).toPoint();
        QTest::mouseClick(&plot, Qt::LeftButton, {}, middle + QPoint(2, 1));
        QCOMPARE(clicked.count(), 1);
        QCOMPARE(clicked.first().first().value<TraceIndex>(), TraceIndex {1});
        // Far from every dot: nothing.
        QTest::mouseClick(&plot, Qt::LeftButton, {}, QPoint(plot.width() / 2, 10));
        QCOMPARE(clicked.count(), 1);

        // Dragging a rectangle around the slow trace zooms to it; the others leave the view.
        QTest::mousePress(&plot, Qt::LeftButton, {}, slow.toPoint() - QPoint(20, 20));
        QTest::mouseMove(&plot, slow.toPoint() + QPoint(8, 8));
        QTest::mouseRelease(&plot, Qt::LeftButton, {}, slow.toPoint() + QPoint(8, 8));
        QVERIFY(plot.isZoomed());
        QCOMPARE(clicked.count(), 1); // a drag is no click
        QVERIFY(!QRectF(plot.rect()).contains(plot.positionOf(TraceIndex {0})));
        // Esc shows everything again.
        QTest::keyClick(&plot, Qt::Key_Escape);
        QVERIFY(!plot.isZoomed());
        QCOMPARE(plot.positionOf(TraceIndex {0}), fast);
    }

    void tracesWithoutTimeAreLeftOut()
    {
        const auto set = Test::buildTraceSet({{1, {}, "a", "x", 0, 10, false, 1},
            {1, {}, "b", "y", 0, 10, false, 2, SpanKind::Unspecified, {}, SpanMissingStart}});
        TraceScatterPlot plot;
        plot.setTraces(set, {TraceIndex {0}, TraceIndex {1}});
        QCOMPARE(plot.pointCount(), std::size_t(1));
        plot.setTraces(nullptr, {});
        QCOMPARE(plot.pointCount(), std::size_t(0));
    }
};

QTEST_MAIN(TestScatterPlot)
#include "tst_scatterplot.moc"
