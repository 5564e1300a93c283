#include "corpus.h"
#include "fixtures.h"
#include "loadchecks.h"
#include "manifest.h"
#include "servicenames.h"
#include "traceloader.h"

#include <QTest>

#include <algorithm>

using namespace Spanwise;

Q_DECLARE_METATYPE(Spanwise::Test::ManifestEntry)

namespace {

LoadResult loadCorpus(const QString& path)
{
    const std::string file = Test::corpusFile(path);
    return loadTraceFiles(std::span<const std::string>(&file, 1));
}

// The first span with that operation, or nullptr.
const Span* spanWithOperation(const TraceSet& set, std::string_view operation)
{
    const auto spans = set.spans();
    const auto it =
        std::find_if(spans.begin(), spans.end(), [&](const Span& s) { return set.text(s.operation) == operation; });
    return it == spans.end() ? nullptr : &*it;
}

} // namespace

class TestJaegerCorpus : public QObject
{
    Q_OBJECT

private slots:
    // Every Jaeger file of the corpus loads cleanly to the figures MANIFEST.md gives.
    void manifestFigures_data()
    {
        QTest::addColumn<Test::ManifestEntry>("entry");
        const auto entries = Test::manifestEntries(QStringLiteral("jaeger-json"));
        QVERIFY(entries.size() >= 13);
        for (const Test::ManifestEntry& entry : entries)
            QTest::newRow(qPrintable(entry.path)) << entry;
    }
    void manifestFigures()
    {
        QFETCH(Test::ManifestEntry, entry);
        const LoadResult result = loadCorpus(entry.path);
        SPANWISE_VERIFY_LOADED(result);
        QCOMPARE(result.reports.size(), std::size_t(1));
        const ImportReport& report = result.reports.front();
        QCOMPARE(QString::fromStdString(report.format), QStringLiteral("jaeger-json"));
        QVERIFY2(!report.failed, report.messages.empty() ? "" : report.describe(report.messages.front()).c_str());
        QCOMPARE(report.warningCount, std::size_t(0));
        const TraceSet& set = *result.traces;
        // Duplicate span ids are kept apart, so spans count exactly as the manifest does.
        QCOMPARE(int(set.spans().size()), entry.spans);
        QCOMPARE(int(report.spans), entry.spans);
        QCOMPARE(int(set.traces().size()), entry.traces);
        QCOMPARE(int(set.serviceNames().size()), entry.services);
        QCOMPARE(int(set.errorSpanCount()), entry.errors);
        const auto duplicates = std::count_if(set.forest().diagnostics().begin(), set.forest().diagnostics().end(),
            [](const Diagnostic& d) { return d.kind == DiagnosticKind::DuplicateSpanId; });
        QCOMPARE(int(duplicates), entry.duplicateIds);
    }

    void hotrod()
    {
        const LoadResult result = loadCorpus(QStringLiteral("public/jaeger/stalk-hotrod-18231c31.json"));
        SPANWISE_VERIFY_LOADED(result);
        const TraceSet& set = *result.traces;
        QCOMPARE(set.spans().size(), std::size_t(51));
        QCOMPARE(set.serviceNames().size(), std::size_t(6));
        QCOMPARE(set.errorSpanCount(), std::size_t(3));
        QCOMPARE(Test::dumpEdges(set),
            (QStringList {"customer>mysql 1/0", "driver>redis 14/3", "frontend>customer 1/0", "frontend>driver 1/0",
                "frontend>route 10/0"}));
        const TraceInfo& trace = set.traces().front();
        QCOMPARE(QString::fromStdString(std::string(set.serviceName(set.span(trace.root).service))),
            QStringLiteral("frontend"));
        QCOMPARE(trace.rootCount, 1u);
        QCOMPARE(set.forest().diagnostics().size(), std::size_t(0));
        // Microseconds become nanoseconds.
        const Span& root = set.span(trace.root);
        QCOMPARE(root.startNs % 1000, std::int64_t(0));
        QVERIFY(root.durationNs > 0);
        // 123 logs became events.
        std::size_t events = 0;
        for (const Span& span : set.spans())
            events += span.events.count;
        QCOMPARE(events, std::size_t(123));
        const Span& redisError =
            *std::find_if(set.spans().begin(), set.spans().end(), [](const Span& s) { return s.isError(); });
        QCOMPARE(set.serviceName(redisError.service), std::string_view("redis"));
        QCOMPARE(redisError.kind, SpanKind::Client);
    }

    void referencesTagsAndWarnings()
    {
        const LoadResult result = loadCorpus(QStringLiteral("public/jaeger/jaeger-converter-ui-01.json"));
        SPANWISE_VERIFY_LOADED(result);
        const TraceSet& set = *result.traces;
        QCOMPARE(set.spans().size(), std::size_t(5));
        // Parent: the first CHILD_OF within the trace; the cross-trace CHILD_OF and the
        // FOLLOWS_FROM become links.
        const Span* referenceTestSpan = spanWithOperation(set, "reference-test");
        QVERIFY(referenceTestSpan);
        const Span& referenceTest = *referenceTestSpan;
        QVERIFY(referenceTest.hasParentId());
        QCOMPARE(referenceTest.parentSpanId, std::uint64_t(2));
        const auto links = set.links(referenceTest.links);
        QCOMPARE(links.size(), std::size_t(2));
        QCOMPARE(links[0].kind, LinkKind::ChildOf);
        QCOMPARE(links[0].traceId, (TraceId {0, 0xff}));
        QCOMPARE(links[1].kind, LinkKind::FollowsFrom);
        QCOMPARE(links[1].spanId, std::uint64_t(2));

        // Typed tags, including an int64 above 2^53 given as a string and base64 binary.
        const Span& tagged = *std::find_if(set.spans().begin(), set.spans().end(),
            [&](const Span& s) { return set.text(s.operation) == "some-operation" && s.attributes.count > 0; });
        QVERIFY(tagged.isError());
        QStringList tags;
        for (const Attribute& a : set.attributes(tagged.attributes)) {
            QString value;
            switch (a.type()) {
            case AttributeType::String:
                value = QString::fromStdString(std::string(set.text(a.text)));
                break;
            case AttributeType::Int:
                value = QString::number(a.integer);
                break;
            case AttributeType::Double:
                value = QString::number(a.real);
                break;
            case AttributeType::Bool:
                value = a.boolean ? QStringLiteral("true") : QStringLiteral("false");
                break;
            case AttributeType::Bytes:
                value = QString::fromLatin1(QByteArray::fromStdString(std::string(set.text(a.text))).toHex());
                break;
            default:
                value = QStringLiteral("?");
            }
            tags << QString::fromStdString(std::string(set.text(a.key()))) + QLatin1Char('=') + value;
        }
        QCOMPARE(tags,
            (QStringList {"peer.service=service-y", "peer.ipv4=23456", "error=true", "temperature=72.5",
                "javascript_limit=9223372036854775222", "blob=00003039"}));

        // Logs became events, named by their "event" field.
        const Span* loggedSpan = spanWithOperation(set, "test-general-conversion");
        QVERIFY(loggedSpan);
        const Span& logged = *loggedSpan;
        const auto events = set.events(logged.events);
        QCOMPARE(events.size(), std::size_t(2));
        QCOMPARE(set.text(events[0].name), std::string_view("some-event"));
        QCOMPARE(events[0].timeNs, std::int64_t(1485467191639875) * 1000);
        QCOMPARE(set.text(events[1].name), std::string_view("log"));

        QCOMPARE(set.traceWarnings().size(), std::size_t(1));
        QCOMPARE(set.text(set.traceWarnings()[0].text), std::string_view("some trace warning"));
        QCOMPARE(set.spanWarnings().size(), std::size_t(2));
    }

    void inlineProcessesAndOrphans()
    {
        const LoadResult result = loadCorpus(QStringLiteral("public/jaeger/jaeger-anonymizer-span-array.json"));
        SPANWISE_VERIFY_LOADED(result);
        const TraceSet& set = *result.traces;
        QCOMPARE(set.spans().size(), std::size_t(2));
        QCOMPARE(set.forest().diagnostics().size(), std::size_t(1));
        QCOMPARE(set.forest().diagnostics()[0].kind, DiagnosticKind::MissingParent);
        QCOMPARE(set.traces().front().rootCount, 1u);
    }

    void hundredTwentyEightBitIds()
    {
        const LoadResult result = loadCorpus(QStringLiteral("public/jaeger/jaeger-ui-genai-agent.json"));
        SPANWISE_VERIFY_LOADED(result);
        const TraceSet& set = *result.traces;
        QCOMPARE(set.traces().size(), std::size_t(1));
        QCOMPARE(set.traces().front().id, (TraceId {0x4a1b2c3d4e5f6071ULL, 0x8293a4b5c6d7e8f9ULL}));
        QCOMPARE(set.traces().front().rootCount, 1u);
    }
};

QTEST_GUILESS_MAIN(TestJaegerCorpus)
#include "tst_jaegercorpus.moc"
