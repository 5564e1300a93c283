#include "jsonbytemasks.h"
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

// Where valueEnd and the byte-by-byte walk disagree about the value after the blanks that
// start `text` (empty when they agree), counting the values that ended and that broke.
std::string disagreement(const std::string& text, int& ended, int& broken)
{
    const std::size_t pos = text.find_first_not_of(' ');
    const auto expected = walkedValueEnd(text, pos);
    const auto found = JsonScanner(text).valueEnd(pos);
    ++(expected ? ended : broken);
    if (found.has_value() != expected.has_value())
        return text + ": " + (expected ? "the walk ended, the scanner broke" : "the walk broke, the scanner ended");
    if (expected && *found != *expected)
        return text + ": ends at " + std::to_string(*found) + ", not " + std::to_string(*expected);
    if (!expected && found.error().offset != expected.error())
        return text + " -> " + found.error().message + " at " + std::to_string(found.error().offset);
    return {};
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
        const std::string wrong = disagreement(text, ended, broken);
        QVERIFY2(wrong.empty(), wrong.c_str());
    }
    // Both outcomes must be exercised for the comparison to mean something.
    QVERIFY(ended > 1000);
    QVERIFY(broken > 1000);
}

void TestJsonScanner::deepValuesAgreeToo()
{
    // The scanner keeps up to 64 open brackets as bits and walks deeper values again, exactly.
    QRandomGenerator random(64);
    int ended = 0, broken = 0;
    for (int round = 0; round < 2000; ++round) {
        const int depth = static_cast<int>(random.bounded(50, 140));
        // Half the values mix braces and brackets at random; in the other half one level alone
        // is a brace, so a wrong closer there is the only sign of damage however deep it is.
        const bool oneBrace = random.bounded(2);
        const int braceLevel = static_cast<int>(random.bounded(depth));
        std::string opens, closes;
        for (int level = 0; level < depth; ++level) {
            const bool brace = oneBrace ? level == braceLevel : random.bounded(2) == 1;
            opens += brace ? "{\"k\":" : "[";
            closes.insert(closes.begin(), brace ? '}' : ']');
        }
        opens.back() == ':' ? opens += "1" : opens += "\"x\"";
        // Sometimes a wrong closer on the way out ('}' and ']' differ in bit 0x20).
        if (random.bounded(3) == 0) {
            const int wrongLevel = oneBrace ? braceLevel : static_cast<int>(random.bounded(depth));
            closes[static_cast<std::size_t>(depth - 1 - wrongLevel)] ^= 0x20;
        }
        const std::string text = std::string(random.bounded(70), ' ') + opens + closes;
        const std::string wrong = disagreement(text, ended, broken);
        QVERIFY2(wrong.empty(), wrong.c_str());
    }
    QVERIFY(ended > 1000);
    QVERIFY(broken > 200);
}

void TestJsonScanner::blockMasksAgreeWithEachByte()
{
    // Every way of computing a block's masks against a look at each byte.
    static constexpr char interesting[] = {
        '"', '\\', '\n', '{', '}', '[', ']', ' ', 'a', ':', ',', '\x7f', '\x80', '\xff'};
    QRandomGenerator random(5);
    int compared = 0;
    for (int round = 0; round < 5000; ++round) {
        char block[JsonByteMasks::blockSize];
        for (char& c : block)
            c = random.bounded(2) ? interesting[random.bounded(static_cast<quint32>(std::size(interesting)))]
                                  : static_cast<char>(random.bounded(256));
        JsonByteMasks expected;
        for (std::size_t i = 0; i < JsonByteMasks::blockSize; ++i) {
            const std::uint64_t bit = std::uint64_t(1) << i;
            const char c = block[i];
            expected.quotes |= c == '"' ? bit : 0;
            expected.backslashes |= c == '\\' ? bit : 0;
            expected.lineBreaks |= c == '\n' ? bit : 0;
            expected.opens |= c == '{' || c == '[' ? bit : 0;
            expected.closes |= c == '}' || c == ']' ? bit : 0;
            expected.bit5 |= c & 0x20 ? bit : 0;
        }
        const auto same = [&](const JsonByteMasks& found) {
            return found.quotes == expected.quotes && found.backslashes == expected.backslashes &&
                found.lineBreaks == expected.lineBreaks && found.opens == expected.opens &&
                found.closes == expected.closes && found.bit5 == expected.bit5;
        };
        QVERIFY(same(JsonByteMasks::ofBlock(block)));
        ++compared;
#if SPANWISE_JSON_AVX2
        if (JsonByteMasks::hasAvx2()) {
            QVERIFY(same(JsonByteMasks::ofBlockAvx2(block)));
            ++compared;
        }
#endif
    }
    QVERIFY(compared >= 5000);
}

void TestJsonScanner::aBreakIsWalkedOnce_data()
{
    QTest::addColumn<QByteArray>("end"); // what follows the lines: how the walks break
    QTest::newRow("at the end of the file") << QByteArray();
    QTest::newRow("at a wrong closer") << QByteArray("}");
    QTest::newRow("in a string the file ends in") << QByteArray("\"never closed");
    QTest::newRow("at a line break in a string") << QByteArray("\"broken\n");
}

void TestJsonScanner::aBreakIsWalkedOnce()
{
    // Lines of `{"resourceSpans":[` never close: every value in them breaks where the first
    // breaks, and a reader resuming at each line asks for each. Walked anew each time, that was
    // quadratic and hung the reader on a few megabytes.
    QFETCH(QByteArray, end);
    std::string text;
    for (int line = 0; line < 5000; ++line)
        text += "{\"resourceSpans\":[\n";
    text += end.toStdString();
    const JsonScanner scanner(text);
    int values = 0;
    for (std::size_t q = 0; (q = text.find_first_of("{[", q)) != std::string::npos; ++q, ++values) {
        const auto found = scanner.valueEnd(q);
        const auto expected = walkedValueEnd(text, q);
        QVERIFY(!found && !expected);
        QCOMPARE(found.error().offset, expected.error());
    }
    QCOMPARE(values, 10000);
    // The first value's walk, and no other (walked anew: about 475 MB).
    QVERIFY2(scanner.brokenWalkBytes() <= text.size(), std::to_string(scanner.brokenWalkBytes()).c_str());
}

void TestJsonScanner::valuesInsideABreakAgreeWithTheWalk()
{
    // Values inside a walk that broke are answered from what it learned (jsonbrokenwalk.h), a
    // few hundred bytes read instead of a walk: each answer must be what a walk would say.
    // Texts of random pieces, mostly unbalanced, some without line breaks so that walks run to
    // the end of the file; every bracket asked for in file order, as readers go.
    static constexpr std::string_view pieces[] = {"{", "}", "[", "]", "{", "[", "\"", "\\", "\\\"", ",", ":", "a", " ",
        "\"key\":", "\"a long string value that crosses a block boundary of the scanner\"", "\n"};
    QRandomGenerator random(1202);
    int ended = 0, broken = 0;
    for (int round = 0; round < 200; ++round) {
        const quint32 kinds = static_cast<quint32>(std::size(pieces)) - (round % 2); // odd rounds: no '\n'
        std::string text;
        while (text.size() < 3000)
            text += pieces[random.bounded(kinds)];
        const JsonScanner scanner(text);
        for (std::size_t q = 0; (q = text.find_first_of("{[", q)) != std::string::npos; ++q) {
            const auto found = scanner.valueEnd(q);
            const auto expected = walkedValueEnd(text, q);
            ++(expected ? ended : broken);
            QCOMPARE(found.has_value(), expected.has_value());
            if (expected) {
                QCOMPARE(*found, *expected);
                continue;
            }
            QCOMPARE(found.error().offset, expected.error());
            QCOMPARE(found.error().message, JsonScanner(text).valueEnd(q).error().message);
        }
    }
    QVERIFY(ended > 3000);
    QVERIFY(broken > 15000);
}

QTEST_GUILESS_MAIN(TestJsonScanner)
