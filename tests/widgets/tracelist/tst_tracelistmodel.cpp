#include "corpus.h"
#include "filterbar.h"
#include "fixtures.h"
#include "loadchecks.h"
#include "roles.h"
#include "tracelistmodel.h"
#include "tracelistpanel.h"
#include "traceloader.h"
#include "tracescatterplot.h"
#include "tracesession.h"
#include "tracesetpresentation.h"

#include <QAbstractItemModelTester>
#include <QFileInfo>
#include <QHeaderView>
#include <QLineEdit>
#include <QSignalSpy>
#include <QTableView>
#include <QTest>

using namespace Spanwise;

namespace {

// The file's traces, or nullptr (and a test failure naming the file) when it did not load.
std::shared_ptr<const TraceSet> loadCorpusFile(const QString& path)
{
    const std::string file = Test::corpusFile(path);
    const LoadResult result = loadTraceFiles(std::span<const std::string>(&file, 1));
    if (const QString failure = Test::loadFailure(result); !failure.isEmpty()) {
        QTest::qFail(qPrintable(failure), __FILE__, __LINE__);
        return nullptr;
    }
    return result.traces;
}

// Loads into the session and waits for the panel's worker to order the list.
void loadInto(TraceSession& session, std::shared_ptr<const TraceSet> set, TraceListPanel& panel)
{
    QSignalSpy ordered(&panel, &TraceListPanel::filterApplied);
    session.setLoaded(std::make_shared<TraceSetPresentation>(std::move(set)), {}, {});
    QVERIFY(ordered.count() || ordered.wait(10000));
}

// The list's rows, top to bottom, by one column's text.
QStringList columnText(const TraceListPanel& panel, int column)
{
    QStringList texts;
    for (int row = 0; row < panel.model()->rowCount(); ++row)
        texts << panel.model()->index(row, column).data().toString();
    return texts;
}

// Sorts as a header click does, and waits for the worker's order.
void sortBy(TraceListPanel& panel, int column, Qt::SortOrder order)
{
    QSignalSpy ordered(&panel, &TraceListPanel::filterApplied);
    panel.table()->sortByColumn(column, order);
    QVERIFY(ordered.count() || ordered.wait(10000));
}

} // namespace

class TestTraceListModel : public QObject
{
    Q_OBJECT

private slots:
    void hotrodRow()
    {
        TraceListModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        const auto hotrod = loadCorpusFile(QStringLiteral("public/jaeger/stalk-hotrod-18231c31.json"));
        QVERIFY(hotrod);
        model.setTraceSet(hotrod);
        QCOMPARE(model.rowCount(), 1);
        QCOMPARE(model.columnCount(), int(TraceListModel::ColumnCount));
        const auto text = [&](int column) { return model.index(0, column).data().toString(); };
        QCOMPARE(text(TraceListModel::RootService), QStringLiteral("frontend"));
        QCOMPARE(text(TraceListModel::RootOperation), QStringLiteral("HTTP GET /dispatch"));
        QCOMPARE(text(TraceListModel::Spans), QStringLiteral("51"));
        QCOMPARE(text(TraceListModel::Services), QStringLiteral("6"));
        QCOMPARE(text(TraceListModel::Errors), QStringLiteral("3"));
        QCOMPARE(text(TraceListModel::TraceIdColumn), QStringLiteral("18231c31672495c6"));
        QCOMPARE(text(TraceListModel::File), QStringLiteral("stalk-hotrod-18231c31.json.zst")); // stored compressed
        QCOMPARE(text(TraceListModel::Duration), QStringLiteral("1.81 s"));
        QVERIFY(!model.headerData(TraceListModel::Duration, Qt::Horizontal, Qt::ToolTipRole).toString().isEmpty());
    }

    void sortsByRawValues()
    {
        // The panel's own order, as the window sorts it (on its worker).
        TraceSession session;
        TraceListPanel panel(&session);
        QAbstractItemModelTester tester(panel.model(), QAbstractItemModelTester::FailureReportingMode::QtTest);
        // Durations whose text sorts differently from their value: "900 ns" < "2.00 µs" < "10.0 ms".
        loadInto(session,
            Test::buildTraceSet({{1, {}, "a", "slow", 0, 10'000'000, false, 1}, {1, {}, "b", "fast", 0, 900, false, 2},
                {1, {}, "c", "mid", 0, 2'000, false, 3}}),
            panel);
        sortBy(panel, TraceListModel::Duration, Qt::DescendingOrder);
        QCOMPARE(columnText(panel, TraceListModel::RootOperation), (QStringList {"slow", "mid", "fast"}));
        QCOMPARE(panel.model()->index(2, TraceListModel::Duration).data().toString(), QStringLiteral("900 ns"));
        sortBy(panel, TraceListModel::Duration, Qt::AscendingOrder);
        QCOMPARE(columnText(panel, TraceListModel::RootOperation), (QStringList {"fast", "mid", "slow"}));
        // Names by their text; every row keeps its trace.
        sortBy(panel, TraceListModel::RootService, Qt::DescendingOrder);
        QCOMPARE(columnText(panel, TraceListModel::RootService), (QStringList {"c", "b", "a"}));
        QCOMPARE(columnText(panel, TraceListModel::RootOperation), (QStringList {"mid", "fast", "slow"}));
    }

    void filtersWithTheQueryLanguage()
    {
        TraceSession session;
        TraceListPanel panel(&session);
        loadInto(session,
            Test::buildTraceSet({{1, {}, "checkout", "POST /pay", 0, 10, false, 1},
                {2, 1, "payments", "charge", 2, 5, true, 1}, {1, {}, "search", "GET /find", 0, 3'000'000, false, 2}}),
            panel);
        const auto shown = [&](const QString& query) {
            QSignalSpy applied(&panel, &TraceListPanel::filterApplied);
            panel.filterBar()->setText(query);
            if (applied.isEmpty())
                applied.wait(5000);
            QStringList services = columnText(panel, TraceListModel::RootService);
            services.sort();
            return services;
        };
        // Free text, quoted, case ignored.
        QCOMPARE(shown(QStringLiteral("\"post /\"")), QStringList {QStringLiteral("checkout")});
        // A term holds on some span of the trace: the error is the payments child's.
        QCOMPARE(shown(QStringLiteral("error=true")), QStringList {QStringLiteral("checkout")});
        QCOMPARE(shown(QStringLiteral("service=pay*")), QStringList {QStringLiteral("checkout")});
        // duration is the trace's (3 ms and 10 ns here).
        QCOMPARE(shown(QStringLiteral("duration>=1ms")), QStringList {QStringLiteral("search")});
        // Each term must hold: no trace has both.
        QCOMPARE(shown(QStringLiteral("service=search error=true")), QStringList {});
        QCOMPARE(shown(QString()), (QStringList {QStringLiteral("checkout"), QStringLiteral("search")}));
        // The session owns the filter: setting it there shows in the bar.
        session.setTraceFilter(QStringLiteral("search"));
        QTRY_COMPARE(panel.model()->rowCount(), 1);
        QCOMPARE(panel.filterBar()->text(), QStringLiteral("search"));
    }

    // A first click on a numeric column sorts it worst first; the selected trace stays in view.
    void firstClickSortsWorstFirst()
    {
        TraceSession session;
        TraceListPanel panel(&session);
        std::initializer_list<Test::SpanSpec> spans = {
            {1, {}, "a", "x", 0, 10, false, 1}, {1, {}, "b", "y", 0, 30, true, 2}, {1, {}, "c", "z", 0, 20, false, 3}};
        loadInto(session, Test::buildTraceSet(spans), panel);
        panel.resize(600, 400);
        panel.show();
        QVERIFY(QTest::qWaitForWindowExposed(&panel));
        QHeaderView* header = panel.table()->horizontalHeader();
        const auto click = [&](int column) {
            QSignalSpy ordered(&panel, &TraceListPanel::filterApplied);
            const int x = header->sectionViewportPosition(column) + header->sectionSize(column) / 2;
            QTest::mouseClick(header->viewport(), Qt::LeftButton, {}, QPoint(x, header->height() / 2));
            QVERIFY(ordered.wait(10000));
        };
        for (const int column : {int(TraceListModel::Duration), int(TraceListModel::Errors)}) {
            click(column);
            QCOMPARE(header->sortIndicatorSection(), column);
            QCOMPARE(header->sortIndicatorOrder(), Qt::DescendingOrder);
            QCOMPARE(panel.model()->index(0, TraceListModel::RootService).data().toString(), QStringLiteral("b"));
        }
        // Text columns still start A to Z.
        click(TraceListModel::RootService);
        QCOMPARE(header->sortIndicatorOrder(), Qt::AscendingOrder);
        QCOMPARE(panel.model()->index(0, TraceListModel::RootService).data().toString(), QStringLiteral("a"));
    }

    // A dot of the scatter plot opens its trace in the waterfall, a step back() returns from.
    void scatterDotOpensTheWaterfall()
    {
        TraceSession session;
        TraceListPanel panel(&session);
        loadInto(session, Test::buildTraceSet({{1, {}, "a", "x", 0, 10, false, 1}, {1, {}, "b", "y", 5, 30, true, 2}}),
            panel);
        QCOMPARE(session.trace().value, 0u);
        QSignalSpy requested(&session, &TraceSession::viewRequested);
        emit panel.scatterPlot()->traceClicked(TraceIndex {1});
        QCOMPARE(session.trace().value, 1u);
        QCOMPARE(requested.count(), 1);
        QCOMPARE(requested.first().first().toString(), QStringLiteral("waterfall"));
        QCOMPARE(panel.model()->traceAt(panel.table()->currentIndex().row()), TraceIndex {1});
        session.back();
        QCOMPARE(session.trace().value, 0u);
    }

    void badQueryKeepsTheListAndSaysWhy()
    {
        TraceSession session;
        TraceListPanel panel(&session);
        loadInto(session, Test::buildTraceSet({{1, {}, "a", "x", 0, 10, false, 1}, {1, {}, "b", "y", 0, 10, false, 2}}),
            panel);
        panel.filterBar()->setText(QStringLiteral("a"));
        QTRY_COMPARE(panel.model()->rowCount(), 1);
        panel.filterBar()->setText(QStringLiteral("duration>soon"));
        QCOMPARE(panel.model()->rowCount(), 1); // the last good filter stays
        QVERIFY(panel.filterBar()->field()->property("queryError").toBool());
        QVERIFY(panel.filterBar()->field()->toolTip().contains(QStringLiteral("duration")));
    }

    void traceSpreadOverFilesNamesThemAll()
    {
        const std::vector<std::string> files = {Test::corpusFile(QStringLiteral("sdk/traces.otlp.json")),
            Test::corpusFile(QStringLiteral("sdk/traces.zipkin.json"))};
        TraceListModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        const LoadResult both = loadTraceFiles(files);
        SPANWISE_VERIFY_LOADED(both);
        model.setTraceSet(both.traces);
        QCOMPARE(model.rowCount(), 320);
        // The files as stored in tests/data (compressed there, NAME.zst).
        QCOMPARE(model.index(0, TraceListModel::File).data().toString(),
            QFileInfo(QString::fromStdString(files[0])).fileName() + QStringLiteral(", ") +
                QFileInfo(QString::fromStdString(files[1])).fileName());
    }

    void resetToEmpty()
    {
        TraceListModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setTraceSet(Test::buildChain("a>b"));
        QCOMPARE(model.rowCount(), 1);
        model.setTraceSet(nullptr);
        QCOMPARE(model.rowCount(), 0);
    }
};

QTEST_MAIN(TestTraceListModel)
#include "tst_tracelistmodel.moc"
