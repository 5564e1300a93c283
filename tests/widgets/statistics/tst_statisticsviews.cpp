#include "chartsview.h"
#include "corpus.h"
#include "filterbar.h"
#include "fixtures.h"
#include "latencyhistogram.h"
#include "loadchecks.h"
#include "operationstatsmodel.h"
#include "presentations.h"
#include "roles.h"
#include "selftime.h"
#include "servicecharts.h"
#include "spansview.h"
#include "spantablemodel.h"
#include "statisticsview.h"
#include "traceloader.h"
#include "tracesession.h"
#include "tracesetpresentation.h"

#include <QAbstractItemModelTester>
#include <QCheckBox>
#include <QFile>
#include <QLineEdit>
#include <QListWidget>
#include <QSignalSpy>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>
#include <QtCharts/QChart>

using namespace Spanwise;
using Spanwise::Test::presentationOf;

Q_DECLARE_METATYPE(Spanwise::SpanIndex)

namespace {

QStringList csvLines(const QString& path)
{
    QFile file(path);
    file.open(QIODevice::ReadOnly | QIODevice::Text);
    return QString::fromUtf8(file.readAll()).split(QLatin1Char('\n'), Qt::SkipEmptyParts);
}

} // namespace

class TestStatisticsViews : public QObject
{
    Q_OBJECT

private slots:
    void operationStatsModel()
    {
        auto presentation = presentationOf(QStringLiteral("public/jaeger/stalk-hotrod-18231c31.json"));
        QVERIFY(presentation);
        auto result = std::make_shared<StatsResult>(computeOperationStats(presentation->set(), {}));
        OperationStatsModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setResult(presentation, result);
        QCOMPARE(model.rowCount(), static_cast<int>(result->rows.size()));
        // Row 0 is the slowest p99: the whole dispatch.
        QCOMPARE(model.index(0, OperationStatsModel::Name).data().toString(), QStringLiteral("frontend"));
        QCOMPARE(
            model.index(0, OperationStatsModel::Operation).data().toString(), QStringLiteral("HTTP GET /dispatch"));
        QCOMPARE(model.index(0, OperationStatsModel::P99).data().toString(), QStringLiteral("1.81 s"));
        QCOMPARE(model.index(0, OperationStatsModel::P99).data(Roles::Sort).toLongLong(), 1811018000LL);
        // redis GetDriver: 13 calls, 3 failing.
        int redis = -1;
        for (int r = 0; r < model.rowCount(); ++r)
            if (model.index(r, OperationStatsModel::Operation).data().toString() == QStringLiteral("GetDriver"))
                redis = r;
        QVERIFY(redis >= 0);
        QCOMPARE(model.index(redis, OperationStatsModel::Count).data().toString(), QStringLiteral("13"));
        QCOMPARE(model.index(redis, OperationStatsModel::Errors).data().toString(), QStringLiteral("3"));
        QCOMPARE(model.index(redis, OperationStatsModel::ErrorRate).data().toString(), QStringLiteral("23.1%"));
        QCOMPARE(model.headerData(OperationStatsModel::P95, Qt::Horizontal, Roles::CsvHeader).toString(),
            QStringLiteral("p95Ns"));
        model.setResult(presentation, nullptr);
        QCOMPARE(model.rowCount(), 0);
    }

    void spanTableModel()
    {
        auto presentation = presentationOf(QStringLiteral("public/jaeger/stalk-hotrod-18231c31.json"));
        QVERIFY(presentation);
        const TraceSet& set = presentation->set();
        std::vector<SpanIndex> spans;
        std::vector<std::int64_t> self;
        for (std::uint32_t i = 0; i < set.spans().size(); ++i) {
            spans.push_back(SpanIndex {i});
            self.push_back(selfTimeOf(set, SpanIndex {i}));
        }
        SpanTableModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setSpans(presentation, spans, self);
        QCOMPARE(model.rowCount(), 51);
        int errors = 0;
        for (int r = 0; r < model.rowCount(); ++r)
            errors += model.index(r, SpanTableModel::Status).data().toString() == QStringLiteral("error") ? 1 : 0;
        QCOMPARE(errors, 3);
        QCOMPARE(model.index(0, SpanTableModel::Duration).data(Roles::Sort).toLongLong(), set.spans()[0].durationNs);
    }

    void statisticsViewComputesOffTheGuiThread()
    {
        auto presentation = presentationOf(QStringLiteral("sdk/traces.otlp.json"));
        QVERIFY(presentation);
        TraceSession session;
        StatisticsView view(&session);
        view.show(); // views compute only while shown
        QSignalSpy ready(&view, &StatisticsView::statisticsReady);
        session.setLoaded(presentation, {}, {});
        QVERIFY(ready.wait(20000));
        const StatsResult* result = view.model()->result();
        QVERIFY(result);
        std::uint64_t count = 0, errors = 0;
        for (const OperationStats& row : result->rows) {
            count += row.count;
            errors += row.errors;
        }
        QCOMPARE(count, std::uint64_t(3898));
        QCOMPARE(errors, std::uint64_t(96));
        // Opens sorted by p99, slowest first.
        const auto* proxy = view.table()->model();
        QVERIFY(proxy->index(0, OperationStatsModel::P99).data(Roles::Sort).toLongLong() >=
            proxy->index(1, OperationStatsModel::P99).data(Roles::Sort).toLongLong());
        // The selected row offers its slowest, median and failing spans.
        QVERIFY(view.examples()->count() >= 2);
        QVERIFY(view.examples()->item(0)->text().startsWith(QStringLiteral("Slowest")));
        QSignalSpy requested(&session, &TraceSession::viewRequested);
        emit view.examples()->itemActivated(view.examples()->item(0));
        QCOMPARE(requested.count(), 1);
        QCOMPARE(requested.first().first().toString(), QStringLiteral("waterfall"));
        QCOMPARE(session.span().value, view.examples()->item(0)->data(Qt::UserRole + 1).toUInt());

        // Grouped by service: the service's row is selected.
        session.showServiceStatistics(ServiceId {0});
        QVERIFY(ready.wait(20000));
        QCOMPARE(view.model()->rowCount(), 9);
        const QModelIndex current = view.table()->currentIndex();
        QCOMPARE(current.siblingAtColumn(OperationStatsModel::Name).data().toString(),
            presentation->serviceName(ServiceId {0}));

        // CSV of what is shown: a header and one line per row, durations in nanoseconds.
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("stats.csv"));
        QCOMPARE(view.exportCsvTo(path), QString());
        const QStringList lines = csvLines(path);
        QCOMPARE(lines.size(), 1 + 9);
        // The CLI's dialect (`spanwise stats --csv`): grouped by service, there is no operation column.
        QVERIFY2(
            lines[0].startsWith(QStringLiteral("service,count,errors,errorRate,minNs,p50Ns")), qPrintable(lines[0]));

        // The filter bar narrows the rows by the group's figures.
        view.filterBar()->setText(QStringLiteral("count>=1000"));
        for (int r = 0; r < view.table()->model()->rowCount(); ++r)
            QVERIFY(
                view.table()->model()->index(r, OperationStatsModel::Count).data(Roles::Sort).toULongLong() >= 1000);
        const int big = view.table()->model()->rowCount();
        QVERIFY(big < 9);
        view.filterBar()->setText(QStringLiteral("count<1000"));
        QCOMPARE(view.table()->model()->rowCount(), 9 - big);
        view.filterBar()->setText(QStringLiteral("p99>1h"));
        QCOMPARE(view.table()->model()->rowCount(), 0);
        // A field statistics rows do not have is an error, and the rows stay as they were.
        view.filterBar()->setText(QStringLiteral("duration>1s"));
        QCOMPARE(view.table()->model()->rowCount(), 0);
        QVERIFY(view.filterBar()->field()->property("queryError").toBool());
    }

    void statisticsByAttribute()
    {
        auto presentation = presentationOf(QStringLiteral("sdk/traces.otlp.json"));
        QVERIFY(presentation);
        TraceSession session;
        StatisticsView view(&session);
        view.show(); // views compute only while shown
        QSignalSpy ready(&view, &StatisticsView::statisticsReady);
        session.setLoaded(presentation, {}, {});
        QVERIFY(ready.wait(20000));
        view.setGrouping({StatsGrouping::By::Attribute, "http.route"}, true);
        QVERIFY(ready.wait(20000));
        QCOMPARE(view.model()->headerData(OperationStatsModel::Name, Qt::Horizontal).toString(),
            QStringLiteral("http.route"));
        bool checkout = false, none = false;
        for (int r = 0; r < view.model()->rowCount(); ++r) {
            const QString value = view.model()->index(r, OperationStatsModel::Name).data().toString();
            checkout = checkout || value == QStringLiteral("/checkout");
            none = none || value == QStringLiteral("(none)");
        }
        QVERIFY(checkout && none);
    }

    void spansViewFiltersAndExports()
    {
        auto presentation = presentationOf(QStringLiteral("public/jaeger/stalk-hotrod-18231c31.json"));
        QVERIFY(presentation);
        TraceSession session;
        SpansView view(&session);
        view.show(); // a hidden view does no work
        QSignalSpy ready(&view, &SpansView::rowsReady);
        // Filtering runs on a worker: the rows arrive with rowsReady.
        const auto filterTo = [&](const QString& text) {
            ready.clear();
            view.filterBar()->setText(text);
            return ready.wait(10000);
        };
        session.setLoaded(presentation, {}, {}); // opens on the one trace
        QVERIFY(ready.count() || ready.wait(10000));
        QCOMPARE(view.shownRows(), 51);
        // A trace index from another, larger load is no trace here: the session keeps its own.
        session.selectTrace(TraceIndex {7});
        QCOMPARE(session.trace().value, 0u);
        QVERIFY(filterTo(QStringLiteral("error=true")));
        QCOMPARE(view.shownRows(), 3);
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("spans.csv"));
        QCOMPARE(view.exportCsvTo(path), QString());
        const QStringList lines = csvLines(path);
        QCOMPARE(lines.size(), 1 + 3);
        QVERIFY(lines[0].contains(QStringLiteral("durationNs")));
        QVERIFY(lines[1].startsWith(QStringLiteral("redis,GetDriver,client,")));
        // duration in the span table is the span's: the trace takes 1.81 s; five of its spans take
        // 1 s or more (the file's "duration" fields: /dispatch 1811018 µs, four /customer hops
        // 1379334..1381463 µs), none 2 s.
        QVERIFY(filterTo(QStringLiteral("duration>=1s")));
        QCOMPARE(view.shownRows(), 5);
        QVERIFY(filterTo(QStringLiteral("duration>=2s")));
        QCOMPARE(view.shownRows(), 0);
        QVERIFY(filterTo(QStringLiteral("service=redis")));
        QCOMPARE(view.shownRows(), 14);
        // All loaded traces: the scope box, in the one order every view shows.
        view.setAllTraces(true);
        QVERIFY(ready.wait(10000));
        QCOMPARE(view.shownRows(), 14);
        QSignalSpy requested(&session, &TraceSession::viewRequested);
        emit view.table()->activated(view.table()->model()->index(0, 0));
        QCOMPARE(requested.count(), 1);
        QCOMPARE(session.span().value, view.table()->model()->index(0, 0).data(Roles::Span).toUInt());
    }

    void spansViewSortsOnlyWhenShown()
    {
        auto presentation = presentationOf(QStringLiteral("public/jaeger/stalk-hotrod-18231c31.json"));
        QVERIFY(presentation);
        TraceSession session;
        SpansView view(&session);
        QSignalSpy ready(&view, &SpansView::rowsReady);
        session.setLoaded(presentation, {}, {});
        // Hidden, it waits: no rows, no work, and it says it has work to do once shown; a filter
        // set meanwhile (a restored session) waits too.
        view.filterBar()->setText(QStringLiteral("service=redis"));
        QVERIFY(!ready.wait(300));
        QCOMPARE(view.shownRows(), 0);
        QVERIFY(view.isLoading());
        view.show();
        QVERIFY(ready.count() || ready.wait(10000));
        QCOMPARE(view.shownRows(), 14);
        ready.clear();
        view.filterBar()->setText(QString());
        QVERIFY(ready.wait(10000));
        QCOMPARE(view.shownRows(), 51);
        const auto column = [&](int c) {
            std::vector<qlonglong> values;
            for (int row = 0; row < view.shownRows(); ++row)
                values.push_back(view.model()->index(row, c).data(Roles::Sort).toLongLong());
            return values;
        };
        // Worst first by default; a header click orders the other way, on the worker.
        auto durations = column(SpanTableModel::Duration);
        QVERIFY(std::is_sorted(durations.rbegin(), durations.rend()));
        QVERIFY(durations.front() > durations.back());
        ready.clear();
        view.table()->sortByColumn(SpanTableModel::Duration, Qt::AscendingOrder);
        QVERIFY(ready.wait(10000));
        durations = column(SpanTableModel::Duration);
        QVERIFY(std::is_sorted(durations.begin(), durations.end()));
        // Text columns sort by the text the cells show.
        ready.clear();
        view.table()->sortByColumn(SpanTableModel::Service, Qt::AscendingOrder);
        QVERIFY(ready.wait(10000));
        QStringList services;
        for (int row = 0; row < view.shownRows(); ++row)
            services << view.model()->index(row, SpanTableModel::Service).data().toString();
        QStringList sorted = services;
        std::sort(sorted.begin(), sorted.end());
        QCOMPARE(services, sorted);
        QCOMPARE(services.count(QStringLiteral("redis")), 14);
    }

    void chartsShowEveryCalledService()
    {
        auto presentation = presentationOf(QStringLiteral("sdk/traces.otlp.json"));
        QVERIFY(presentation);
        TraceSession session;
        ChartsView view(&session);
        view.show(); // views compute only while shown
        QSignalSpy ready(&view, &ChartsView::chartsReady);
        session.setLoaded(presentation, {}, {});
        QVERIFY(ready.wait(10000)); // counted on a worker
        // Every one of the 9 services is called at least once.
        QCOMPARE(view.calls()->chart()->series().size(), 9);
        QVERIFY(view.failures()->chart()->series().size() >= 1);
        QCOMPARE(view.selfTime()->chart()->series().size(), 1);
    }

    void histogramMarksPercentiles()
    {
        LatencyHistogram histogram;
        histogram.setDurations(
            QStringLiteral("x"), {1'000'000, 2'000'000, 3'000'000, 50'000'000}, 2'000'000, 50'000'000, 50'000'000);
        // The distribution plus one line each for p50, p95 and p99.
        QCOMPARE(histogram.chart()->series().size(), 4);
        histogram.setLogScale(false);
        QCOMPARE(histogram.chart()->series().size(), 4);
    }
};

QTEST_MAIN(TestStatisticsViews)
#include "tst_statisticsviews.moc"
