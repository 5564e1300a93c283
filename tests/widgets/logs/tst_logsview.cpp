// The Logs tab on tests/data/logs/app-logs.jsonl beside ../mapdiff/after.json (each line's
// outcome in tests/data/logs/README.md).
#include "corpus.h"
#include "hexid.h"
#include "logsview.h"
#include "logtablemodel.h"
#include "traceloader.h"
#include "tracesession.h"
#include "traceset.h"
#include "tracesetpresentation.h"

#include <QComboBox>
#include <QTableView>
#include <QTest>

using namespace Spanwise;

namespace {

std::shared_ptr<const TraceSetPresentation> tracesWithLogs()
{
    const std::vector<std::string> files {
        Test::dataFile(QStringLiteral("mapdiff/after.json")), Test::dataFile(QStringLiteral("logs/app-logs.jsonl"))};
    const LoadResult loaded = loadTraceFiles(files);
    return std::make_shared<TraceSetPresentation>(loaded.traces);
}

QStringList messages(const LogsView& view)
{
    QStringList out;
    for (int row = 0; row < view.model()->rowCount(); ++row)
        out << view.model()->index(row, LogTableModel::MessageColumn).data().toString();
    return out;
}

} // namespace

class TestLogsView : public QObject
{
    Q_OBJECT

private slots:
    void attachedAndUnattachedApart()
    {
        TraceSession session;
        LogsView view(&session);
        session.setLoaded(tracesWithLogs(), {}, {});
        // In time order: lines 1, 2, 5, 6, 7, 10, 11, 3, 4 of the file.
        QCOMPARE(messages(view),
            QStringList({"checkout started", "cart is slow", "datadog flat", "datadog nested", "w3c",
                "span not exported", "pino error", "card declined", "payment failed"}));
        view.setAttachment(LogsView::Attachment::Unattached);
        QCOMPARE(messages(view), QStringList({"another request", "server listening on :8080"}));
        QVERIFY2(view.summary().contains(QStringLiteral("9 with their trace loaded, 2 whose trace")),
            qPrintable(view.summary()));
    }

    void filters()
    {
        TraceSession session;
        LogsView view(&session);
        session.setLoaded(tracesWithLogs(), {}, {});
        auto* level = view.findChildren<QComboBox*>().at(1);
        level->setCurrentIndex(level->findData(17)); // ERROR and above
        QCOMPARE(messages(view), QStringList({"pino error", "card declined", "payment failed"}));
        level->setCurrentIndex(0);
        auto* service = view.findChildren<QComboBox*>().at(2);
        service->setCurrentIndex(service->findText(QStringLiteral("payments")));
        QCOMPARE(messages(view), QStringList({"w3c", "card declined", "payment failed"}));
        service->setCurrentIndex(0);
        view.setFilterText(QStringLiteral("DATADOG"));
        QCOMPARE(messages(view), QStringList({"datadog flat", "datadog nested"}));
        view.setFilterText(QStringLiteral("u-17")); // an attribute's value
        QCOMPARE(messages(view), QStringList({"checkout started"}));
    }

    void openingARecordOpensItsSpan()
    {
        TraceSession session;
        LogsView view(&session);
        session.setLoaded(tracesWithLogs(), {}, {});
        const int row = messages(view).indexOf(QStringLiteral("card declined"));
        QVERIFY(row >= 0);
        emit view.table()->activated(view.model()->index(row, 0));
        const TraceSet& set = session.presentation()->set();
        QVERIFY(session.span().isValid());
        QCOMPARE(formatSpanId(set.span(session.span()).spanId), std::string("000000000003e869"));
        // A record whose span is not loaded opens its trace.
        const int traceOnly = messages(view).indexOf(QStringLiteral("span not exported"));
        emit view.table()->activated(view.model()->index(traceOnly, 0));
        QVERIFY(set.trace(session.trace()).id == (TraceId {0, 0xa02}));
    }
};

QTEST_MAIN(TestLogsView)
#include "tst_logsview.moc"
