#include "jsonscanner.h"

#include "tst_jsonscanner.h"

#include <QRandomGenerator>
#include <QTest>

#include <expected>

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

// What valueEnd must answer, found the slow way, one byte at a time: the end of the value at
// pos, or where it broke.
std::expected<std::size_t, std::size_t> walkedValueEnd(std::string_view text, std::size_t pos)
{
    std::string closers;
    bool inString = false;
    std::size_t stringStart = pos;
    for (std::size_t i = pos; i < text.size(); ++i) {
        const char c = text[i];
        if (inString) {
            if (c == '\n')
                return std::unexpected(i);
            if (c == '\\' && i + 1 < text.size() && text[i + 1] == '\n')
                return std::unexpected(i + 1); // a raw line break ends a string, escaped or not
            if (c == '\\')
                ++i;
            else if (c == '"')
                inString = false;
            if (!inString && closers.empty())
                return i + 1; // the value was a string
            continue;
        }
        if (c == '\\' && i + 1 < text.size() && (text[i + 1] == '"' || text[i + 1] == '\\')) {
            // Invalid JSON, where the scanner escapes as in strings: an escaped quote opens no
            // string (an escaped bracket still counts).
            ++i;
        } else if (c == '"') {
            inString = true;
            stringStart = i;
        } else if (c == '{' || c == '[') {
            closers.push_back(c == '{' ? '}' : ']');
        } else if (c == '}' || c == ']') {
            if (closers.empty() || c != closers.back())
                return std::unexpected(i);
            closers.pop_back();
            if (closers.empty())
                return i + 1;
        }
    }
    return std::unexpected(inString ? stringStart : pos);
}

// Random JSON-like text rich in what the scanner must get right: long strings across its
// 64-byte blocks, runs of backslashes, quotes and brackets inside strings, line breaks.
std::string randomStructure(QRandomGenerator& random)
{
    static constexpr std::string_view pieces[] = {"{", "}", "[", "]", "\"", "\\", "\\\\", "\\\"", "\n", ",", ":", "a",
        "1", " ", "\"key\":", "\"a long string value that crosses a block boundary of the scanner\""};
    std::string text = random.bounded(2) ? "{" : "[";
    const int count = static_cast<int>(random.bounded(1, 120));
    for (int i = 0; i < count; ++i)
        text += pieces[random.bounded(static_cast<quint32>(std::size(pieces)))];
    return text;
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

void TestJsonScanner::agreesWithAByteByByteWalk()
{
    QRandomGenerator random(20261202);
    int ended = 0, broken = 0;
    for (int round = 0; round < 20000; ++round) {
        // Padding in front moves the value across the scanner's block boundaries.
        const std::string text = std::string(random.bounded(70), ' ') + randomStructure(random);
        const std::size_t pos = text.find_first_not_of(' ');
        const auto expected = walkedValueEnd(text, pos);
        const auto found = JsonScanner(text).valueEnd(pos);
        QVERIFY2(found.has_value() == expected.has_value(), text.c_str());
        if (expected) {
            QCOMPARE(*found, *expected);
            ++ended;
        } else {
            QVERIFY2(found.error().offset == expected.error(), (text + " -> " + found.error().message).c_str());
            ++broken;
        }
    }
    // Both outcomes must be exercised for the comparison to mean something.
    QVERIFY(ended > 1000);
    QVERIFY(broken > 1000);
}

QTEST_GUILESS_MAIN(TestJsonScanner)
