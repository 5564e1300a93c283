#include "corpus.h"
#include "dependencygraphview.h"
#include "dependencymapview.h"
#include "fixtures.h"
#include "graphlayout.h"
#include "impactpanel.h"
#include "loadchecks.h"
#include "traceloader.h"
#include "tracesession.h"
#include "tracesetpresentation.h"

#include <QSet>
#include <QSignalSpy>
#include <QTest>
#include <QTreeWidget>
#include <QWheelEvent>

using namespace Spanwise;

Q_DECLARE_METATYPE(Spanwise::SpanIndex)

namespace {

// a→b→c→d, x→c, c→e, and an unrelated pair p→q.
std::shared_ptr<const TraceSet> fixture()
{
    return Test::buildTraceSet({{1, {}, "a", "o", 0, 100}, {2, 1, "b", "o", 1, 90}, {3, 2, "c", "o", 2, 80},
        {4, 3, "d", "o", 3, 10}, {5, 3, "e", "o", 4, 10, true}, {1, {}, "x", "o", 0, 50, false, 2},
        {2, 1, "c", "o", 1, 40, false, 2}, {1, {}, "p", "o", 0, 50, false, 3}, {2, 1, "q", "o", 1, 40, false, 3}});
}

} // namespace

class TestDependencyMap : public QObject
{
    Q_OBJECT

private slots:
    void clickHighlightsUpstreamAndDownstream()
    {
        auto graph = std::make_shared<const DependencyGraph>(computeDependencyGraph(*fixture()));
        DependencyGraphView view;
        view.resize(1200, 800);
        view.setGraph(graph, layoutGraph(*graph));
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        const std::uint32_t c = *graph->findNode("c");
        QTest::mouseClick(view.viewport(), Qt::LeftButton, {}, view.nodeCentre(c));
        // Exactly its transitive callers and callees, and itself; not p, q.
        QCOMPARE(Test::sortedNodeNames(*graph, view.highlightedNodes()), (QStringList {"a", "b", "c", "d", "e", "x"}));
        QTest::mouseClick(view.viewport(), Qt::LeftButton, {}, view.nodeCentre(*graph->findNode("a")));
        QCOMPARE(Test::sortedNodeNames(*graph, view.highlightedNodes()), (QStringList {"a", "b", "c", "d", "e"}));
        // Clicking the background clears it.
        QTest::mouseClick(view.viewport(), Qt::LeftButton, {}, QPoint(2, 2));
        QVERIFY(view.highlightedNodes().empty());
    }

    // In the map view a click counts the impact trace by trace: x calls c only in trace 2, where
    // c calls nothing, so d and e (c's callees in trace 1) are not x's.
    void clickLightsTheImpactCountedPerTrace()
    {
        auto presentation = std::make_shared<TraceSetPresentation>(fixture());
        TraceSession session;
        DependencyMapView view(&session);
        view.resize(1400, 900);
        view.show();
        QSignalSpy ready(&view, &DependencyMapView::mapReady);
        session.setLoaded(presentation, {}, {});
        QVERIFY(ready.wait(20000));
        DependencyGraphView* map = view.graphView();
        QVERIFY(QTest::qWaitForWindowExposed(map));
        const DependencyGraph& graph = *map->graph();
        QTest::mouseClick(map->viewport(), Qt::LeftButton, {}, map->nodeCentre(*graph.findNode("x")));
        QTRY_VERIFY(!view.isComputing());
        QCOMPARE(Test::sortedNodeNames(graph, map->highlightedNodes()), (QStringList {"c", "x"}));
        QTreeWidget* tree = view.impactPanel()->tree();
        QCOMPARE(tree->topLevelItemCount(), 3);
        QCOMPARE(tree->topLevelItem(0)->childCount(), 1); // the entry point x: o
        QCOMPARE(tree->topLevelItem(0)->child(0)->text(0), QStringLiteral("x: o"));
        QCOMPARE(tree->topLevelItem(1)->childCount(), 0); // nothing upstream
        QCOMPARE(tree->topLevelItem(2)->childCount(), 1); // c downstream
        QCOMPARE(tree->topLevelItem(2)->child(0)->text(0), QStringLiteral("c"));

        // c: a and b (trace 1) and x (trace 2) upstream, d and e downstream.
        QTest::mouseClick(map->viewport(), Qt::LeftButton, {}, map->nodeCentre(*graph.findNode("c")));
        QTRY_VERIFY(!view.isComputing());
        QCOMPARE(Test::sortedNodeNames(graph, map->highlightedNodes()), (QStringList {"a", "b", "c", "d", "e", "x"}));
        QCOMPARE(tree->topLevelItem(0)->childCount(), 2);
        // Activating a listed service shows its own impact.
        emit tree->itemActivated(tree->topLevelItem(1)->child(0), 0);
        QTRY_VERIFY(!view.isComputing());
        QCOMPARE(Test::sortedNodeNames(graph, map->highlightedNodes()), (QStringList {"a", "b", "c", "d", "e"}));

        QTest::mouseClick(map->viewport(), Qt::LeftButton, {}, QPoint(2, 2));
        QVERIFY(map->highlightedNodes().empty());
        QCOMPARE(tree->topLevelItemCount(), 0);
    }

    void focusShowsExactlyTheNeighbours()
    {
        auto presentation = std::make_shared<TraceSetPresentation>(fixture());
        TraceSession session;
        DependencyMapView view(&session);
        view.show(); // views compute only while shown
        QSignalSpy ready(&view, &DependencyMapView::mapReady);
        session.setLoaded(presentation, {}, {});
        QVERIFY(ready.wait(20000));
        QCOMPARE(view.graphView()->graph()->nodes.size(), std::size_t(8));
        view.setFocus(QStringLiteral("c"), 1);
        QVERIFY(ready.wait(20000));
        const DependencyGraph& graph = *view.graphView()->graph();
        QStringList shown;
        for (const DependencyNode& node : graph.nodes)
            shown << QString::fromStdString(node.name);
        QCOMPARE(shown, (QStringList {"b", "c", "d", "e", "x"}));
        view.setFocus(QStringLiteral("c"), 2);
        QVERIFY(ready.wait(20000));
        QCOMPARE(view.graphView()->graph()->nodes.size(), std::size_t(6)); // a joins
    }

    // Computed while its tab was hidden, the map fits itself when shown and as it is resized,
    // until the user zooms.
    void fitsWhenShownAndResized()
    {
        const std::string file =
            Test::corpusFile(QStringLiteral("public/otlp-jsonl/otel-tui-otel-demo-traces-only.jsonl"));
        const LoadResult loaded = loadTraceFiles(std::span<const std::string>(&file, 1));
        SPANWISE_VERIFY_LOADED(loaded);
        TraceSession session;
        DependencyMapView view(&session);
        QSignalSpy ready(&view, &DependencyMapView::mapReady);
        session.setLoaded(std::make_shared<TraceSetPresentation>(loaded.traces), {}, {});
        // Hidden, the map waits; shown, it is laid out.
        QVERIFY(!ready.wait(300));
        QVERIFY(view.isComputing());
        view.resize(1400, 900);
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        QVERIFY(ready.count() || ready.wait(20000));
        DependencyGraphView* map = view.graphView();
        const auto shownWidth = [map] {
            return map->mapFromScene(map->scene()->itemsBoundingRect()).boundingRect().width();
        };
        // Fitted: the map spans most of the viewport's width or height (or is at its natural size).
        const auto fitted = [map, &shownWidth] {
            const QRect all = map->mapFromScene(map->scene()->itemsBoundingRect()).boundingRect();
            const QSize room = map->viewport()->size();
            return map->transform().m11() == 1.0 || all.width() > room.width() * 0.7 ||
                all.height() > room.height() * 0.7;
        };
        QVERIFY2(fitted(),
            qPrintable(
                QStringLiteral("map %1 px wide in a %2 px view").arg(shownWidth()).arg(map->viewport()->width())));
        view.resize(900, 600);
        QTRY_VERIFY(fitted());
        // The user zooms: the view stops fitting itself.
        QWheelEvent wheel(QPointF(50, 50), map->mapToGlobal(QPointF(50, 50)), {}, QPoint(0, 120), Qt::NoButton,
            Qt::NoModifier, Qt::NoScrollPhase, false);
        QCoreApplication::sendEvent(map->viewport(), &wheel);
        QVERIFY(!map->isAutoFitting());
        const double zoomed = map->transform().m11();
        view.resize(1300, 800);
        QTest::qWait(50);
        QCOMPARE(map->transform().m11(), zoomed);
    }

    void edgeListsItsCalls()
    {
        auto presentation = std::make_shared<TraceSetPresentation>(fixture());
        TraceSession session;
        DependencyMapView view(&session);
        view.show(); // views compute only while shown
        QSignalSpy ready(&view, &DependencyMapView::mapReady);
        session.setLoaded(presentation, {}, {});
        QVERIFY(ready.wait(20000));
        const DependencyGraph& graph = *view.graphView()->graph();
        std::uint32_t bc = 0;
        for (std::uint32_t e = 0; e < graph.edges.size(); ++e)
            if (graph.nodes[graph.edges[e].from].name == "c" && graph.nodes[graph.edges[e].to].name == "e")
                bc = e;
        emit view.graphView()->edgeClicked(bc);
        QCOMPARE(view.calls()->topLevelItemCount(), 1);
        QCOMPARE(view.calls()->topLevelItem(0)->text(3), QStringLiteral("error"));
        QSignalSpy requested(&session, &TraceSession::viewRequested);
        emit view.calls()->itemActivated(view.calls()->topLevelItem(0), 0);
        QCOMPARE(requested.count(), 1);
        // The session now points at that call.
        const auto& calls = graph.edges[bc].callSpans;
        QVERIFY(std::find(calls.begin(), calls.end(), session.span()) != calls.end());
    }

    void callsSortByDuration()
    {
        // Three calls web→db taking 900 ns, 2 µs and 10 ms: text order would put "10.0 ms" first.
        auto presentation = std::make_shared<TraceSetPresentation>(
            Test::buildTraceSet({{1, {}, "web", "r", 0, 20'000'000, false, 1}, {2, 1, "db", "q", 1, 900, false, 1},
                {1, {}, "web", "r", 0, 20'000'000, false, 2}, {2, 1, "db", "q", 1, 2'000, false, 2},
                {1, {}, "web", "r", 0, 20'000'000, false, 3}, {2, 1, "db", "q", 1, 10'000'000, false, 3}}));
        TraceSession session;
        DependencyMapView view(&session);
        view.show(); // views compute only while shown
        QSignalSpy ready(&view, &DependencyMapView::mapReady);
        session.setLoaded(presentation, {}, {});
        QVERIFY(ready.wait(20000));
        emit view.graphView()->edgeClicked(0);
        QCOMPARE(view.calls()->topLevelItemCount(), 3);
        QCOMPARE(view.calls()->topLevelItem(0)->text(2), QStringLiteral("10.0 ms"));
        QCOMPARE(view.calls()->topLevelItem(1)->text(2), QStringLiteral("2.00 µs"));
        QCOMPARE(view.calls()->topLevelItem(2)->text(2), QStringLiteral("900 ns"));
    }

    void labelsAreEscapedForGraphviz()
    {
        const auto set = Test::buildTraceSet({{1, {}, "x\\y", "o", 0, 10}, {2, 1, "a\"b", "o", 1, 5}});
        const DependencyGraph graph = computeDependencyGraph(*set);
        const QString dot = graphToDot(graph);
        // Graphviz writes the quote escaped and keeps our doubled backslash (escString).
        QVERIFY2(dot.contains(QStringLiteral("a\\\"b")), qPrintable(dot));
        QVERIFY2(dot.contains(QStringLiteral("x\\\\y")), qPrintable(dot));
        const GraphLayout layout = layoutGraph(graph);
        QVERIFY(layout.error.isEmpty());
        QCOMPARE(layout.nodes.size(), std::size_t(2));
        QCOMPARE(layout.edges.size(), std::size_t(1));
        QVERIFY(!layout.edges[0].path.isEmpty());
        QCOMPARE(layout.edges[0].arrow.size(), 3);
    }

    // A large map goes to the helper process: its layout matches the graph, and a cancel or
    // the time limit stops it (the helper is killed) instead of waiting for Graphviz.
    void largeMapsAreLaidOutByAHelperThatCanBeStopped()
    {
        setLayoutHelper(QStringLiteral(SPANWISE_EXECUTABLE));
        DependencyGraph graph;
        for (std::uint32_t i = 0; i < 100; ++i)
            graph.nodes.push_back({"service-" + std::to_string(i), false, ServiceId {i}, 10, 10, 0, 0});
        std::uint64_t state = 99;
        QSet<QPair<std::uint32_t, std::uint32_t>> pairs;
        while (pairs.size() < 940) {
            state = state * 6364136223846793005ULL + 1442695040888963407ULL;
            const auto from = std::uint32_t((state >> 33) % 100), to = std::uint32_t((state >> 45) % 100);
            if (from != to && !pairs.contains({from, to})) {
                pairs.insert({from, to});
                DependencyEdge edge;
                edge.from = from;
                edge.to = to;
                edge.calls = 1;
                graph.edges.push_back(edge);
            }
        }
        const GraphLayout layout = layoutGraph(graph);
        QVERIFY2(layout.error.isEmpty(), qPrintable(layout.error));
        QCOMPARE(layout.nodes.size(), std::size_t(100));
        QCOMPARE(layout.edges.size(), std::size_t(940));
        QVERIFY(layout.bounds.width() > 0 && layout.nodes[7].rect.width() > 0);
        QVERIFY(std::all_of(
            layout.edges.begin(), layout.edges.end(), [](const GraphLayout::Edge& e) { return !e.path.isEmpty(); }));

        std::atomic<bool> cancel {true};
        GraphLayoutOptions cancelled;
        cancelled.cancel = &cancel;
        QCOMPARE(layoutGraph(graph, cancelled).error, QStringLiteral("the layout was cancelled"));

        GraphLayoutOptions hurried;
        hurried.timeLimitMs = 0; // past at the first look: dot, then sfdp, are stopped
        const GraphLayout stopped = layoutGraph(graph, hurried);
        QVERIFY2(stopped.error.contains(QStringLiteral("Graphviz sfdp did not finish")), qPrintable(stopped.error));
        setLayoutHelper({});
    }
};

QTEST_MAIN(TestDependencyMap)
#include "tst_dependencymap.moc"
