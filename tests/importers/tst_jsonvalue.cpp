#include "jsonvalue.h"

#include <QTest>

#include <cstdint>
#include <limits>
#include <optional>

using namespace Spanwise;

Q_DECLARE_METATYPE(std::optional<std::int64_t>)

// Integers as trace files write them: numbers, or strings for 64-bit values.
class TestJsonValue : public QObject
{
    Q_OBJECT

private slots:
    void saturatedInteger_data();
    void saturatedInteger();
};

void TestJsonValue::saturatedInteger_data()
{
    QTest::addColumn<QByteArray>("json");
    QTest::addColumn<std::optional<std::int64_t>>("expected");
    constexpr auto high = std::numeric_limits<std::int64_t>::max();
    constexpr auto low = std::numeric_limits<std::int64_t>::min();
    QTest::newRow("nanoseconds as a string")
        << QByteArray(R"("1700000000123456789")") << std::optional<std::int64_t>(1700000000123456789);
    QTest::newRow("negative string") << QByteArray(R"("-5")") << std::optional<std::int64_t>(-5);
    QTest::newRow("string past int64") << QByteArray(R"("99999999999999999999")") << std::optional(high);
    QTest::newRow("string below int64") << QByteArray(R"("-99999999999999999999")") << std::optional(low);
    QTest::newRow("trailing letter") << QByteArray(R"("12x")") << std::optional<std::int64_t>();
    QTest::newRow("letters") << QByteArray(R"("abc")") << std::optional<std::int64_t>();
    QTest::newRow("empty string") << QByteArray(R"("")") << std::optional<std::int64_t>();
    QTest::newRow("plus sign") << QByteArray(R"("+5")") << std::optional<std::int64_t>();
    QTest::newRow("number") << QByteArray("-3") << std::optional<std::int64_t>(-3);
    QTest::newRow("uint64 past int64") << QByteArray("18446744073709551615") << std::optional(high);
    QTest::newRow("double past int64") << QByteArray("1.5e19") << std::optional(high);
    QTest::newRow("boolean") << QByteArray("true") << std::optional<std::int64_t>();
}

void TestJsonValue::saturatedInteger()
{
    QFETCH(QByteArray, json);
    QFETCH(std::optional<std::int64_t>, expected);
    simdjson::dom::parser parser;
    simdjson::dom::element value;
    QVERIFY(!parser.parse(json.constData(), static_cast<std::size_t>(json.size())).get(value));
    QCOMPARE(jsonSaturatedInteger(value), expected);
}

QTEST_GUILESS_MAIN(TestJsonValue)
#include "tst_jsonvalue.moc"
