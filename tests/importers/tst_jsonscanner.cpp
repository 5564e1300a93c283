#include "jsonscanner.h"

#include "tst_jsonscanner.h"

#include <QTest>

using namespace Spanwise;

namespace {

// The elements of the array at the start of `json`, as text, or "error@offset".
QStringList elements(const std::string& json)
{
    QStringList out;
    const JsonScanner scanner(json);
    const auto end = scanner.forEachElement(scanner.skipWhitespace(0), [&](std::size_t, std::size_t b, std::size_t e) {
        out << QString::fromStdString(json.substr(b, e - b));
        return true;
    });
    if (!end)
        out << QStringLiteral("error@%1").arg(end.error().offset);
    return out;
}

} // namespace

void TestJsonScanner::arrays_data()
{
    QTest::addColumn<QString>("json");
    QTest::addColumn<QStringList>("expected");
    QTest::newRow("empty array") << "[]" << QStringList {};
    QTest::newRow("scalars and white space")
        << " [ 1 , true,null,\"x\" ]" << QStringList {"1", "true", "null", "\"x\""};
    QTest::newRow("nested values") << R"([{"a":[1,{"b":2}]},[3]])" << QStringList {R"({"a":[1,{"b":2}]})", "[3]"};
    QTest::newRow("brackets and escaped quotes inside strings")
        << R"(["a]\"}", {"k":"\\"}])" << QStringList {R"("a]\"}")", R"({"k":"\\"})"};
    QTest::newRow("byte order mark") << "\xEF\xBB\xBF[1]" << QStringList {"1"};
    QTest::newRow("cut inside the second element") << R"([{"a":1},{"b":)" << QStringList {R"({"a":1})", "error@9"};
    QTest::newRow("cut inside a string") << R"([{"a":1},"abc)" << QStringList {R"({"a":1})", "error@9"};
    QTest::newRow("mismatched bracket") << R"([{"a":1],2])" << QStringList {"error@7"};
    QTest::newRow("missing comma") << "[1 2]" << QStringList {"1", "error@3"};
}
void TestJsonScanner::arrays()
{
    QFETCH(QString, json);
    QFETCH(QStringList, expected);
    QCOMPARE(elements(json.toStdString()), expected);
}

void TestJsonScanner::objectMembers()
{
    const std::string json = R"({"data": [1, 2], "total" : 0, "errors":null})";
    const JsonScanner scanner(json);
    QStringList seen;
    const auto end = scanner.forEachMember(0, [&](std::string_view key, std::size_t begin) {
        const auto valueEnd = scanner.valueEnd(begin);
        seen << QString::fromStdString(std::string(key) + '=' + json.substr(begin, *valueEnd - begin));
        return valueEnd;
    });
    QVERIFY(end.has_value());
    QCOMPARE(*end, json.size());
    QCOMPARE(seen, (QStringList {"data=[1, 2]", "total=0", "errors=null"}));
}

void TestJsonScanner::brokenElementIsNamed()
{
    const std::string json = R"([{"a":1}, {"b":[)";
    const JsonScanner scanner(json);
    const auto end = scanner.forEachElement(0, [](std::size_t, std::size_t, std::size_t) { return true; });
    QVERIFY(!end.has_value());
    QCOMPARE(end.error().brokenElementBegin, std::size_t(10));
    QCOMPARE(end.error().brokenElementIndex, std::size_t(1));
    QVERIFY(end.error().message.find("ends") != std::string::npos);
}

QTEST_GUILESS_MAIN(TestJsonScanner)
