#include "compareview.h"
#include "presentations.h"
#include "tracesession.h"
#include "traceset.h"
#include "tracesetpresentation.h"

#include <QLineEdit>
#include <QSignalSpy>
#include <QTest>
#include <QTreeWidget>

using namespace Spanwise;
using Spanwise::Test::presentationOf;

namespace {

// The OpenTelemetry SDK capture's fastest and slowest POST /checkout (root durations 2,115,808
// and 5,433,512,169 ns, end − start of the roots in the file).
const QString fastCheckout = QStringLiteral("trace=579d3e3fdb4cab1d824a3886016fa560");
const QString slowCheckout = QStringLiteral("trace=08ac14f521df0d8034ad51a9004d8c2b");

bool compareAndWait(CompareView& view, const QString& a, const QString& b)
{
    QSignalSpy done(&view, &CompareView::compared);
    view.compare(a, b);
    return done.count() > 0 || done.wait(20000);
}

} // namespace

class TestCompareView : public QObject
{
    Q_OBJECT

    std::shared_ptr<const TraceSetPresentation> m_sdk = presentationOf(QStringLiteral("sdk/traces.otlp.jsonl.zst"));

private slots:
    void aRequestFromTheSessionComparesAndAsksForTheTab()
    {
        QVERIFY(m_sdk);
        TraceSession session;
        CompareView view(&session);
        session.setLoaded(m_sdk, {}, {});
        QSignalSpy tab(&session, &TraceSession::viewRequested);
        QSignalSpy done(&view, &CompareView::compared);
        session.requestComparison(fastCheckout, slowCheckout);
        QVERIFY(done.wait(20000));
        QCOMPARE(tab.last().at(0).toString(), QStringLiteral("compare"));
        QCOMPARE(view.findChild<QLineEdit*>(QStringLiteral("compareA"))->text(), fastCheckout);
        const TraceComparison* comparison = view.comparison();
        QVERIFY(comparison);
        QCOMPARE(comparison->tracesA, 1u);
        QCOMPARE(comparison->tracesB, 1u);
        // One top-level row, the root, with the slow side's regression marked in its row.
        QCOMPARE(view.tree()->topLevelItemCount(), 1);
        QTreeWidgetItem* root = view.tree()->topLevelItem(0);
        QCOMPARE(root->text(0), QStringLiteral("web-frontend: POST /checkout"));
        QCOMPARE(root->text(1), QStringLiteral("changed"));
        QVERIFY2(root->text(6).startsWith(u'+'), qPrintable(root->text(6)));
        QVERIFY2(
            view.summary().contains(QStringLiteral("%1 added").arg(comparison->added)), qPrintable(view.summary()));
    }

    void doubleClickOpensTheSpanOfSideB()
    {
        QVERIFY(m_sdk);
        TraceSession session;
        CompareView view(&session);
        session.setLoaded(m_sdk, {}, {});
        QVERIFY(compareAndWait(view, fastCheckout, slowCheckout));
        // The first node only B has: double-click opens B's span there.
        QTreeWidgetItem* added = nullptr;
        for (QTreeWidgetItemIterator it(view.tree()); *it && !added; ++it)
            if ((*it)->text(1) == QStringLiteral("added"))
                added = *it;
        QVERIFY(added);
        emit view.tree()->itemActivated(added, 0);
        const TraceSet& set = m_sdk->set();
        QVERIFY(session.span().isValid());
        const QString opened = QString::fromStdString(std::string(set.serviceName(set.span(session.span()).service))) +
            QStringLiteral(": ") + QString::fromStdString(std::string(set.text(set.span(session.span()).operation)));
        QCOMPARE(opened, added->text(0));
        QCOMPARE(set.forest().traceOf(session.span()), session.trace());
    }

    // Groups: the 8 checkouts that took under 10 ms against the 10 that took over a second
    // (counted from the file: traces with a POST /checkout root, first start to last end).
    void groupsOfTraces()
    {
        QVERIFY(m_sdk);
        TraceSession session;
        CompareView view(&session);
        session.setLoaded(m_sdk, {}, {});
        QVERIFY(compareAndWait(view, QStringLiteral("operation=\"POST /checkout\" duration<10ms"),
            QStringLiteral("operation=\"POST /checkout\" duration>1s")));
        QVERIFY(view.comparison());
        QCOMPARE(view.comparison()->tracesA, 8u);
        QCOMPARE(view.comparison()->tracesB, 10u);
        const ComparedNode& root = view.comparison()->nodes[view.comparison()->nodes[0].children.front()];
        QCOMPARE(root.countA, 8u);
        QCOMPARE(root.countB, 10u);
        QVERIFY(root.p50NsA && root.p50NsB);
        QVERIFY(*root.p50NsA < 10'000'000);
        QVERIFY(*root.p50NsB > 1'000'000'000);
        QVERIFY(!view.tree()->topLevelItem(0)->text(10).isEmpty()); // p50 A shown
    }

    // The thresholds the tab shows decide, as spanwise compare's flags do: with none, any move
    // of total time is a change.
    void thresholdsAreAdjustable()
    {
        QVERIFY(m_sdk);
        TraceSession session;
        CompareView view(&session);
        session.setLoaded(m_sdk, {}, {});
        QVERIFY(compareAndWait(view, fastCheckout, slowCheckout));
        const std::uint32_t byDefault = view.comparison()->changed;
        QSignalSpy done(&view, &CompareView::compared);
        view.setThresholds({0, 0});
        QVERIFY(done.wait(20000));
        QVERIFY2(view.comparison()->changed > byDefault,
            qPrintable(QStringLiteral("%1 then %2").arg(byDefault).arg(view.comparison()->changed)));
    }

    void aQueryItCannotReadIsNamed()
    {
        QVERIFY(m_sdk);
        TraceSession session;
        CompareView view(&session);
        session.setLoaded(m_sdk, {}, {});
        QVERIFY(compareAndWait(view, fastCheckout, QStringLiteral("duration>fast")));
        QVERIFY(!view.comparison());
        QVERIFY2(view.summary().startsWith(QStringLiteral("Query B")), qPrintable(view.summary()));
        QCOMPARE(view.tree()->topLevelItemCount(), 0);
        QVERIFY(compareAndWait(view, fastCheckout, QStringLiteral("trace=0000")));
        QVERIFY2(view.summary().contains(QStringLiteral("No trace matches B")), qPrintable(view.summary()));
    }
};

QTEST_MAIN(TestCompareView)
#include "tst_compareview.moc"
