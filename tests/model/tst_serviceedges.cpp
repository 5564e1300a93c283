#include "fixtures.h"
#include "servicenames.h"

#include <QTest>

using namespace Spanwise;

class TestServiceEdges : public QObject
{
    Q_OBJECT

private slots:
    void edges_data()
    {
        QTest::addColumn<std::shared_ptr<const TraceSet>>("set");
        QTest::addColumn<QStringList>("edges");
        QTest::newRow("chain") << Test::buildChain("frontend>cart>db")
                               << QStringList {"cart>db 1/0", "frontend>cart 1/0"};
        QTest::newRow("same service is no call") << Test::buildChain("a>a>b") << QStringList {"a>b 1/0"};
        QTest::newRow("errors count failing children")
            << Test::buildTraceSet({{1, {}, "web", "r", 0, 10}, {2, 1, "api", "x", 1, 1, true},
                   {3, 1, "api", "y", 2, 1}, {4, 3, "web", "back", 2, 1, true}})
            << QStringList {"api>web 1/1", "web>api 2/1"};
        QTest::newRow("orphans make no call")
            << Test::buildTraceSet({{1, {}, "a", "r", 0, 10}, {2, 42, "b", "orphan", 1, 1}}) << QStringList {};
        QTest::newRow("sorted by caller then callee")
            << Test::buildTraceSet(
                   {{1, {}, "z", "r", 0, 10}, {2, 1, "b", "x", 1, 1}, {3, 1, "a", "y", 2, 1}, {4, 3, "c", "w", 3, 1}})
            << QStringList {"a>c 1/0", "z>a 1/0", "z>b 1/0"};
    }
    void edges()
    {
        QFETCH(std::shared_ptr<const TraceSet>, set);
        QFETCH(QStringList, edges);
        QCOMPARE(Test::dumpEdges(*set), edges);
    }

    void servicesSortedByName()
    {
        const auto set = Test::buildTraceSet({{1, {}, "zeta", "r"}, {2, 1, "", "x"}, {3, 1, "alpha", "y"}});
        QStringList names;
        for (const ServiceId id : servicesByName(*set))
            names << QString::fromStdString(std::string(set->serviceName(id)));
        QCOMPARE(names, (QStringList {"alpha", "unknown_service", "zeta"}));
    }
};

QTEST_GUILESS_MAIN(TestServiceEdges)
#include "tst_serviceedges.moc"
