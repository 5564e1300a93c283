#include "filterbar.h"
#include "flamegraphview.h"
#include "presentations.h"
#include "tracesession.h"
#include "traceset.h"
#include "tracesetpresentation.h"

#include <QComboBox>
#include <QSignalSpy>
#include <QTest>

using namespace Spanwise;
using Spanwise::Test::presentationOf;

// The flame graph tab: it follows the session, zooms on a click, opens a span on a double-click,
// highlights by search, and merges traces when its scope covers several.
class TestFlameGraphView : public QObject
{
    Q_OBJECT

    // HotROD: one trace of 51 spans (tests/data/corpus/MANIFEST.md).
    std::shared_ptr<const TraceSetPresentation> m_hotrod =
        presentationOf(QStringLiteral("public/jaeger/stalk-hotrod-18231c31.json"));

    static bool waitForGraph(FlameGraphView& view)
    {
        QSignalSpy changed(&view, &FlameGraphView::graphChanged);
        return (view.graph() && !view.isComputing()) || changed.wait(20000);
    }

private slots:
    void followsTheSelectedTrace()
    {
        QVERIFY(m_hotrod);
        TraceSession session;
        FlameGraphView view(&session);
        view.resize(1000, 700);
        view.show();
        QSignalSpy changed(&view, &FlameGraphView::graphChanged);
        session.setLoaded(m_hotrod, {}, {});
        session.selectTrace(TraceIndex {0});
        QTRY_VERIFY_WITH_TIMEOUT(view.graph() && !view.isComputing(), 20000);
        QCOMPARE(view.graph()->frames.size(), 51u);
        QVERIFY(!view.graph()->merged);
    }

    void clickZoomsDoubleClickOpens()
    {
        QVERIFY(m_hotrod);
        TraceSession session;
        FlameGraphView view(&session);
        view.resize(1000, 700);
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        session.setLoaded(m_hotrod, {}, {});
        session.selectTrace(TraceIndex {0});
        QTRY_VERIFY_WITH_TIMEOUT(view.graph() && !view.isComputing(), 20000);
        FlameCanvas* canvas = view.canvas();
        // The widest frame of the second row: its middle is on screen.
        const FlameGraph& graph = *view.graph();
        std::uint32_t target = FlameFrame::none;
        for (std::uint32_t i = 0; i < graph.frames.size(); ++i)
            if (graph.frames[i].depth == 1 &&
                (target == FlameFrame::none || graph.frames[i].widthNs() > graph.frames[target].widthNs()))
                target = i;
        QVERIFY(target != FlameFrame::none);
        const QRectF rect = flameFrameRect(graph.frames[target], canvas->picture());
        QVERIFY(!rect.isEmpty());
        QTest::mouseClick(canvas, Qt::LeftButton, {}, rect.center().toPoint());
        QCOMPARE(canvas->zoomedFrame(), target);
        // The zoomed frame now spans the width.
        const QRectF zoomed = flameFrameRect(graph.frames[target], canvas->picture());
        QVERIFY2(zoomed.left() < 1 && zoomed.right() > canvas->width() - 3,
            qPrintable(QStringLiteral("%1..%2").arg(zoomed.left()).arg(zoomed.right())));
        QTest::keyClick(canvas, Qt::Key_Escape);
        QCOMPARE(canvas->zoomedFrame(), FlameFrame::none);

        QSignalSpy view_(&session, &TraceSession::viewRequested);
        QTest::mouseDClick(canvas, Qt::LeftButton, {}, rect.center().toPoint());
        QCOMPARE(session.span(), graph.frames[target].span);
        QCOMPARE(view_.last().at(0).toString(), QStringLiteral("waterfall"));
    }

    void searchHighlightsByName()
    {
        QVERIFY(m_hotrod);
        TraceSession session;
        FlameGraphView view(&session);
        session.setLoaded(m_hotrod, {}, {});
        session.selectTrace(TraceIndex {0});
        // A hidden tab does no work (and says it has some waiting); shown, it computes what
        // changed meanwhile.
        QVERIFY(!view.graph() && view.isComputing());
        view.show();
        QTRY_VERIFY_WITH_TIMEOUT(view.graph() && !view.isComputing(), 20000);
        // The frames whose service or operation names redis, counted from the set itself.
        const TraceSet& set = m_hotrod->set();
        int expected = 0;
        for (const FlameFrame& frame : view.graph()->frames) {
            const Span& span = set.span(frame.span);
            expected += QString::fromStdString(std::string(set.serviceName(span.service)))
                            .contains(QStringLiteral("redis"), Qt::CaseInsensitive) ||
                QString::fromStdString(std::string(set.text(span.operation)))
                    .contains(QStringLiteral("redis"), Qt::CaseInsensitive);
        }
        QVERIFY(expected > 0);
        view.setSearch(QStringLiteral("REDIS"));
        QCOMPARE(view.matchCount(), expected);
        view.setSearch(QString());
        QCOMPARE(view.matchCount(), 0);
    }

    void allTracesMergeByPath()
    {
        QVERIFY(m_hotrod);
        TraceSession session;
        FlameGraphView view(&session);
        view.show();
        session.setLoaded(m_hotrod, {}, {});
        auto* scope = view.findChild<QComboBox*>();
        scope->setCurrentIndex(scope->findData(int(FilterScope::AllTraces)));
        QTRY_VERIFY_WITH_TIMEOUT(view.graph() && view.graph()->merged && !view.isComputing(), 20000);
        // Merged paths are fewer than spans; the root's width is the root span's duration.
        QVERIFY(view.graph()->frames.size() < 51u);
        const FlameFrame& root = view.graph()->frames.front();
        QCOMPARE(root.widthNs(), m_hotrod->set().span(root.span).durationNs);
    }
};

QTEST_MAIN(TestFlameGraphView)
#include "tst_flamegraphview.moc"
