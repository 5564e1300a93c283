#include "clockskew.h"
#include "corpus.h"
#include "dependencygraphview.h"
#include "dependencymapview.h"
#include "diagnosticsview.h"
#include "filterbar.h"
#include "graphscene.h"
#include "mainwindow.h"
#include "operationstatsmodel.h"
#include "problemsdialog.h"
#include "spansview.h"
#include "spantablemodel.h"
#include "statisticsview.h"
#include "tracelistmodel.h"
#include "tracelistpanel.h"
#include "tracesession.h"
#include "traceset.h"
#include "tracesetpresentation.h"
#include "traceview.h"
#include "waterfallcontroller.h"

#include <QCheckBox>
#include <QGraphicsScene>
#include <QLabel>
#include <QLineEdit>
#include <QMimeData>
#include <QPushButton>
#include <QRegularExpression>
#include <QScreen>
#include <QSettings>
#include <QSignalSpy>
#include <QSortFilterProxyModel>
#include <QStandardPaths>
#include <QStatusBar>
#include <QTabWidget>
#include <QTableView>
#include <QTest>
#include <QTreeWidget>
#include <QUrl>

using namespace Spanwise;

namespace {

bool waitForLoad(MainWindow& window, QSignalSpy& spy)
{
    Q_UNUSED(window);
    return spy.count() > 0 || spy.wait(30000);
}

// Two Jaeger files of the corpus: HotROD (51 spans) and publish-cv5 (40 spans).
bool openHotrodAndPublish(MainWindow& window)
{
    QSignalSpy loaded(&window, &MainWindow::loadCompleted);
    window.openFiles(
        {QString::fromStdString(Test::corpusFile(QStringLiteral("public/jaeger/stalk-hotrod-18231c31.json"))),
            QString::fromStdString(Test::corpusFile(QStringLiteral("public/jaeger/stalk-publish-cv5.json")))});
    return waitForLoad(window, loaded);
}

QString statusText(MainWindow& window)
{
    QString text;
    for (QLabel* label : window.statusBar()->findChildren<QLabel*>())
        text += label->text();
    return text;
}

} // namespace

class TestMainWindow : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase()
    {
        // Remembered options (clock-skew switch, map direction) come from a test location.
        QStandardPaths::setTestModeEnabled(true);
        QSettings().clear();
    }

    void opensTheDemo()
    {
        MainWindow window;
        QSignalSpy loaded(&window, &MainWindow::loadCompleted);
        window.openDemo();
        QVERIFY(waitForLoad(window, loaded));
        auto* table = window.findChild<QTableView*>(QStringLiteral("traceTable"));
        QVERIFY(table);
        QCOMPARE(table->model()->rowCount(), 30);
        QVERIFY2(statusText(window).contains(QStringLiteral("30 traces")), qPrintable(statusText(window)));
        // How long the user waited, from choosing to seeing.
        QVERIFY2(statusText(window).contains(QRegularExpression(QStringLiteral("loaded in [0-9.]+ (µs|ms|s)$"))),
            qPrintable(statusText(window)));
    }

    void opensACorpusFileAndFilters()
    {
        MainWindow window;
        QVERIFY(openHotrodAndPublish(window));
        auto* table = window.findChild<QTableView*>(QStringLiteral("traceTable"));
        QCOMPARE(table->model()->rowCount(), 2);
        QVERIFY(statusText(window).contains(QStringLiteral("91 spans")));
        QTest::keyClicks(window.traceList()->filterBar()->field(), QStringLiteral("DISPATCH"));
        // The filter applies after its debounce.
        QTRY_COMPARE(table->model()->rowCount(), 1);
        QCOMPARE(table->model()->index(0, 0).data().toString(), QStringLiteral("frontend"));
        // The status bar says a filter is on, and what it leaves.
        QTRY_VERIFY2(statusText(window).contains(QStringLiteral("1 of 2 traces match the filter")),
            qPrintable(statusText(window)));
    }

    // The session is the one source of truth: drive it, and every view and the title follow.
    void everyViewFollowsTheSession()
    {
        MainWindow window;
        window.show(); // tabs compute only while shown
        QVERIFY(openHotrodAndPublish(window));
        TraceSession& session = *window.session();
        const TraceSet& set = session.presentation()->set();
        QCOMPARE(set.traces().size(), std::size_t(2));
        window.spansView()->setAllTraces(false);
        window.statisticsView()->setGrouping({}, false);
        window.mapView()->setSelectedTraceOnly(true);

        for (const std::uint32_t t : {1u, 0u}) {
            const TraceIndex trace {t};
            const TraceInfo& info = set.trace(trace);
            QSignalSpy spansReady(window.spansView(), &SpansView::rowsReady);
            QSignalSpy statsReady(window.statisticsView(), &StatisticsView::statisticsReady);
            QSignalSpy mapReady(window.mapView(), &DependencyMapView::mapReady);
            window.showTab(QStringLiteral("waterfall"));
            session.selectTrace(trace);
            // Trace list: the selected row is this trace.
            const QModelIndex current = window.traceList()->table()->currentIndex();
            QCOMPARE(window.traceList()->model()->traceAt(current.row()), trace);
            // Waterfall.
            QCOMPARE(window.traceView()->controller()->trace(), trace);
            // Spans of the selected trace: each hidden tab catches up when shown.
            window.showTab(QStringLiteral("spans"));
            QVERIFY(spansReady.count() || spansReady.wait(10000));
            QCOMPARE(window.spansView()->shownRows(), int(info.spanCount()));
            // Statistics of the selected trace count its spans.
            window.showTab(QStringLiteral("statistics"));
            QVERIFY(statsReady.count() || statsReady.wait(10000));
            QCOMPARE(window.statisticsView()->model()->result()->spans, std::uint64_t(info.spanCount()));
            // The map of the selected trace has its services (no virtual peers in these files).
            window.showTab(QStringLiteral("map"));
            QVERIFY(mapReady.count() || mapReady.wait(20000));
            QCOMPARE(window.mapView()->graphView()->graph()->nodes.size(), std::size_t(info.serviceCount));
            // The title names the trace's root operation.
            const QString root = session.presentation()->text(set.span(info.root).operation);
            QVERIFY2(window.windowTitle().contains(root), qPrintable(window.windowTitle()));
        }

        // Opening a span (as the statistics, spans and map views do) shows it in the waterfall tab.
        window.showTab(QStringLiteral("map"));
        const SpanIndex span = set.forest().spansOf(set.trace(TraceIndex {1})).back();
        session.openSpan(span);
        QCOMPARE(window.currentTabName(), QStringLiteral("waterfall"));
        QCOMPARE(window.traceView()->controller()->selection(), span);
        QCOMPARE(
            window.traceList()->model()->traceAt(window.traceList()->table()->currentIndex().row()), TraceIndex {1});
        // Back returns to the trace before; forward to the span.
        QVERIFY(session.canGoBack());
        session.back();
        QCOMPARE(window.traceView()->controller()->trace(), TraceIndex {0});
        QCOMPARE(
            window.traceList()->model()->traceAt(window.traceList()->table()->currentIndex().row()), TraceIndex {0});
        session.forward();
        QCOMPARE(window.traceView()->controller()->selection(), span);

        // Stable tab names, in order.
        QCOMPARE(MainWindow::tabNames(),
            (QStringList {QStringLiteral("waterfall"), QStringLiteral("spans"), QStringLiteral("statistics"),
                QStringLiteral("map"), QStringLiteral("charts"), QStringLiteral("diagnostics"),
                QStringLiteral("compare"), QStringLiteral("mapdiff"), QStringLiteral("flamegraph"),
                QStringLiteral("graph"), QStringLiteral("json"), QStringLiteral("logs")}));
        for (const QString& name : MainWindow::tabNames()) {
            QVERIFY(window.showTab(name));
            QCOMPARE(window.currentTabName(), name);
        }
        QVERIFY(!window.showTab(QStringLiteral("nosuchview")));
    }

    // Statistics, spans, map and charts can cover just the traces the list's filter passes.
    void viewsFollowTheFilterScope()
    {
        MainWindow window;
        window.show();
        QVERIFY(openHotrodAndPublish(window));
        TraceSession& session = *window.session();
        const TraceSet& set = session.presentation()->set();
        window.statisticsView()->filterBar()->setScope(FilterScope::MatchingTraces);
        window.spansView()->filterBar()->setScope(FilterScope::MatchingTraces);
        window.mapView()->setSelectedTraceOnly(false);
        // Only the HotROD trace has a redis span (MANIFEST: 51 spans, 6 services).
        QSignalSpy statsReady(window.statisticsView(), &StatisticsView::statisticsReady);
        QSignalSpy spansReady(window.spansView(), &SpansView::rowsReady);
        session.setTraceFilter(QStringLiteral("service=redis"));
        QTRY_VERIFY(session.matchingTraces() != nullptr);
        QCOMPARE(std::count(session.matchingTraces()->begin(), session.matchingTraces()->end(), true), 1);
        window.showTab(QStringLiteral("statistics"));
        QTRY_VERIFY(!statsReady.isEmpty() && !window.statisticsView()->isComputing());
        QCOMPARE(window.statisticsView()->model()->result()->spans, std::uint64_t(51));
        window.showTab(QStringLiteral("spans"));
        QTRY_VERIFY(!spansReady.isEmpty() && !window.spansView()->isLoading());
        QCOMPARE(window.spansView()->shownRows(), 51);
        // Clearing the filter: every trace again (51 + 40 spans).
        statsReady.clear();
        window.showTab(QStringLiteral("statistics"));
        session.setTraceFilter(QString());
        QTRY_VERIFY(!statsReady.isEmpty() && !window.statisticsView()->isComputing());
        QCOMPARE(window.statisticsView()->model()->result()->spans, std::uint64_t(set.spans().size()));
    }

    // The diagnostics tab: the capture's 42 ms slow pod is found; the correction moves its
    // spans in every view, and turning it off shows the recorded times again.
    void clockSkewCorrection()
    {
        MainWindow window;
        window.show();
        window.showTab(QStringLiteral("diagnostics"));
        QSignalSpy loaded(&window, &MainWindow::loadCompleted);
        window.openFiles({QString::fromStdString(Test::corpusFile(QStringLiteral("sdk/traces.otlp.json")))});
        QVERIFY(waitForLoad(window, loaded));
        DiagnosticsView* diagnostics = window.diagnosticsView();
        QTRY_VERIFY(!diagnostics->isComputing() && !diagnostics->skew().hosts.empty());
        QVERIFY(diagnostics->correctionSwitch()->isEnabled());
        TraceSession& session = *window.session();
        const auto raw = session.presentation();
        const TraceIndex trace = session.trace();
        // Anomalies come with the load and are marked on their spans.
        QVERIFY(!raw->anomalies().empty());
        QVERIFY(raw->marks(raw->anomalies().front().span) & TraceSetPresentation::MarkAnomaly);
        // A span of the slow pod: found through its resource's host.name.
        SpanIndex slow;
        for (std::uint32_t i = 0; i < raw->set().spans().size() && !slow.isValid(); ++i)
            if (hostOf(raw->set(), SpanIndex {i}) == "inventory-service-900b5-1")
                slow = SpanIndex {i};
        QVERIFY(slow.isValid());
        QSignalSpy applied(diagnostics, &DiagnosticsView::correctionApplied);
        diagnostics->correctionSwitch()->setChecked(true);
        QTRY_COMPARE(applied.count(), 1);
        const auto corrected = session.presentation();
        QVERIFY(corrected != raw);
        QCOMPARE(session.trace(), trace); // the selection stays
        // Moved by about +42 ms (its clock ran slow), and marked.
        const std::int64_t moved = corrected->set().span(slow).startNs - raw->set().span(slow).startNs;
        QVERIFY2(std::abs(moved - 42'000'000) <= 1'000'000, qPrintable(QString::number(moved)));
        QVERIFY(corrected->marks(slow) & TraceSetPresentation::MarkClockMoved);
        QVERIFY(corrected->describeMarks(slow).join(QLatin1Char(' ')).contains(QStringLiteral("clock skew")));
        // Every view follows: the waterfall shows the corrected set.
        QCOMPARE(window.traceView()->controller()->traceSet(), &corrected->set());
        diagnostics->correctionSwitch()->setChecked(false);
        QCOMPARE(session.presentation(), raw);
        QCOMPARE(window.traceView()->controller()->traceSet(), &raw->set());
        // The findings list the pod and click through to spans.
        QVERIFY(!diagnostics->findings()
                     ->findItems(QStringLiteral("inventory-service-900b5-1"), Qt::MatchStartsWith | Qt::MatchRecursive)
                     .isEmpty());
    }

    // Rules loaded in the window: the statistics rows and the map node a failing rule is about
    // are marked, with the rule and its measured value; passing rules mark nothing.
    void failingRulesAreMarked()
    {
        MainWindow window;
        QSignalSpy loaded(&window, &MainWindow::loadCompleted);
        window.openFiles({QString::fromStdString(Test::corpusFile(QStringLiteral("sdk/traces.otlp.json")))});
        QVERIFY(waitForLoad(window, loaded));
        window.show();
        window.mapView()->setSelectedTraceOnly(false);
        window.showTab(QStringLiteral("map"));
        QTRY_VERIFY(!window.mapView()->isComputing());
        window.showTab(QStringLiteral("statistics"));
        TraceSession& session = *window.session();
        QSignalSpy outcomes(&session, &TraceSession::ruleOutcomesChanged);
        session.setRules({QStringLiteral("p95(service=\"payments-service\") < 1ms"), QStringLiteral("spans() > 0")});
        QTRY_VERIFY(session.ruleOutcomes().size() == 2);
        QVERIFY(!session.ruleOutcomes()[0].result.pass);
        QVERIFY(session.ruleOutcomes()[1].result.pass);
        QTRY_VERIFY(!window.statisticsView()->isComputing() && !window.mapView()->isComputing());
        const OperationStatsModel* model = window.statisticsView()->model();
        int marked = 0, payments = 0;
        for (int r = 0; r < model->rowCount(); ++r) {
            const bool isPayments =
                model->index(r, OperationStatsModel::Name).data().toString() == QStringLiteral("payments-service");
            const bool tinted = model->index(r, 0).data(Qt::BackgroundRole).isValid();
            payments += isPayments ? 1 : 0;
            marked += tinted ? 1 : 0;
            QCOMPARE(tinted, isPayments);
            if (tinted)
                QVERIFY(model->index(r, 0).data(Qt::ToolTipRole).toString().contains(QStringLiteral("Rule failed")));
        }
        QVERIFY(payments > 0);
        QCOMPARE(marked, payments);
        bool nodeMarked = false;
        for (QGraphicsItem* item : window.mapView()->graphView()->scene()->items())
            if (auto* node = qgraphicsitem_cast<GraphNodeItem*>(item))
                nodeMarked = nodeMarked || (node->isViolated() && node->name() == QStringLiteral("payments-service"));
        QVERIFY(nodeMarked);
        // Cleared rules clear the marks.
        session.setRules({});
        QTRY_VERIFY(session.ruleOutcomes().empty());
        QVERIFY(!model->index(0, 0).data(Qt::BackgroundRole).isValid());
    }

    // Laptops of 1366×768 and 1280×800, and a 2× screen of 2732×1536, fit the window.
    void fitsSmallScreens()
    {
        MainWindow window;
        QSignalSpy loaded(&window, &MainWindow::loadCompleted);
        window.openDemo();
        QVERIFY(waitForLoad(window, loaded));
        for (const QString& tab : MainWindow::tabNames()) {
            window.showTab(tab);
            const QSize minimum = window.minimumSizeHint().expandedTo(window.minimumSize());
            QVERIFY2(minimum.width() <= 1024 && minimum.height() <= 640,
                qPrintable(QStringLiteral("%1: %2×%3").arg(tab).arg(minimum.width()).arg(minimum.height())));
        }
        // The first run opens within the screen.
        const QRect screen = window.screen()->availableGeometry();
        QVERIFY(window.width() <= screen.width() && window.height() <= screen.height());
    }

    // Identical messages are grouped with a count, errors first; a place opens as file:line:column.
    void problemsAreGrouped()
    {
        ImportReport a;
        a.path = "/data/a.json";
        const auto message = [](Severity severity, std::uint32_t line, std::string text) {
            ImportMessage m;
            m.severity = severity;
            m.line = line;
            m.column = 7;
            m.jsonPath = "data[0].spans[" + std::to_string(line) + "]";
            m.text = std::move(text);
            return m;
        };
        a.messages = {message(Severity::Warning, 3, "duration is not a number"),
            message(Severity::Warning, 9, "duration is not a number"), message(Severity::Error, 12, "not JSON")};
        ImportReport b;
        b.path = "/data/b.json";
        b.messages = {message(Severity::Warning, 4, "duration is not a number")};
        ProblemsDialog dialog({a, b});
        QTreeWidget* tree = dialog.tree();
        QCOMPARE(tree->topLevelItemCount(), 2);
        QVERIFY(tree->topLevelItem(0)->text(0).contains(QStringLiteral("not JSON"))); // errors first
        QCOMPARE(tree->topLevelItem(1)->text(1), QStringLiteral("3"));
        QCOMPARE(tree->topLevelItem(1)->childCount(), 3);
        QVERIFY(tree->topLevelItem(0)->foreground(0).color() != tree->topLevelItem(1)->foreground(0).color());
        QSignalSpy activated(&dialog, &ProblemsDialog::locationActivated);
        emit tree->itemActivated(tree->topLevelItem(1)->child(2), 0);
        QCOMPARE(activated.count(), 1);
        QCOMPARE(activated.first().first().toString(), QStringLiteral("/data/b.json:4:7"));
        // A group row is no place: nothing happens.
        emit tree->itemActivated(tree->topLevelItem(1), 0);
        QCOMPARE(activated.count(), 1);
    }

    void dropLoadsFiles()
    {
        MainWindow window;
        window.show();
        QSignalSpy loaded(&window, &MainWindow::loadCompleted);
        QMimeData mime;
        mime.setUrls({QUrl::fromLocalFile(
            QString::fromStdString(Test::corpusFile(QStringLiteral("public/jaeger/stalk-trace-a155f674.json"))))});
        // As a real drag does: enter first (the window says it takes files), then drop.
        QDragEnterEvent enter(QPoint(10, 10), Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
        QCoreApplication::sendEvent(&window, &enter);
        QVERIFY(enter.isAccepted());
        QDropEvent drop(QPointF(10, 10), Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
        QCoreApplication::sendEvent(&window, &drop);
        QVERIFY(drop.isAccepted());
        QVERIFY(waitForLoad(window, loaded));
        QCOMPARE(window.findChild<QTableView*>(QStringLiteral("traceTable"))->model()->rowCount(), 1);
        QVERIFY(statusText(window).contains(QStringLiteral("156 spans")));
    }

    void reportsFilesThatCannotLoad()
    {
        MainWindow window;
        QSignalSpy loaded(&window, &MainWindow::loadCompleted);
        window.openFiles({QStringLiteral("/nonexistent/trace.json")});
        QVERIFY(waitForLoad(window, loaded));
        QCOMPARE(window.findChild<QTableView*>(QStringLiteral("traceTable"))->model()->rowCount(), 0);
        bool problemsShown = false;
        for (QPushButton* button : window.statusBar()->findChildren<QPushButton*>())
            problemsShown =
                problemsShown || (button->isVisibleTo(&window) && button->text().contains(QStringLiteral("1 problem")));
        QVERIFY(problemsShown);
    }
};

QTEST_MAIN(TestMainWindow)
#include "tst_mainwindow.moc"
