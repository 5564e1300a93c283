// `spanwise diff` and `spanwise impact` as scripts call them, on the hand-made fixtures in
// tests/data/mapdiff (figures derived in its README.md).
#include "corpus.h"
#include "processes.h"

#include <QImage>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

using Spanwise::Test::ProcessRun;

namespace {

ProcessRun spanwise(const QStringList& arguments)
{
    return Spanwise::Test::runProgram(QStringLiteral(SPANWISE_EXECUTABLE), arguments);
}

QString fixture(const char* name)
{
    return QString::fromStdString(Spanwise::Test::dataFile(QStringLiteral("mapdiff/") + QLatin1String(name)));
}

QStringList diffArguments()
{
    return {QStringLiteral("diff"), QStringLiteral("--before"), fixture("before.json"), QStringLiteral("--after"),
        fixture("after.json")};
}

QJsonObject jsonOf(const ProcessRun& run)
{
    return QJsonDocument::fromJson(run.out).object();
}

QJsonObject edge(const QJsonObject& diff, const QString& from, const QString& to)
{
    for (const QJsonValue& e : diff[QStringLiteral("edges")].toArray())
        if (e[QStringLiteral("from")] == from && e[QStringLiteral("to")] == to)
            return e.toObject();
    return {};
}

// The edges `summary --json` reports for a file, as "from>to calls/errors".
QStringList summaryEdges(const QString& file)
{
    const ProcessRun run = spanwise({QStringLiteral("summary"), QStringLiteral("--json"), file});
    QStringList out;
    for (const QJsonValue& e : jsonOf(run)[QStringLiteral("edges")].toArray())
        out << QStringLiteral("%1>%2 %3/%4")
                   .arg(e[QStringLiteral("from")].toString(), e[QStringLiteral("to")].toString())
                   .arg(e[QStringLiteral("calls")].toInt())
                   .arg(e[QStringLiteral("errors")].toInt());
    return out;
}

} // namespace

class TestMapCommands : public QObject
{
    Q_OBJECT

private slots:
    void diffJsonFigures()
    {
        const ProcessRun run = spanwise(diffArguments() << QStringLiteral("--json"));
        QCOMPARE(run.exitCode, 0);
        const QJsonObject diff = jsonOf(run);
        QStringList services;
        for (const QJsonValue& s : diff[QStringLiteral("services")].toArray())
            services << s[QStringLiteral("name")].toString() + (s[QStringLiteral("virtual")].toBool() ? "*" : "") +
                    ':' + s[QStringLiteral("status")].toString();
        QCOMPARE(services,
            QStringList({"cart:same", "frontend:same", "legacy:removed", "payments:same", "postgresql*:added"}));

        const QJsonObject payments = edge(diff, "frontend", "payments");
        QCOMPARE(payments[QStringLiteral("status")].toString(), QStringLiteral("changed"));
        QCOMPARE(payments[QStringLiteral("callsBefore")].toInt(), 2);
        QCOMPARE(payments[QStringLiteral("callsAfter")].toInt(), 3);
        QCOMPARE(payments[QStringLiteral("errorsBefore")].toInt(), 1);
        QCOMPARE(payments[QStringLiteral("errorsAfter")].toInt(), 2);
        QCOMPARE(payments[QStringLiteral("p95NsBefore")].toDouble(), 50e6);
        QCOMPARE(payments[QStringLiteral("p95NsAfter")].toDouble(), 120e6);
        QCOMPARE(payments[QStringLiteral("virtual")].toBool(), false);

        const QJsonObject legacy = edge(diff, "frontend", "legacy");
        QCOMPARE(legacy[QStringLiteral("status")].toString(), QStringLiteral("removed"));
        QCOMPARE(legacy[QStringLiteral("callsAfter")].toInt(), 0);
        QVERIFY(legacy[QStringLiteral("p95NsAfter")].isNull());
        QCOMPARE(legacy[QStringLiteral("p95NsBefore")].toDouble(), 10e6);

        const QJsonObject postgres = edge(diff, "payments", "postgresql");
        QCOMPARE(postgres[QStringLiteral("status")].toString(), QStringLiteral("added"));
        QCOMPARE(postgres[QStringLiteral("virtual")].toBool(), true);
        QVERIFY(postgres[QStringLiteral("p95NsBefore")].isNull());

        const QJsonObject cart = edge(diff, "frontend", "cart");
        QCOMPARE(cart[QStringLiteral("status")].toString(), QStringLiteral("changed")); // +50 % calls
        QCOMPARE(cart[QStringLiteral("p95NsBefore")].toDouble(), 40e6);
        QCOMPARE(cart[QStringLiteral("p95NsAfter")].toDouble(), 40e6);
    }

    void diffCountsAsSummaryCounts()
    {
        const QJsonObject diff = jsonOf(spanwise(diffArguments() << QStringLiteral("--json")));
        QStringList before, after;
        for (const QJsonValue& e : diff[QStringLiteral("edges")].toArray()) {
            const QString name = e[QStringLiteral("from")].toString() + '>' + e[QStringLiteral("to")].toString();
            if (e[QStringLiteral("callsBefore")].toInt() > 0)
                before << QStringLiteral("%1 %2/%3")
                              .arg(name)
                              .arg(e[QStringLiteral("callsBefore")].toInt())
                              .arg(e[QStringLiteral("errorsBefore")].toInt());
            if (e[QStringLiteral("callsAfter")].toInt() > 0)
                after << QStringLiteral("%1 %2/%3")
                             .arg(name)
                             .arg(e[QStringLiteral("callsAfter")].toInt())
                             .arg(e[QStringLiteral("errorsAfter")].toInt());
        }
        QCOMPARE(before, summaryEdges(fixture("before.json")));
        QCOMPARE(after, summaryEdges(fixture("after.json")));
    }

    void thresholds()
    {
        // +16.7 points, +140 % p95, +50 % calls: under these thresholds nothing changed.
        ProcessRun run = spanwise(diffArguments()
            << QStringLiteral("--json") << QStringLiteral("--calls-threshold") << QStringLiteral("60")
            << QStringLiteral("--error-rate-threshold") << QStringLiteral("20") << QStringLiteral("--p95-threshold")
            << QStringLiteral("150"));
        QCOMPARE(run.exitCode, 0);
        QCOMPARE(
            edge(jsonOf(run), "frontend", "payments")[QStringLiteral("status")].toString(), QStringLiteral("same"));
        QCOMPARE(edge(jsonOf(run), "frontend", "cart")[QStringLiteral("status")].toString(), QStringLiteral("same"));
        run = spanwise(diffArguments() << QStringLiteral("--p95-threshold") << QStringLiteral("-1"));
        QCOMPARE(run.exitCode, 2);
    }

    void diffDrawings()
    {
        QTemporaryDir dir;
        const QString svg = dir.filePath(QStringLiteral("diff.svg"));
        QCOMPARE(spanwise(diffArguments() << QStringLiteral("-o") << svg).exitCode, 0);
        bool wellFormed = false;
        const QStringList texts = Spanwise::Test::svgTexts(svg, &wellFormed);
        QVERIFY(wellFormed);
        const QString all = texts.join(' ');
        QVERIFY2(all.contains(QStringLiteral("gone: 1 call")), qPrintable(all));
        QVERIFY(all.contains(QStringLiteral("new: 1 call")));
        QVERIFY(all.contains(QStringLiteral("2 → 3 calls")));
        QVERIFY(all.contains(QStringLiteral("removed: only before")));

        const QString dot = dir.filePath(QStringLiteral("diff.dot"));
        QCOMPARE(spanwise(diffArguments() << QStringLiteral("-o") << dot).exitCode, 0);
        QFile dotFile(dot);
        QVERIFY(dotFile.open(QIODevice::ReadOnly));
        const QByteArray dotText = dotFile.readAll();
        QVERIFY(dotText.contains("dotted"));  // legacy and its edge
        QVERIFY(dotText.contains("#d93025")); // the worse edge's colour

        const QString png = dir.filePath(QStringLiteral("diff.png"));
        QCOMPARE(spanwise(diffArguments() << QStringLiteral("-o") << png).exitCode, 0);
        QVERIFY(!QImage(png).isNull());
    }

    void diffUsageAndFailures()
    {
        QCOMPARE(spanwise({QStringLiteral("diff"), QStringLiteral("--before"), fixture("before.json")}).exitCode, 2);
        QCOMPARE(spanwise(diffArguments() << fixture("after.json")).exitCode, 2); // a file with no side
        const ProcessRun missing = spanwise({QStringLiteral("diff"), QStringLiteral("--before"),
            QStringLiteral("/nonexistent/before.json"), QStringLiteral("--after"), fixture("after.json")});
        QCOMPARE(missing.exitCode, 1);
        QVERIFY(missing.err.contains("/nonexistent/before.json"));
    }

    void impactJson()
    {
        const ProcessRun run = spanwise({QStringLiteral("impact"), fixture("after.json"), QStringLiteral("--service"),
            QStringLiteral("payments"), QStringLiteral("--json")});
        QCOMPARE(run.exitCode, 0);
        const QJsonObject impact = jsonOf(run);
        QCOMPARE(impact[QStringLiteral("service")].toString(), QStringLiteral("payments"));
        QCOMPARE(impact[QStringLiteral("traces")].toInt(), 3);
        const QJsonArray upstream = impact[QStringLiteral("upstream")].toArray();
        QCOMPARE(upstream.size(), 1);
        QCOMPARE(upstream[0][QStringLiteral("service")].toString(), QStringLiteral("frontend"));
        QCOMPARE(upstream[0][QStringLiteral("traces")].toInt(), 3);
        const QJsonArray downstream = impact[QStringLiteral("downstream")].toArray();
        QCOMPARE(downstream.size(), 1);
        QCOMPARE(downstream[0][QStringLiteral("service")].toString(), QStringLiteral("postgresql"));
        QCOMPARE(downstream[0][QStringLiteral("traces")].toInt(), 1);
        const QJsonArray entries = impact[QStringLiteral("entryPoints")].toArray();
        QCOMPARE(entries.size(), 1);
        QCOMPARE(entries[0][QStringLiteral("service")].toString(), QStringLiteral("frontend"));
        QCOMPARE(entries[0][QStringLiteral("operation")].toString(), QStringLiteral("GET /checkout"));
        QCOMPARE(entries[0][QStringLiteral("traces")].toInt(), 3);
        QCOMPARE(entries[0][QStringLiteral("share")].toDouble(), 1.0);
    }

    void impactOfAnEdge()
    {
        const ProcessRun run = spanwise({QStringLiteral("impact"), fixture("before.json"), QStringLiteral("--edge"),
            QStringLiteral("frontend,legacy"), QStringLiteral("--json")});
        QCOMPARE(run.exitCode, 0);
        const QJsonObject impact = jsonOf(run);
        QCOMPARE(impact[QStringLiteral("to")].toString(), QStringLiteral("legacy"));
        QCOMPARE(impact[QStringLiteral("traces")].toInt(), 1); // trace …b01 only
        QCOMPARE(impact[QStringLiteral("entryPoints")].toArray()[0][QStringLiteral("share")].toDouble(), 0.5);
    }

    void impactUsageAndFailures()
    {
        QCOMPARE(spanwise({QStringLiteral("impact"), fixture("after.json")}).exitCode, 2);
        QCOMPARE(spanwise({QStringLiteral("impact"), fixture("after.json"), QStringLiteral("--service"),
                              QStringLiteral("payments"), QStringLiteral("--edge"), QStringLiteral("a,b")})
                     .exitCode,
            2);
        const ProcessRun unknown = spanwise(
            {QStringLiteral("impact"), fixture("after.json"), QStringLiteral("--service"), QStringLiteral("legacy")});
        QCOMPARE(unknown.exitCode, 1);
        QVERIFY(unknown.err.contains("no service legacy"));
        QCOMPARE(spanwise({QStringLiteral("impact"), fixture("after.json"), QStringLiteral("--edge"),
                              QStringLiteral("cart,payments")})
                     .exitCode,
            1); // both services exist, no call between them
    }
};

QTEST_GUILESS_MAIN(TestMapCommands)
#include "tst_mapcommands.moc"
