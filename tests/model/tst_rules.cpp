#include "tst_rules.h"
#include "fixtures.h"
#include "rules.h"
#include "traceset.h"

#include <QTest>

using namespace Spanwise;

namespace {

// Service "api": 100 server spans of 1..100 ms in traces 1..100, every 25th failing; each is
// called by a "web" client span (so 100 calls web -> api). Service "db": none.
std::shared_ptr<const TraceSet> hundredCalls()
{
    std::vector<Test::SpanSpec> specs;
    for (std::uint64_t i = 1; i <= 100; ++i) {
        specs.push_back({1, {}, "web", "GET /", 0, 200'000'000, false, i, SpanKind::Client});
        specs.push_back({2, 1, "api", "GET /items", 10, std::int64_t(i) * 1'000'000, i % 25 == 0, i, SpanKind::Server});
    }
    return Test::buildTraceSet(specs);
}

RuleResult evaluated(const TraceSet& set, std::string_view text, bool allowEmpty = false)
{
    const auto rule = parseRule(text);
    if (!rule) {
        QTest::qFail(rule.error().message.c_str(), __FILE__, __LINE__);
        return {};
    }
    const auto result = evaluateRule(set, *rule, allowEmpty);
    if (!result) {
        QTest::qFail(result.error().message.c_str(), __FILE__, __LINE__);
        return {};
    }
    return *result;
}

} // namespace

void TestRules::parsesEveryForm()
{
    const auto p95 = parseRule(R"(  p95(service="checkout") < 300ms )");
    QVERIFY(p95);
    QCOMPARE(p95->function, Rule::Function::P95);
    QCOMPARE(p95->selectors.terms.size(), std::size_t(1));
    QCOMPARE(p95->selectors.terms[0].key, std::string("service"));
    QCOMPARE(p95->selectors.terms[0].value.text, std::string("checkout"));
    QCOMPARE(p95->op, QueryOp::Less);
    QCOMPARE(p95->threshold, 300e6);
    QCOMPARE(p95->text, std::string(R"(p95(service="checkout") < 300ms)"));
    const auto two = parseRule(R"(p50(service="api", operation="GET /x") <= 20ms)");
    QVERIFY(two);
    QCOMPARE(two->selectors.terms.size(), std::size_t(2));
    QCOMPARE(two->op, QueryOp::LessOrEqual);
    const auto rate = parseRule(R"(error_rate(service="payments") < 1%)");
    QVERIFY(rate);
    QCOMPARE(rate->threshold, 0.01);
    const auto calls = parseRule(R"(calls("frontend" -> "payments") > 0)");
    QVERIFY(calls);
    QCOMPARE(calls->from, std::string("frontend"));
    QCOMPARE(calls->to, std::string("payments"));
    QVERIFY(parseRule(R"(spans(service="x") > 100)"));
    QCOMPARE(parseRule("p99(kind=\"server\") < 1.5s")->threshold, 1.5e9);
    QCOMPARE(parseRule("max() < 250us")->threshold, 250e3);
}

void TestRules::malformedRulesSayWhere()
{
    const std::pair<const char*, std::size_t> cases[] = {
        {R"(p97(service="x") < 1s)", 1},          // no such function
        {R"(p95 service="x" < 1s)", 5},           // no '(': where it was expected
        {R"(p95(service=x) < 1s)", 13},           // value not quoted
        {R"(p95(service="x" < 1s)", 17},          // ')' missing
        {R"(p95(service="x") 1s)", 18},           // no comparison
        {R"(p95(service="x") < fast)", 20},       // not a duration
        {R"(error_rate(service="x") < 5ms)", 27}, // not a rate
        {R"(spans(service="x") > 10%)", 22},      // not a count
        {R"(calls("a" "b") > 0)", 11},            // no '->': where it was expected
    };
    for (const auto& [text, column] : cases) {
        const auto rule = parseRule(text);
        QVERIFY2(!rule, text);
        QVERIFY2(rule.error().column == column,
            qPrintable(QStringLiteral("%1: column %2, not %3: %4")
                           .arg(QString::fromUtf8(text))
                           .arg(rule.error().column)
                           .arg(column)
                           .arg(QString::fromStdString(rule.error().message))));
    }
}

// The figures, worked out here: 1..100 ms sorted; the nearest rank of p is ceil(p/100 × 100).
void TestRules::evaluatesAsTheStatisticsDo()
{
    const auto set = hundredCalls();
    QCOMPARE(*evaluated(*set, R"(p95(service="api") < 1s)").value, 95e6);
    QCOMPARE(*evaluated(*set, R"(p50(service="api") < 1s)").value, 50e6);
    QCOMPARE(*evaluated(*set, R"(p99(service="api", kind="server") < 1s)").value, 99e6);
    QCOMPARE(*evaluated(*set, R"(min(service="api") < 1s)").value, 1e6);
    QCOMPARE(*evaluated(*set, R"(mean(service="api") < 1s)").value, 50.5e6);
    QCOMPARE(*evaluated(*set, R"(error_rate(service="api") < 1%)").value, 0.04); // 4 of 100
    QCOMPARE(*evaluated(*set, R"(spans(service="api") > 1)").value, 100.0);
    QCOMPARE(*evaluated(*set, R"(calls("web" -> "api") > 0)").value, 100.0);
    // Pass and fail at the threshold.
    QVERIFY(evaluated(*set, R"(p95(service="api") <= 95ms)").pass);
    QVERIFY(!evaluated(*set, R"(p95(service="api") < 95ms)").pass);
    QVERIFY(!evaluated(*set, R"(error_rate(service="api") < 4%)").pass);
    QVERIFY(evaluated(*set, R"(error_rate(service="api") <= 0.04)").pass);
    QCOMPARE(evaluated(*set, R"(p95(service="api") < 1s)").unit, RuleUnit::Nanoseconds);
    QCOMPARE(evaluated(*set, R"(error_rate() < 1)").unit, RuleUnit::Ratio);
}

void TestRules::noDataFailsUnlessAllowed()
{
    const auto set = hundredCalls();
    const RuleResult none = evaluated(*set, R"(p95(service="db") < 1s)");
    QVERIFY(!none.value);
    QVERIFY(!none.pass);
    QVERIFY(evaluated(*set, R"(p95(service="db") < 1s)", true).pass);
    // A selector value a field cannot take is an error, with its place.
    const auto bad = parseRule(R"(p95(kind="sideways") < 1s)");
    QVERIFY(bad);
    QVERIFY(!evaluateRule(*set, *bad));
}

QTEST_GUILESS_MAIN(TestRules)
