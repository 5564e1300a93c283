#include "clockskew.h"
#include "corpus.h"
#include "fixtures.h"
#include "loadchecks.h"
#include "traceloader.h"
#include "traceset.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

using namespace Spanwise;

class TestClockSkew : public QObject
{
    Q_OBJECT

private slots:
    // The SDK capture simulated a clock skew per service instance and recorded it
    // (traces.capture-info.json): the estimate must find every skew over 1 ms within ±1 ms of
    // the recorded one (relative to the reference host), and flag no host that had none.
    void matchesTheCapturesRecordedSkews_data()
    {
        QTest::addColumn<QString>("file");
        QTest::newRow("otlp-json") << QStringLiteral("sdk/traces.otlp.json");
        QTest::newRow("otlp-proto") << QStringLiteral("sdk/traces.otlp.pb");
    }
    void matchesTheCapturesRecordedSkews()
    {
        QFETCH(QString, file);
        bool ok = false;
        const QByteArray info = Test::corpusBytes(QStringLiteral("sdk/traces.capture-info.json"), &ok);
        QVERIFY(ok);
        std::map<std::string, std::int64_t> recorded; // host → ns
        for (const QJsonValue instance : QJsonDocument::fromJson(info)[QStringLiteral("serviceInstances")].toArray())
            recorded[instance[QStringLiteral("host")].toString().toStdString()] =
                static_cast<std::int64_t>(instance[QStringLiteral("clockSkewUs")].toDouble() * 1000);
        QCOMPARE(recorded.size(), std::size_t(12));

        const std::string path = Test::corpusFile(file);
        const LoadResult loaded = loadTraceFiles(std::span<const std::string>(&path, 1));
        SPANWISE_VERIFY_LOADED(loaded);
        const ClockSkewEstimate estimate = estimateClockSkew(*loaded.traces);
        const auto reference =
            std::find_if(estimate.hosts.begin(), estimate.hosts.end(), [](const HostClock& h) { return h.reference; });
        QVERIFY(reference != estimate.hosts.end());
        QCOMPARE(reference->host, std::string("web-frontend-5a25e-0")); // where most traces start
        std::map<std::string, const HostClock*> found;
        for (const HostClock& host : estimate.hosts)
            found[host.host] = &host;
        for (const auto& [host, skew] : recorded) {
            const std::int64_t relative = skew - recorded.at(reference->host);
            if (std::abs(relative) > flaggedSkewNs) {
                QVERIFY2(found.contains(host), host.c_str());
                QVERIFY2(std::abs(found[host]->offsetNs - relative) <= 1'000'000,
                    qPrintable(QStringLiteral("%1: %2 ns, recorded %3 ns")
                                   .arg(QString::fromStdString(host))
                                   .arg(found[host]->offsetNs)
                                   .arg(relative)));
                QVERIFY(found[host]->pairs > 0);
                // Flagged when clearly over the 1 ms line (auth-service's 1.1 ms is estimated at
                // about 1.0 ms: within the tolerance, on the line).
                if (std::abs(relative) >= 2 * flaggedSkewNs)
                    QVERIFY2(found[host]->flagged, host.c_str());
            } else if (relative == 0 && found.contains(host)) {
                QVERIFY2(!found[host]->flagged, host.c_str());
            }
        }
        // The 42 ms slow inventory pod: about −42,000,000 ns.
        QVERIFY(found.contains("inventory-service-900b5-1"));
        QVERIFY(std::abs(found["inventory-service-900b5-1"]->offsetNs + 42'000'000) <= 1'000'000);
    }

    // Correcting moves every span of a flagged host by minus its offset: estimated again, no host
    // is flagged, fewer servers start before their clients, and the raw set is unchanged.
    void correctionRemovesTheSkew()
    {
        const std::string path = Test::corpusFile(QStringLiteral("sdk/traces.otlp.json"));
        const LoadResult loaded = loadTraceFiles(std::span<const std::string>(&path, 1));
        SPANWISE_VERIFY_LOADED(loaded);
        const TraceSet& raw = *loaded.traces;
        const ClockSkewEstimate before = estimateClockSkew(raw);
        const std::vector<std::int64_t> shifts = skewCorrections(raw, before);
        const auto corrected = raw.withShiftedSpans(shifts);
        const auto early = [](const TraceSet& set) {
            int count = 0;
            for (std::uint32_t i = 0; i < set.spans().size(); ++i)
                if (const SpanIndex p = set.forest().parentOf(SpanIndex {i}); p.isValid())
                    count += set.spans()[i].startNs < set.span(p).startNs ? 1 : 0;
            return count;
        };
        QVERIFY2(early(*corrected) < early(raw),
            qPrintable(QStringLiteral("%1 → %2").arg(early(raw)).arg(early(*corrected))));
        for (const HostClock& host : estimateClockSkew(*corrected).hosts)
            QVERIFY2(!host.flagged, host.host.c_str());
        // Only the flagged hosts' spans moved, each by minus its host's offset.
        std::size_t moved = 0;
        for (std::uint32_t i = 0; i < raw.spans().size(); ++i) {
            QCOMPARE(corrected->spans()[i].startNs - raw.spans()[i].startNs, shifts[i]);
            moved += shifts[i] != 0 ? 1 : 0;
        }
        QVERIFY(moved > 0 && moved < raw.spans().size());
    }

    void sameHostNeverSkewed()
    {
        // A client and its server on one host (no host attribute: nothing to estimate).
        const auto set = Test::buildTraceSet({{1, {}, "web", "get", 0, 100, false, 1, SpanKind::Client},
            {2, 1, "api", "serve", -50, 20, false, 1, SpanKind::Server}});
        QVERIFY(estimateClockSkew(*set).hosts.empty());
    }
};

QTEST_GUILESS_MAIN(TestClockSkew)
#include "tst_clockskew.moc"
