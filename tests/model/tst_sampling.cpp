#include "fixtures.h"
#include "operationstats.h"
#include "sampling.h"
#include "traceset.h"
#include "tracesetbuilder.h"

#include <QTest>

using namespace Spanwise;

namespace {

// Three traces: 1 rooted in web with Jaeger's probabilistic sampler at 0.1; 2 rooted in web
// with OpenTelemetry's threshold th:8 (probability 1/2) and its sampled flag clear on the
// child; 3 rooted in batch, whose root has a parent that is not loaded.
std::shared_ptr<const TraceSet> sampled()
{
    TraceSetBuilder builder;
    builder.addFile("sampled.json");
    const auto add = [&](std::uint64_t trace, std::uint64_t id, std::uint64_t parent, std::string_view service,
                         std::vector<std::pair<std::string, std::string>> tags, std::string_view tracestate,
                         std::uint32_t flags) {
        Span span;
        span.traceId = TraceId {0, trace};
        span.spanId = id;
        if (parent) {
            span.parentSpanId = parent;
            span.flags |= SpanHasParentId;
        }
        span.service = builder.service(service);
        span.resource = builder.addResource(span.service, {});
        span.operation = builder.intern("op");
        span.startNs = 1000;
        span.durationNs = 10;
        std::vector<Attribute> attributes;
        for (const auto& [key, value] : tags) {
            Attribute a;
            a.setKey(builder.intern(key));
            a.setType(AttributeType::String);
            a.text = builder.intern(value);
            attributes.push_back(a);
        }
        span.attributes = builder.addAttributes(attributes);
        span.traceState = builder.intern(tracestate);
        span.traceFlags = flags;
        builder.addSpan(span);
    };
    add(1, 1, 0, "web", {{"sampler.type", "probabilistic"}, {"sampler.param", "0.1"}}, "", 1);
    add(1, 2, 1, "cart", {}, "", 1);
    add(2, 3, 0, "web", {}, "vendor=abc,ot=th:8;rv:9b8233f7e3a151", 1);
    add(2, 4, 3, "cart", {}, "vendor=abc,ot=th:8;rv:9b8233f7e3a151", 0);
    add(3, 5, 99, "batch", {}, "", 1);
    return builder.finish();
}

} // namespace

class TestSampling : public QObject
{
    Q_OBJECT

private slots:
    void tracestate_data()
    {
        QTest::addColumn<QString>("tracestate");
        QTest::addColumn<double>("probability"); // -1: none
        // Thresholds (OTEP 235): probability = (2^56 − T) / 2^56, T the hex padded to 14 digits.
        QTest::newRow("th:0 keeps everything") << "ot=th:0" << 1.0;
        QTest::newRow("th:8 half") << "ot=th:8" << 0.5;
        QTest::newRow("th:c a quarter") << "ot=th:c" << 0.25;
        QTest::newRow("th:fd70a4 one per cent") << "ot=th:fd70a4" << (16777216.0 - 0xfd70a4) / 16777216.0;
        QTest::newRow("among other vendors") << "congo=t61rcWkgMzE, ot=rv:abc;th:8" << 0.5;
        QTest::newRow("p-value 3: one in eight") << "ot=p:3" << 0.125;
        QTest::newRow("p-value 63: none") << "ot=p:63" << 0.0;
        QTest::newRow("not hex") << "ot=th:zz" << -1.0;
        QTest::newRow("too long") << "ot=th:123456789abcdef" << -1.0;
        QTest::newRow("no ot entry") << "rojo=00f067aa0ba902b7" << -1.0;
        QTest::newRow("a key ending in ot") << "dot=th:8" << -1.0;
    }
    void tracestate()
    {
        QFETCH(QString, tracestate);
        QFETCH(double, probability);
        const auto found = tracestateProbability(tracestate.toStdString());
        if (probability < 0)
            QVERIFY(!found);
        else
            QCOMPARE(found, std::optional<double>(probability));
    }

    void jaegerSampler()
    {
        QCOMPARE(jaegerSamplerProbability("probabilistic", "0.001"), std::optional<double>(0.001));
        QCOMPARE(jaegerSamplerProbability("const", "1"), std::optional<double>(1.0));
        QCOMPARE(jaegerSamplerProbability("const", "true"), std::optional<double>(1.0));
        QVERIFY(!jaegerSamplerProbability("ratelimiting", "2"));
        QVERIFY(!jaegerSamplerProbability("probabilistic", "1.5"));
        QVERIFY(!jaegerSamplerProbability("probabilistic", "often"));
    }

    void factsPerRootService()
    {
        const auto set = sampled();
        const SamplingFacts facts = samplingFacts(*set);
        QCOMPARE(facts.traceProbability, (std::vector<double> {0.1, 0.5, 0}));
        QCOMPARE(facts.services.size(), std::size_t(2)); // batch and web root traces; cart none
        const ServiceSampling& batch = facts.services[0];
        QCOMPARE(std::string(set->serviceName(batch.service)), std::string("batch"));
        QCOMPARE(batch.known, std::uint64_t(0));
        const ServiceSampling& web = facts.services[1];
        QCOMPARE(web.traces, std::uint64_t(2));
        QCOMPARE(web.known, std::uint64_t(2));
        QCOMPARE(web.minProbability, 0.1);
        QCOMPARE(web.maxProbability, 0.5);
        QCOMPARE(web.source, SamplingSource::JaegerSampler);
        QCOMPARE(facts.spansWithFlags, std::uint64_t(5));
        QCOMPARE(facts.unsampledSpans, std::uint64_t(1));
    }

    // Each span weighs 1/p of its trace: web's roots 1/0.1 + 1/0.5 = 12; batch records nothing.
    void estimatedCounts()
    {
        const auto set = sampled();
        const StatsResult stats = computeOperationStats(*set, {StatsGrouping::By::Service, {}});
        QCOMPARE(stats.sampledSpans, std::uint64_t(4));
        for (const OperationStats& row : stats.rows) {
            const std::string name(set->serviceName(row.service));
            if (name == "batch") {
                QCOMPARE(row.estimatedCount, 1.0);
                QCOMPARE(row.sampledSpans, std::uint64_t(0));
            } else {
                QCOMPARE(row.estimatedCount, 12.0);
                QCOMPARE(row.sampledSpans, std::uint64_t(2));
            }
        }
    }

    void incompleteTraces()
    {
        const auto set = sampled();
        QVERIFY(incompleteTraceReason(*set, TraceIndex {0}).empty());
        QVERIFY(QString::fromStdString(incompleteTraceReason(*set, TraceIndex {2})).contains("parent"));
        const auto twoRoots = Test::buildTraceSet({{1, {}, "a", "o", 0, 10}, {3, 2, "b", "o", 1, 5}});
        QVERIFY(QString::fromStdString(incompleteTraceReason(*twoRoots, TraceIndex {0})).contains("2 roots"));
    }
};

QTEST_APPLESS_MAIN(TestSampling)
#include "tst_sampling.moc"
