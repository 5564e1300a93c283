#include "hexid.h"
#include "stringpool.h"

#include <QTest>

using namespace Spanwise;

class TestHexId : public QObject
{
    Q_OBJECT

private slots:
    void traceIds_data()
    {
        QTest::addColumn<QString>("hex");
        QTest::addColumn<bool>("valid");
        QTest::addColumn<QString>("formatted");
        QTest::newRow("64-bit") << "18231c31672495c6" << true << "18231c31672495c6";
        QTest::newRow("64-bit without leading zeros") << "1" << true << "0000000000000001";
        QTest::newRow("128-bit") << "4a1b2c3d4e5f60718293a4b5c6d7e8f9" << true << "4a1b2c3d4e5f60718293a4b5c6d7e8f9";
        QTest::newRow("128-bit with zero high half equals 64-bit")
            << "000000000000000018231c31672495c6" << true << "18231c31672495c6";
        QTest::newRow("upper case") << "5B8EFFF798038103D269B633813FC60C" << true << "5b8efff798038103d269b633813fc60c";
        QTest::newRow("128-bit without leading zeros")
            << "1231c31672495c6abcdef" << true << "000000000001231c31672495c6abcdef";
        QTest::newRow("empty") << "" << false << "";
        QTest::newRow("not hex") << "12g4" << false << "";
        QTest::newRow("too long") << QString(33, QLatin1Char('1')) << false << "";
    }
    void traceIds()
    {
        QFETCH(QString, hex);
        QFETCH(bool, valid);
        QFETCH(QString, formatted);
        const auto id = parseHexTraceId(hex.toStdString());
        QCOMPARE(id.has_value(), valid);
        if (valid)
            QCOMPARE(QString::fromStdString(formatTraceId(*id)), formatted);
    }

    void spanIds()
    {
        QCOMPARE(parseHexSpanId("00000000000000ff"), std::optional<std::uint64_t>(255));
        QCOMPARE(parseHexSpanId("FFFFFFFFFFFFFFFF"), std::optional<std::uint64_t>(~0ULL));
        QVERIFY(!parseHexSpanId("1ffffffffffffffff"));
        QVERIFY(!parseHexSpanId(""));
        QCOMPARE(QString::fromStdString(formatSpanId(0x2a)), QStringLiteral("000000000000002a"));
    }

    void stringPoolInternsOnce()
    {
        StringPool pool;
        const StringId a = pool.intern("frontend");
        const StringId b = pool.intern("backend");
        QCOMPARE(pool.intern("frontend"), a);
        QVERIFY(a != b);
        QCOMPARE(pool.view(a), std::string_view("frontend"));
        QCOMPARE(pool.intern(""), StringPool::empty());
        QCOMPARE(pool.find("backend"), b);
        QVERIFY(!pool.find("nobody").isValid());
        // Views stay valid while the pool grows.
        const std::string_view view = pool.view(a);
        for (int i = 0; i < 10000; ++i)
            pool.intern(std::to_string(i));
        QCOMPARE(view, std::string_view("frontend"));
    }
};

QTEST_GUILESS_MAIN(TestHexId)
#include "tst_hexid.moc"
