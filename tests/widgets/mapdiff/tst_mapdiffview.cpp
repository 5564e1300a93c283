// The Map diff tab on the hand-made fixtures of tests/data/mapdiff (figures in its README.md),
// loaded together as the window loads two files.
#include "corpus.h"
#include "dependencygraphview.h"
#include "loadchecks.h"
#include "mapdiffview.h"
#include "traceloader.h"
#include "tracesession.h"
#include "tracesetpresentation.h"

#include <QLineEdit>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QTreeWidget>

using namespace Spanwise;

namespace {

std::shared_ptr<const TraceSetPresentation> beforeAndAfter()
{
    const std::vector<std::string> files {
        Test::dataFile(QStringLiteral("mapdiff/before.json")), Test::dataFile(QStringLiteral("mapdiff/after.json"))};
    const LoadResult loaded = loadTraceFiles(files);
    return loaded.anyFailed() ? nullptr : std::make_shared<TraceSetPresentation>(loaded.traces);
}

QStringList changedEdges(const MapDiffView& view)
{
    QStringList rows;
    for (int i = 0; i < view.changes()->topLevelItemCount(); ++i)
        rows << view.changes()->topLevelItem(i)->text(1) + QStringLiteral(": ") +
                view.changes()->topLevelItem(i)->text(0);
    return rows;
}

} // namespace

class TestMapDiffView : public QObject
{
    Q_OBJECT

private slots:
    void loadSplitsByFileAndDrawsTheDiff()
    {
        const auto presentation = beforeAndAfter();
        QVERIFY(presentation);
        TraceSession session;
        MapDiffView view(&session);
        view.resize(1400, 900);
        view.show(); // views compute only while shown
        QSignalSpy ready(&view, &MapDiffView::diffReady);
        session.setLoaded(presentation, {}, {});
        QVERIFY(ready.wait(20000));
        // The first split the data offers: the two files.
        QCOMPARE(view.beforeQuery(), QStringLiteral("file=\"before.json\""));
        QCOMPARE(view.afterQuery(), QStringLiteral("file=\"after.json\""));
        QVERIFY2(
            view.summary().contains(QStringLiteral("Before: 2 traces · after: 3 traces")), qPrintable(view.summary()));
        // What got worse first, then what appeared, what vanished, and volume changes.
        QCOMPARE(changedEdges(view),
            QStringList({"frontend → payments: worse", "payments → postgresql: added", "frontend → legacy: removed",
                "frontend → cart: calls changed"}));
        QCOMPARE(view.changes()->topLevelItem(0)->text(2), QStringLiteral("2 → 3"));
        QCOMPARE(view.changes()->topLevelItem(0)->text(4), QStringLiteral("50.0 ms → 120 ms"));
        // The map has every service of either side.
        const DependencyGraph* graph = view.graphView()->graph();
        QVERIFY(graph);
        QCOMPARE(graph->nodes.size(), std::size_t(5));
        // Selecting a row lights its edge's ends.
        view.changes()->setCurrentItem(view.changes()->topLevelItem(2));
        QCOMPARE(view.graphView()->highlightedNodes(),
            (std::vector<std::uint32_t> {*graph->findNode("frontend"), *graph->findNode("legacy")}));

        // Clicking an edge on the map selects its row.
        const auto payments = std::find_if(graph->edges.begin(), graph->edges.end(),
            [&](const DependencyEdge& e) { return e.to == *graph->findNode("payments"); });
        emit view.graphView()->edgeClicked(static_cast<std::uint32_t>(payments - graph->edges.begin()));
        QCOMPARE(view.changes()->currentItem()->text(1), QStringLiteral("frontend → payments"));

        // Swapped, what was added is removed.
        view.compare(view.afterQuery(), view.beforeQuery());
        QVERIFY(ready.wait(20000));
        QVERIFY(changedEdges(view).contains(QStringLiteral("frontend → legacy: added")));
        QVERIFY(changedEdges(view).contains(QStringLiteral("payments → postgresql: removed")));
        QVERIFY(changedEdges(view).contains(QStringLiteral("frontend → payments: better")));
    }

    void thresholdsAndErrors()
    {
        const auto presentation = beforeAndAfter();
        QVERIFY(presentation);
        TraceSession session;
        MapDiffView view(&session);
        view.show();
        QSignalSpy ready(&view, &MapDiffView::diffReady);
        session.setLoaded(presentation, {}, {});
        QVERIFY(ready.wait(20000));
        view.setThresholds({60, 20, 150});
        QVERIFY(ready.wait(20000));
        QCOMPARE(changedEdges(view), QStringList({"payments → postgresql: added", "frontend → legacy: removed"}));

        view.compare(QStringLiteral("duration>fast"), QStringLiteral("file=\"after.json\""));
        QTRY_VERIFY(!view.isComputing());
        QVERIFY2(view.summary().contains(QStringLiteral("before query cannot be read")), qPrintable(view.summary()));
        view.compare(QStringLiteral("service=nowhere"), QStringLiteral("file=\"after.json\""));
        QVERIFY(ready.wait(20000));
        QVERIFY2(
            view.summary().contains(QStringLiteral("The before query picks no trace")), qPrintable(view.summary()));

        view.compare(QStringLiteral("file=\"before.json\""), QStringLiteral("file=\"after.json\""));
        QVERIFY(ready.wait(20000));
        QTemporaryDir dir;
        const QString svg = dir.filePath(QStringLiteral("diff.svg"));
        QCOMPARE(view.exportTo(svg), QString());
        QFile file(svg);
        QVERIFY(file.open(QIODevice::ReadOnly));
        QVERIFY(file.readAll().contains("gone: 1 call"));
    }
};

QTEST_MAIN(TestMapDiffView)
#include "tst_mapdiffview.moc"
