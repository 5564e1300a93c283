#include "corpus.h"
#include "fixtures.h"
#include "loadchecks.h"
#include "presentations.h"
#include "processes.h"
#include "spandetailsview.h"
#include "traceloader.h"
#include "tracesession.h"
#include "tracesetbuilder.h"
#include "tracesetpresentation.h"
#include "traceview.h"
#include "waterfallcontroller.h"
#include "waterfallexport.h"
#include "waterfallview.h"

#include <QLabel>
#include <QScrollBar>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QTreeWidget>
#include <QXmlStreamReader>

using namespace Spanwise;
using Spanwise::Test::presentationOf;

Q_DECLARE_METATYPE(Spanwise::SpanIndex)
Q_DECLARE_METATYPE(Spanwise::TraceIndex)

namespace {

QString operationOf(const TraceSetPresentation& p, SpanIndex span)
{
    return p.text(p.set().span(span).operation);
}

} // namespace

class TestTraceView : public QObject
{
    Q_OBJECT

private slots:
    // The header says what the trace is: root, id, duration, size, depth, errors.
    void headerSummarisesTheTrace()
    {
        auto presentation = std::make_shared<TraceSetPresentation>(Test::buildTraceSet({{1, {}, "web", "root", 0, 1000},
            {2, 1, "api", "call", 100, 400, true}, {3, 2, "db", "query", 200, 100}, {4, 1, "web", "render", 600, 50}}));
        TraceSession session;
        TraceView view(&session);
        session.setLoaded(presentation, {}, {});
        const QString header = view.findChild<QLabel*>(QStringLiteral("traceHeader"))->text();
        for (const QString& fact : {QStringLiteral("web</b>: root"), QStringLiteral("0000000000000001"),
                 QStringLiteral("1.00 µs"), QStringLiteral("4 spans"), QStringLiteral("3 services"),
                 QStringLiteral("depth 3"), QStringLiteral("1 error")})
            QVERIFY2(header.contains(fact), qPrintable(fact + QStringLiteral(" in ") + header));
    }

    void hitTesting()
    {
        auto presentation = std::make_shared<TraceSetPresentation>(Test::buildTraceSet(
            {{1, {}, "web", "root", 0, 1000}, {2, 1, "api", "call", 100, 400}, {3, 2, "db", "query", 200, 100}}));
        TraceSession session;
        TraceView view(&session);
        view.resize(1200, 600);
        session.setLoaded(presentation, {}, {});
        session.selectTrace(TraceIndex {0});
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        WaterfallView* waterfall = view.waterfall();
        const WaterfallMetrics& m = waterfall->metrics();
        // Row 1 ("call") sits one row below the ruler and the root.
        const int y = m.rulerHeight + m.rowHeight + m.rowHeight / 2;
        QCOMPARE(waterfall->rowAt(y), 1);
        QCOMPARE(waterfall->positionAt(QPoint(m.labelWidth + 50, y)), std::int64_t(1));
        QCOMPARE(waterfall->rowAt(m.rulerHeight - 1), -1);
        QCOMPARE(waterfall->rowAt(m.rulerHeight + 10 * m.rowHeight), -1);
        // The expander of "call" (depth 1) is one indent in.
        const QPoint expander(8 + m.indent + m.indent / 2, y);
        QVERIFY(waterfall->isOnExpander(expander));
        QVERIFY(!waterfall->isOnExpander(QPoint(m.labelWidth - 20, y)));
        // Clicking it collapses "call": "query" disappears.
        QTest::mouseClick(waterfall->viewport(), Qt::LeftButton, {}, expander);
        QCOMPARE(waterfall->rows().visible().size(), std::size_t(2));
        // Clicking a row selects its span; the details follow.
        QTest::mouseClick(waterfall->viewport(), Qt::LeftButton, {}, QPoint(m.labelWidth + 50, y));
        QCOMPARE(operationOf(*presentation, view.controller()->selection()), QStringLiteral("call"));
        QCOMPARE(view.details()->span(), view.controller()->selection());
        // The axis shows the whole trace (0..1000 ns) from just right of the labels, so the bar
        // of "call" (100..500 ns) starts a tenth and ends half of the way across.
        const TimeAxis axis = waterfall->timeAxis();
        QCOMPARE(axis.startNs, std::int64_t(0));
        QCOMPARE(axis.endNs, std::int64_t(1000));
        QVERIFY(axis.left > m.labelWidth && axis.width > 100);
        QCOMPARE(axis.x(100), axis.left + axis.width * 0.1);
        QCOMPARE(axis.x(500), axis.left + axis.width * 0.5);
        QCOMPARE(axis.timeAt(axis.x(500)), std::int64_t(500));
    }

    void criticalPathMarksTheBars()
    {
        auto presentation = std::make_shared<TraceSetPresentation>(Test::buildTraceSet(
            {{1, {}, "a", "root", 0, 100}, {2, 1, "a", "first", 10, 20}, {3, 1, "a", "second", 40, 50}}));
        TraceSession session;
        TraceView view(&session);
        session.setLoaded(presentation, {}, {});
        session.selectTrace(TraceIndex {0});
        // root 0-10, first 10-30, root 30-40, second 40-90, root 90-100.
        const auto& marks = view.waterfall()->criticalPath();
        QCOMPARE(marks.size(), std::size_t(5));
        QCOMPARE(std::count_if(marks.begin(), marks.end(), [](const CriticalMark& m) { return m.position == 0; }), 3);
        view.setShowCriticalPath(false);
        QVERIFY(view.waterfall()->criticalPath().empty());
        view.setShowCriticalPath(true);
        QCOMPARE(view.waterfall()->criticalPath().size(), std::size_t(5));
    }

    void keyboard()
    {
        auto presentation = std::make_shared<TraceSetPresentation>(Test::buildTraceSet({{1, {}, "a", "op", 0, 100'000},
            {2, 1, "b", "op", 1000, 50'000}, {3, 2, "c", "op", 2000, 20'000}, {4, 3, "d", "op", 3000, 5000}}));
        TraceSession session;
        TraceView view(&session);
        session.setLoaded(presentation, {}, {});
        session.selectTrace(TraceIndex {0});
        WaterfallView* waterfall = view.waterfall();
        waterfall->setFocus();
        QTest::keyClick(waterfall, Qt::Key_J);
        QTest::keyClick(waterfall, Qt::Key_Down);
        QCOMPARE(presentation->serviceName(presentation->set().span(view.controller()->selection()).service),
            QStringLiteral("c"));
        QTest::keyClick(waterfall, Qt::Key_K);
        QTest::keyClick(waterfall, Qt::Key_Left); // collapses "b"
        QCOMPARE(waterfall->rows().visible().size(), std::size_t(2));
        QTest::keyClick(waterfall, Qt::Key_Right); // expands it again
        QCOMPARE(waterfall->rows().visible().size(), std::size_t(4));
        const auto whole = view.controller()->visibleRange();
        QTest::keyClick(waterfall, Qt::Key_Plus);
        QVERIFY(view.controller()->visibleRange().width() < whole.width());
        QTest::keyClick(waterfall, Qt::Key_Left, Qt::AltModifier); // back through zoom history
        QCOMPARE(view.controller()->visibleRange(), whole);
        QTest::keyClick(waterfall, Qt::Key_Escape);
        QVERIFY(!view.controller()->selection().isValid());
    }

    void searchNavigation()
    {
        auto presentation = presentationOf(QStringLiteral("public/jaeger/stalk-hotrod-18231c31.json"));
        QVERIFY(presentation);
        TraceSession session;
        TraceView view(&session);
        session.setLoaded(presentation, {}, {});
        session.selectTrace(TraceIndex {0});
        view.search(QStringLiteral("REDIS")); // case ignored
        // The 14 redis spans match by service, and Driver::findNearest by its logs ("error":
        // "redis timeout" in the file); nothing else mentions redis.
        QCOMPARE(view.matchCount(), std::size_t(15));
        QCOMPARE(view.currentMatch(), std::int64_t(0));
        const SpanIndex first = view.controller()->selection();
        // In row order the first match is findNearest, the parent of the redis calls.
        QCOMPARE(presentation->text(presentation->set().span(first).operation), QStringLiteral("Driver::findNearest"));
        view.nextMatch();
        QCOMPARE(view.currentMatch(), std::int64_t(1));
        QVERIFY(view.controller()->selection() != first);
        view.previousMatch();
        view.previousMatch(); // wraps to the last
        QCOMPARE(view.currentMatch(), std::int64_t(14));
        // "Matches only" shows the matches and their ancestors.
        view.setMatchesOnly(true);
        QCOMPARE(view.waterfall()->rows().visible().size(), std::size_t(15 + 2)); // + dispatch, driver
        view.setMatchesOnly(false);
        QCOMPARE(view.waterfall()->rows().visible().size(), std::size_t(51));
        // Attribute values match too.
        view.search(QStringLiteral("sql select"));
        QCOMPARE(view.matchCount(), std::size_t(1));
        view.search(QStringLiteral("no such thing anywhere"));
        QCOMPARE(view.matchCount(), std::size_t(0));
        QCOMPARE(view.currentMatch(), std::int64_t(-1));
        // The search speaks the query language: a field term, and terms that must all hold.
        view.search(QStringLiteral("service=REDIS"));
        QCOMPARE(view.matchCount(), std::size_t(14));
        view.search(QStringLiteral("service=redis operation=no-such-operation"));
        QCOMPARE(view.matchCount(), std::size_t(0));
        // A query it cannot read finds nothing and says why.
        view.search(QStringLiteral("duration>fast"));
        QCOMPARE(view.matchCount(), std::size_t(0));
        QVERIFY(view.findChild<QLabel*>(QStringLiteral("matchLabel"))->text().contains(QStringLiteral("duration")));
    }

    void hugeTracesSearchOnAWorker()
    {
        TraceSetBuilder builder;
        builder.addFile("huge");
        const ServiceId service = builder.service("svc");
        const ResourceIndex resource = builder.addResource(service, {});
        const std::uint32_t count = TraceView::searchOnWorkerFrom + 10;
        for (std::uint32_t i = 0; i < count; ++i) {
            Span span;
            span.traceId = TraceId {0, 1};
            span.spanId = i + 1;
            if (i > 0) {
                span.parentSpanId = 1;
                span.flags |= SpanHasParentId;
            }
            span.service = service;
            span.resource = resource;
            span.operation = builder.intern(i % 10 == 0 ? "needle" : "hay");
            span.startNs = i;
            span.durationNs = 10;
            builder.addSpan(span);
        }
        auto presentation = std::make_shared<TraceSetPresentation>(builder.finish());
        TraceSession session;
        TraceView view(&session);
        session.setLoaded(presentation, {}, {});
        session.selectTrace(TraceIndex {0});
        QSignalSpy finished(&view, &TraceView::searchFinished);
        view.search(QStringLiteral("needle"));
        QVERIFY(finished.count() == 1 || finished.wait(20000));
        QCOMPARE(view.matchCount(), std::size_t((count + 9) / 10));
        // A newer query wins over an older one still running. The result before differs from
        // the expected one, so a newer query that is dropped fails here.
        view.search(QStringLiteral("hay"));
        QTRY_COMPARE_WITH_TIMEOUT(view.matchCount(), std::size_t(count - (count + 9) / 10), 20000);
        view.search(QStringLiteral("hay"));
        view.search(QStringLiteral("needle"));
        QTRY_COMPARE_WITH_TIMEOUT(view.matchCount(), std::size_t((count + 9) / 10), 20000);
        // The older query, finishing later, does not overwrite it.
        QTest::qWait(300);
        QCOMPARE(view.matchCount(), std::size_t((count + 9) / 10));
    }

    void linksAndBacklinks()
    {
        auto presentation = presentationOf(QStringLiteral("public/jaeger/jaeger-converter-ui-01.json"));
        QVERIFY(presentation);
        const TraceSet& set = presentation->set();
        TraceSession session;
        TraceView view(&session);
        session.setLoaded(presentation, {}, {});
        session.selectTrace(TraceIndex {0});
        SpanIndex referenceTest;
        for (std::uint32_t i = 0; i < set.spans().size(); ++i)
            if (set.text(set.spans()[i].operation) == "reference-test")
                referenceTest = SpanIndex {i};
        view.controller()->select(referenceTest);
        // Two links: the cross-trace one is not loaded, the FOLLOWS_FROM one is.
        const auto links = view.details()->linkItems();
        QCOMPARE(links.size(), 1);
        QSignalSpy activated(view.details(), &SpanDetailsView::spanActivated);
        emit view.details()->tree()->itemActivated(links.front(), 0);
        QCOMPARE(activated.count(), 1);
        const SpanIndex target = view.controller()->selection();
        QCOMPARE(set.span(target).spanId, std::uint64_t(2));
        // On the target, the backlink leads back.
        bool backlinkShown = false;
        for (QTreeWidgetItem* item : view.details()->linkItems())
            backlinkShown = backlinkShown || item->text(0) == QStringLiteral("backlink");
        QVERIFY(backlinkShown);
        emit view.details()->tree()->itemActivated(view.details()->linkItems().back(), 0);
        QCOMPARE(view.controller()->selection(), referenceTest);
    }

    void linkIntoAnotherTrace()
    {
        auto presentation = presentationOf(QStringLiteral("sdk/traces.otlp.json"));
        QVERIFY(presentation);
        const TraceSet& set = presentation->set();
        // A span with a link to a loaded span of another trace.
        SpanIndex from, to;
        for (std::uint32_t i = 0; i < set.spans().size() && !from.isValid(); ++i) {
            for (const Link& link : set.links(set.spans()[i].links)) {
                const SpanIndex target = LinkIndex::resolve(set, link.traceId, link.spanId);
                if (target.isValid() && set.forest().traceOf(target) != set.forest().traceOf(SpanIndex {i})) {
                    from = SpanIndex {i};
                    to = target;
                    break;
                }
            }
        }
        QVERIFY(from.isValid());
        TraceSession session;
        TraceView view(&session);
        session.setLoaded(presentation, {}, {});
        session.openSpan(from);
        QCOMPARE(session.span(), from);
        QTreeWidgetItem* item = nullptr;
        for (QTreeWidgetItem* candidate : view.details()->linkItems())
            if (candidate->data(0, Qt::UserRole + 1).toUInt() == to.value)
                item = candidate;
        QVERIFY(item);
        emit view.details()->tree()->itemActivated(item, 0);
        // The link goes through the session: it now shows the other trace, with the target selected.
        QCOMPARE(session.trace(), set.forest().traceOf(to));
        QCOMPARE(session.span(), to);
        QCOMPARE(view.controller()->trace(), set.forest().traceOf(to));
        QCOMPARE(view.controller()->selection(), to);
        QVERIFY(session.canGoBack());
        session.back();
        QCOMPARE(view.controller()->trace(), set.forest().traceOf(from));
        QCOMPARE(view.controller()->selection(), from);
    }

    void svgExportHasEveryRow()
    {
        auto presentation = presentationOf(QStringLiteral("public/jaeger/stalk-hotrod-18231c31.json"));
        QVERIFY(presentation);
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("hotrod.svg"));
        QCOMPARE(exportWaterfall(*presentation, TraceIndex {0}, path, {}).error, QString());
        bool wellFormed = false;
        QStringList elements;
        const QStringList texts = Test::svgTexts(path, &wellFormed, &elements);
        QVERIFY(wellFormed);
        // Every span's row: service and operation appear as text, as many times as there are spans.
        const TraceSet& set = presentation->set();
        for (const Span& span : set.spans()) {
            QVERIFY2(texts.contains(presentation->serviceName(span.service)),
                qPrintable(presentation->serviceName(span.service)));
            QVERIFY(texts.contains(presentation->text(span.operation)));
        }
        QCOMPARE(texts.count(QStringLiteral("redis")), 14);
        QCOMPARE(texts.count(QStringLiteral("GetDriver")), 13);
    }

    void hostileNamesStayInert()
    {
        auto presentation = std::make_shared<TraceSetPresentation>(
            Test::buildTraceSet({{1, {}, "</text><script>alert(1)</script>", "a\"b & <c>", 0, 100},
                {2, 1, "x\\y", "line\nbreak", 10, 50}}));
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("hostile.svg"));
        QCOMPARE(exportWaterfall(*presentation, TraceIndex {0}, path, {}).error, QString());
        bool wellFormed = false;
        QStringList elements;
        const QStringList texts = Test::svgTexts(path, &wellFormed, &elements);
        QVERIFY(wellFormed);
        QVERIFY(!elements.contains(QStringLiteral("script")));
        QVERIFY(texts.join(QString()).contains(QStringLiteral("</text><script>")));
        QVERIFY(texts.join(QString()).contains(QStringLiteral("a\"b & <c>")));
    }

    void pngExport()
    {
        auto presentation = presentationOf(QStringLiteral("public/jaeger/stalk-hotrod-18231c31.json"));
        QVERIFY(presentation);
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("hotrod.png"));
        WaterfallExportOptions options;
        options.width = 1200;
        QCOMPARE(exportWaterfall(*presentation, TraceIndex {0}, path, options).error, QString());
        const QImage image(path);
        QCOMPARE(image.width(), 1200);
        QVERIFY(image.height() > 51 * 18);
        QVERIFY(!exportWaterfall(*presentation, TraceIndex {0}, dir.filePath(QStringLiteral("x.gif")), options)
                     .error.isEmpty());
    }
};

QTEST_MAIN(TestTraceView)
#include "tst_traceview.moc"
