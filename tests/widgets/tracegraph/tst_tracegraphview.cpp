#include "dependencygraphview.h"
#include "graphscene.h"
#include "presentations.h"
#include "tracegraphview.h"
#include "tracesession.h"
#include "traceset.h"
#include "tracesetpresentation.h"

#include <QGraphicsScene>
#include <QSignalSpy>
#include <QTest>

using namespace Spanwise;
using Spanwise::Test::presentationOf;

// The Trace graph tab on HotROD. Figures counted from the file's JSON: 51 spans of 11 distinct
// service+operation pairs, 11 distinct caller→callee pairs carrying 50 calls, the busiest
// driver: Driver::findNearest → redis: GetDriver with 13.
class TestTraceGraphView : public QObject
{
    Q_OBJECT

    std::shared_ptr<const TraceSetPresentation> m_hotrod =
        presentationOf(QStringLiteral("public/jaeger/stalk-hotrod-18231c31.json"));

private slots:
    void laysOutTheSelectedTraceAndOpensSpans()
    {
        QVERIFY(m_hotrod);
        TraceSession session;
        TraceGraphView view(&session);
        QSignalSpy laidOut(&view, &TraceGraphView::laidOut);
        session.setLoaded(m_hotrod, {}, {});
        session.selectTrace(TraceIndex {0});
        // Hidden, the tab lays nothing out (Graphviz's lock stays free for the map); shown, it does.
        // It says it has work waiting, so a window never counts it settled while it is shown.
        QVERIFY(!view.traceGraph() && view.isComputing());
        view.show();
        QVERIFY(laidOut.count() > 0 || laidOut.wait(30000));
        const TraceGraph* graph = view.traceGraph();
        QVERIFY(graph);
        QCOMPARE(graph->graph.nodes.size(), 11u);
        QCOMPARE(graph->graph.edges.size(), 11u);
        std::uint64_t calls = 0, busiest = 0;
        for (const DependencyEdge& edge : graph->graph.edges) {
            calls += edge.calls;
            busiest = std::max(busiest, edge.calls);
        }
        QCOMPARE(calls, 50u);
        QCOMPARE(busiest, 13u);

        // Boxes and arrows are on the scene, the critical path emphasised on some of them.
        int nodes = 0, emphasised = 0;
        for (QGraphicsItem* item : view.view()->scene()->items())
            if (auto* node = qgraphicsitem_cast<GraphNodeItem*>(item)) {
                ++nodes;
                emphasised += node->isEmphasized();
            }
        QCOMPARE(nodes, 11);
        QVERIFY(emphasised > 0);
        int expected = 0;
        for (const bool critical : graph->criticalNodes)
            expected += critical;
        QCOMPARE(emphasised, expected);

        // An operation opens its first span; an arrow its first call.
        const std::uint32_t root = *graph->graph.findNode("frontend: HTTP GET /dispatch");
        emit view.view()->nodeActivated(root);
        QCOMPARE(session.span(), graph->firstSpan[root]);
        QCOMPARE(m_hotrod->set().forest().parentOf(session.span()).isValid(), false);
        for (std::uint32_t e = 0; e < graph->graph.edges.size(); ++e)
            if (graph->graph.edges[e].calls == 13) {
                emit view.view()->edgeClicked(e);
                QCOMPARE(session.span(), graph->graph.edges[e].callSpans.front());
            }
    }
};

QTEST_MAIN(TestTraceGraphView)
#include "tst_tracegraphview.moc"
