#include "fixtures.h"
#include "waterfallrows.h"

#include <QTest>

using namespace Spanwise;
using Test::SpanSpec;

namespace {

// root ─┬─ a ─┬─ a1
//       │     └─ a2 ─── a2x
//       └─ b ─── b1
std::shared_ptr<const TraceSet> tree()
{
    return Test::buildTraceSet({{1, {}, "svc", "root", 0, 100}, {2, 1, "svc", "a", 10, 40}, {3, 2, "svc", "a1", 11, 5},
        {4, 2, "svc", "a2", 20, 10}, {5, 4, "svc", "a2x", 21, 3}, {6, 1, "svc", "b", 60, 30},
        {7, 6, "svc", "b1", 61, 80}});
}

QStringList visibleNames(const TraceSet& set, const WaterfallRows& rows)
{
    QStringList names;
    for (const std::uint32_t p : rows.visible())
        names << QString::fromStdString(std::string(set.text(set.span(rows.spanAt(p)).operation)));
    return names;
}

// The row of the span with that operation; a missing one fails the test (and gives row 0, so
// the caller reads nothing out of range).
std::uint32_t positionNamed(const TraceSet& set, const WaterfallRows& rows, std::string_view name)
{
    for (std::uint32_t p = 0; p < rows.spanCount(); ++p)
        if (set.text(set.span(rows.spanAt(p)).operation) == name)
            return p;
    QTest::qFail(
        qPrintable(QStringLiteral("no span named %1").arg(QString::fromUtf8(name.data(), qsizetype(name.size())))),
        __FILE__, __LINE__);
    return 0;
}

} // namespace

class TestWaterfallRows : public QObject
{
    Q_OBJECT

private slots:
    void structure()
    {
        const auto set = tree();
        const WaterfallRows rows(*set, set->traces().front());
        QCOMPARE(visibleNames(*set, rows), (QStringList {"root", "a", "a1", "a2", "a2x", "b", "b1"}));
        QCOMPARE(rows.subtreeSize(0), 7u);
        QCOMPARE(rows.subtreeSize(positionNamed(*set, rows, "a")), 4u);
        QVERIFY(rows.isLastChild(positionNamed(*set, rows, "b")));
        QVERIFY(!rows.isLastChild(positionNamed(*set, rows, "a")));
        QVERIFY(rows.isLastChild(positionNamed(*set, rows, "a2")));
        // The subtree extent includes a grandchild that outlives everyone.
        QCOMPARE(rows.subtreeEnd(positionNamed(*set, rows, "b")), std::int64_t(141));
        QCOMPARE(rows.subtreeEnd(0), std::int64_t(141));
        QCOMPARE(rows.parentPosition(positionNamed(*set, rows, "a2x")), std::int64_t(positionNamed(*set, rows, "a2")));
        QCOMPARE(rows.positionOf(set->traces().front().root), std::int64_t(0));
    }

    void collapseAndExpand_data()
    {
        QTest::addColumn<QString>("action");
        QTest::addColumn<QStringList>("visible");
        QTest::newRow("collapse one span") << "collapse a" << QStringList {"root", "a", "b", "b1"};
        QTest::newRow("collapse the root") << "collapse root" << QStringList {"root"};
        QTest::newRow("collapse all") << "collapse all" << QStringList {"root"};
        QTest::newRow("collapse one level: the deepest parents")
            << "collapse level" << QStringList {"root", "a", "a1", "a2", "b", "b1"};
        QTest::newRow("collapse two levels") << "collapse level twice" << QStringList {"root", "a", "b"};
        QTest::newRow("expand one level after collapse all")
            << "collapse all, expand level" << QStringList {"root", "a", "b"};
        QTest::newRow("expand all") << "collapse all, expand all"
                                    << QStringList {"root", "a", "a1", "a2", "a2x", "b", "b1"};
        QTest::newRow("a leaf cannot collapse")
            << "collapse a1" << QStringList {"root", "a", "a1", "a2", "a2x", "b", "b1"};
        QTest::newRow("reveal expands the ancestors")
            << "collapse all, reveal a2x" << QStringList {"root", "a", "a1", "a2", "a2x", "b"};
        QTest::newRow("matches only keeps ancestors") << "only a2x b" << QStringList {"root", "a", "a2", "a2x", "b"};
    }
    void collapseAndExpand()
    {
        QFETCH(QString, action);
        QFETCH(QStringList, visible);
        const auto set = tree();
        WaterfallRows rows(*set, set->traces().front());
        const auto at = [&](const char* name) { return positionNamed(*set, rows, name); };
        if (action == QStringLiteral("collapse a"))
            rows.setCollapsed(at("a"), true);
        else if (action == QStringLiteral("collapse root"))
            rows.toggle(0);
        else if (action == QStringLiteral("collapse all"))
            rows.collapseAll();
        else if (action == QStringLiteral("collapse level"))
            rows.collapseOneLevel();
        else if (action == QStringLiteral("collapse level twice")) {
            rows.collapseOneLevel();
            rows.collapseOneLevel();
        } else if (action == QStringLiteral("collapse all, expand level")) {
            rows.collapseAll();
            rows.expandOneLevel();
        } else if (action == QStringLiteral("collapse all, expand all")) {
            rows.collapseAll();
            rows.expandAll();
        } else if (action == QStringLiteral("collapse a1"))
            rows.setCollapsed(at("a1"), true);
        else if (action == QStringLiteral("collapse all, reveal a2x")) {
            rows.collapseAll();
            rows.reveal(at("a2x"));
        } else if (action == QStringLiteral("only a2x b")) {
            const std::vector<std::uint32_t> matches {at("a2x"), at("b")};
            rows.setOnlyShown(matches);
        }
        QCOMPARE(visibleNames(*set, rows), visible);
        // rowOf agrees with visible().
        for (std::size_t row = 0; row < rows.visible().size(); ++row)
            QCOMPARE(rows.rowOf(rows.visible()[row]), std::int64_t(row));
    }

    void hiddenRowsHaveNoRow()
    {
        const auto set = tree();
        WaterfallRows rows(*set, set->traces().front());
        rows.setCollapsed(positionNamed(*set, rows, "a"), true);
        QCOMPARE(rows.rowOf(positionNamed(*set, rows, "a1")), std::int64_t(-1));
        QCOMPARE(rows.rowOf(positionNamed(*set, rows, "b")), std::int64_t(2));
    }
};

QTEST_GUILESS_MAIN(TestWaterfallRows)
#include "tst_waterfallrows.moc"
