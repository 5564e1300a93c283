#include "query.h"
#include "spanquery.h"
#include "splitsuggestions.h"
#include "timestamptext.h"
#include "traceset.h"
#include "tracesetbuilder.h"

#include <QTest>

using namespace Spanwise;

namespace {

// Four one-span traces: 1 and 2 from v1/old.json (service.version 1.4, at 10:00 and 10:01),
// 3 and 4 from v2/new.json (service.version 1.5, at 10:02 and 10:03), UTC, 2024-05-01.
std::shared_ptr<const TraceSet> releases()
{
    TraceSetBuilder builder;
    const std::int64_t tenOClock = *parseTimestampNs("2024-05-01T10:00:00Z");
    for (std::uint64_t t = 1; t <= 4; ++t) {
        if (t == 1 || t == 3) // spans belong to the file added last
            builder.addFile(t == 1 ? "/data/v1/old.json" : "/data/v2/new.json");
        Span span;
        span.traceId = TraceId {0, t};
        span.spanId = t;
        span.service = builder.service("shop");
        Attribute version;
        version.setKey(builder.intern("service.version"));
        version.setType(AttributeType::String);
        version.text = builder.intern(t <= 2 ? "1.4" : "1.5");
        span.resource = builder.addResource(span.service, builder.addAttributes(std::vector<Attribute> {version}));
        span.operation = builder.intern("GET /");
        span.startNs = tenOClock + static_cast<std::int64_t>(t - 1) * 60'000'000'000;
        span.durationNs = 1000;
        builder.addSpan(span);
    }
    return builder.finish();
}

// The trace ids (low halves) a query picks.
QList<std::uint64_t> picked(const TraceSet& set, const std::string& text)
{
    QList<std::uint64_t> ids;
    const auto query = parseQuery(text);
    if (!query)
        return {};
    const auto bound = SpanQuery::compile(set, *query);
    if (!bound)
        return {};
    const std::vector<bool> pass = tracesMatching(set, *bound);
    for (std::size_t t = 0; t < pass.size(); ++t)
        if (pass[t])
            ids << set.traces()[t].id.lo;
    std::sort(ids.begin(), ids.end());
    return ids;
}

} // namespace

class TestSplitSuggestions : public QObject
{
    Q_OBJECT

private slots:
    void everySplitPicksItsSides()
    {
        const auto set = releases();
        const std::vector<SplitSuggestion> splits = suggestSplits(*set);
        QStringList labels;
        for (const SplitSuggestion& s : splits)
            labels << QString::fromStdString(s.label);
        // The median start of 10:00, 10:01, 10:02, 10:03 is the upper middle one, 10:02.
        QCOMPARE(labels,
            QStringList({"file: old.json | new.json", "shop service.version: 1.4 | 1.5",
                "time: before | from 2024-05-01T10:02:00.000Z"}));
        const QList<std::uint64_t> first {1, 2}, second {3, 4};
        for (const SplitSuggestion& s : splits) {
            QCOMPARE(picked(*set, s.before), first);
            QCOMPARE(picked(*set, s.after), second);
        }
    }

    void quotingSurvivesTheParser()
    {
        const auto query = parseQuery("file=" + quotedQueryValue(R"(a "b" \c.json)"));
        QVERIFY(query);
        QCOMPARE(query->terms.at(0).value.text, std::string(R"(a "b" \c.json)"));
    }

    // One file, traces starting together, and two services each at a version of its own.
    void nothingToSplit()
    {
        TraceSetBuilder builder;
        builder.addFile("one.json");
        for (std::uint64_t t = 1; t <= 2; ++t) {
            Span span;
            span.traceId = TraceId {0, t};
            span.spanId = 1;
            span.service = builder.service(t == 1 ? "shop" : "cart");
            Attribute version;
            version.setKey(builder.intern("service.version"));
            version.setType(AttributeType::String);
            version.text = builder.intern(t == 1 ? "1.4" : "2.0");
            span.resource = builder.addResource(span.service, builder.addAttributes(std::vector<Attribute> {version}));
            span.operation = builder.intern("GET /");
            builder.addSpan(span);
        }
        QVERIFY(suggestSplits(*builder.finish()).empty());
    }
};

QTEST_APPLESS_MAIN(TestSplitSuggestions)
#include "tst_splitsuggestions.moc"
