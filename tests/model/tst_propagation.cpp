#include "corpus.h"
#include "fixtures.h"
#include "loadchecks.h"
#include "manifest.h"
#include "propagation.h"
#include "traceloader.h"
#include "traceset.h"

#include <QTest>

#include <set>

using namespace Spanwise;

using Kind = SpanKind;

class TestPropagation : public QObject
{
    Q_OBJECT

private slots:
    void findsEachKindOfBreak()
    {
        const auto set = Test::buildTraceSet({
            // Trace 1: web calls api properly; api names "billing" as its peer and calls it,
            // but billing starts trace 2 instead of continuing (it does not extract).
            {1, {}, "web", "GET /", 0, 100, false, 1, Kind::Server},
            {2, 1, "web", "call api", 5, 80, false, 1, Kind::Client},
            {3, 2, "api", "serve", 10, 60, false, 1, Kind::Server},
            {4, 3, "api", "charge", 20, 30, false, 1, Kind::Client, {{"peer.service", "billing"}}},
            {1, {}, "billing", "charge", 22, 20, false, 2, Kind::Server},
            // Trace 3: an orphan server span whose client (span 7) is in trace 4: a split trace.
            {8, 7, "stock", "reserve", 40, 5, false, 3, Kind::Server},
            {7, {}, "cart", "reserve stock", 38, 10, false, 4, Kind::Client},
            // Trace 5: two roots.
            {1, {}, "cron", "tick", 0, 10, false, 5},
            {2, {}, "cron", "tock", 20, 10, false, 5},
        });
        const PropagationFindings f = findPropagationProblems(*set);
        QCOMPARE(f.orphanSpans.size(), std::size_t(1));
        QCOMPARE(set->text(set->span(f.orphanSpans[0]).operation), std::string_view("reserve"));
        QCOMPARE(f.splitTraces.size(), std::size_t(1));
        QCOMPARE(set->text(set->span(f.splitTraces[0].second).operation), std::string_view("reserve stock"));
        QCOMPARE(f.multiRootTraces.size(), std::size_t(1));
        QCOMPARE(set->trace(f.multiRootTraces[0]).spanCount(), 2u);
        // billing receives calls but never has a remote parent while api names it; web is an
        // entry service nobody names, so it is not listed.
        QCOMPARE(f.notExtractingServices, std::vector<std::string> {"billing"});
    }

    // The SDK capture: MANIFEST.md counts 14 "orphan traces" (a span whose parent id is not in
    // the file); the orphan spans found fall in exactly that many traces.
    void orphansOfTheSdkCapture()
    {
        int manifestOrphans = -1;
        for (const Test::ManifestEntry& entry : Test::manifestEntries(QStringLiteral("otlp-json")))
            if (entry.path == QStringLiteral("sdk/traces.otlp.json"))
                manifestOrphans = entry.orphanTraces;
        QCOMPARE(manifestOrphans, 14);
        const std::string path = Test::corpusFile(QStringLiteral("sdk/traces.otlp.json"));
        const LoadResult loaded = loadTraceFiles(std::span<const std::string>(&path, 1));
        SPANWISE_VERIFY_LOADED(loaded);
        const PropagationFindings f = findPropagationProblems(*loaded.traces);
        std::set<std::uint32_t> traces;
        for (const SpanIndex s : f.orphanSpans)
            traces.insert(loaded.traces->forest().traceOf(s).value);
        QCOMPARE(int(traces.size()), manifestOrphans);
    }
};

QTEST_GUILESS_MAIN(TestPropagation)
#include "tst_propagation.moc"
