#include "timestamptext.h"

#include <QTest>

using namespace Spanwise;

namespace {
constexpr std::int64_t second = 1'000'000'000;
}

class TestTimestampText : public QObject
{
    Q_OBJECT

private slots:
    void parses_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<qint64>("ns");
        // Expected seconds from `date -u -d TEXT +%s` (GNU coreutils).
        QTest::newRow("UTC") << "2024-05-01T10:42:03Z" << qint64(1714560123 * second);
        QTest::newRow("no zone is UTC") << "2024-05-01T10:42:03" << qint64(1714560123 * second);
        QTest::newRow("space, offset") << "2024-05-01 12:42:03+02:00" << qint64(1714560123 * second);
        QTest::newRow("offset without colon") << "2024-05-01T05:42:03-0500" << qint64(1714560123 * second);
        QTest::newRow("minutes only") << "2024-05-01T10:42" << qint64((1714560123 - 3) * second);
        QTest::newRow("fraction") << "2024-05-01T10:42:03.25Z" << qint64(1714560123 * second + 250'000'000);
        QTest::newRow("nanoseconds") << "2024-05-01T10:42:03.000000007Z" << qint64(1714560123 * second + 7);
        QTest::newRow("leap day") << "2024-02-29" << qint64(1709164800 * second);
        QTest::newRow("century leap") << "2000-03-01" << qint64(951868800 * second);
        QTest::newRow("before the epoch") << "1969-12-31T23:59:59Z" << qint64(-1 * second);
    }
    void parses()
    {
        QFETCH(QString, text);
        QFETCH(qint64, ns);
        QCOMPARE(parseTimestampNs(text.toStdString()), std::optional<std::int64_t>(ns));
    }

    void refuses()
    {
        for (const char* text : {"", "yesterday", "2024-5-1", "2024-13-01", "2024-05-01T25:00", "2024-05-01T10:42Zx",
                 "2024-05-01T10:42:03.", "2024-05-01T10:42+2", "90s", "2024-05-01X10:42", "9999-12-31",
                 "0001-01-01T00:00Z"}) // outside what 64-bit nanoseconds hold
            QVERIFY2(!parseTimestampNs(text), text);
    }

    void writesBack()
    {
        QCOMPARE(formatTimestampNs(1714560123 * second + 250'000'000), std::string("2024-05-01T10:42:03.250Z"));
        QCOMPARE(formatTimestampNs(-1 * second), std::string("1969-12-31T23:59:59.000Z"));
        for (const std::int64_t ns : {std::int64_t(0), 951868800 * second, 1714560123 * second + 999'000'000})
            QCOMPARE(parseTimestampNs(formatTimestampNs(ns)), std::optional<std::int64_t>(ns));
    }
};

QTEST_APPLESS_MAIN(TestTimestampText)
#include "tst_timestamptext.moc"
