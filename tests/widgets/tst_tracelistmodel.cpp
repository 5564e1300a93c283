#include "corpus.h"
#include "fixtures.h"
#include "loadchecks.h"
#include "tracelistmodel.h"
#include "tracelistpanel.h"
#include "traceloader.h"

#include <QAbstractItemModelTester>
#include <QFileInfo>
#include <QSortFilterProxyModel>
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
        // The panel's own proxy, as the window sorts it (not one built here).
        TraceListPanel panel;
        QAbstractItemModelTester tester(panel.model(), QAbstractItemModelTester::FailureReportingMode::QtTest);
        // Durations whose text sorts differently from their value: "900 ns" < "2.00 µs" < "10.0 ms".
        panel.setTraceSet(Test::buildTraceSet({{1, {}, "a", "slow", 0, 10'000'000, false, 1},
            {1, {}, "b", "fast", 0, 900, false, 2}, {1, {}, "c", "mid", 0, 2'000, false, 3}}));
        QSortFilterProxyModel& proxy = *panel.proxy();
        proxy.sort(TraceListModel::Duration, Qt::DescendingOrder);
        QStringList order;
        for (int row = 0; row < proxy.rowCount(); ++row)
            order << proxy.index(row, TraceListModel::RootOperation).data().toString();
        QCOMPARE(order, (QStringList {"slow", "mid", "fast"}));
        QCOMPARE(proxy.index(2, TraceListModel::Duration).data().toString(), QStringLiteral("900 ns"));
    }

    void filtersAcrossColumns()
    {
        TraceListPanel panel;
        panel.setTraceSet(Test::buildTraceSet(
            {{1, {}, "checkout", "POST /pay", 0, 10, false, 1}, {1, {}, "search", "GET /find", 0, 10, false, 2}}));
        QSortFilterProxyModel& proxy = *panel.proxy();
        TraceFilter filter;
        filter.text = QStringLiteral("post /");
        panel.setFilter(filter);
        QCOMPARE(proxy.rowCount(), 1);
        QCOMPARE(proxy.index(0, TraceListModel::RootService).data().toString(), QStringLiteral("checkout"));
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
