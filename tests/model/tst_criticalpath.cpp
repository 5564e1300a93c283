#include "criticalpath.h"
#include "fixtures.h"

#include <QTest>

using namespace Spanwise;

namespace {

// "operation start-end" per segment.
QStringList segments(const TraceSet& set)
{
    QStringList out;
    for (const CriticalSegment& s : criticalPath(set, TraceIndex {0}))
        out << QStringLiteral("%1 %2-%3")
                   .arg(QString::fromStdString(std::string(set.text(set.span(s.span).operation))))
                   .arg(s.startNs)
                   .arg(s.endNs);
    return out;
}

} // namespace

class TestCriticalPath : public QObject
{
    Q_OBJECT

private slots:
    void handComputed_data()
    {
        QTest::addColumn<std::shared_ptr<const TraceSet>>("set");
        QTest::addColumn<QStringList>("path");
        QTest::newRow("a lone span") << Test::buildTraceSet({{1, {}, "a", "root", 0, 100}})
                                     << QStringList {"root 0-100"};
        QTest::newRow("sequential children")
            << Test::buildTraceSet(
                   {{1, {}, "a", "root", 0, 100}, {2, 1, "a", "first", 10, 20}, {3, 1, "a", "second", 40, 50}})
            << QStringList {"root 0-10", "first 10-30", "root 30-40", "second 40-90", "root 90-100"};
        QTest::newRow("parallel children: the one that ends last, then what ran before it")
            << Test::buildTraceSet(
                   {{1, {}, "a", "root", 0, 100}, {2, 1, "a", "short", 10, 30}, {3, 1, "a", "long", 20, 70}})
            << QStringList {"root 0-10", "short 10-20", "long 20-90", "root 90-100"};
        QTest::newRow("a child outliving its parent is clipped")
            << Test::buildTraceSet({{1, {}, "a", "root", 0, 100}, {2, 1, "a", "async", 50, 500}})
            << QStringList {"root 0-50", "async 50-100"};
        QTest::newRow("grandchildren") << Test::buildTraceSet({{1, {}, "a", "root", 0, 100},
                                              {2, 1, "b", "call", 10, 80}, {3, 2, "c", "db", 20, 30}})
                                       << QStringList {
                                              "root 0-10", "call 10-20", "db 20-50", "call 50-90", "root 90-100"};
    }
    void handComputed()
    {
        QFETCH(std::shared_ptr<const TraceSet>, set);
        QFETCH(QStringList, path);
        QCOMPARE(segments(*set), path);
        // The segments tile the root's duration.
        std::int64_t covered = 0;
        for (const CriticalSegment& s : criticalPath(*set, TraceIndex {0}))
            covered += s.endNs - s.startNs;
        QCOMPARE(covered, set->span(set->traces().front().root).durationNs);
    }
};

QTEST_GUILESS_MAIN(TestCriticalPath)
#include "tst_criticalpath.moc"
