#include "corpus.h"
#include "processes.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

// `spanwise diagnose --json` on the SDK capture: the recorded 42 ms slow inventory pod
// (traces.capture-info.json), the capture's orphans (MANIFEST.md: 14 orphan traces), and the
// field names scripts read.
class TestDiagnoseCommand : public QObject
{
    Q_OBJECT

private slots:
    void json()
    {
        const auto run = Spanwise::Test::runProgram(QStringLiteral(SPANWISE_EXECUTABLE),
            {QStringLiteral("diagnose"), QStringLiteral("--json"),
                QString::fromStdString(Spanwise::Test::corpusFile(QStringLiteral("sdk/traces.otlp.json")))});
        QCOMPARE(run.exitCode, 0);
        const QJsonObject report = QJsonDocument::fromJson(run.out).object();
        for (const char* key :
            {"clockSkew", "orphanSpans", "multiRootTraces", "splitTraces", "notExtractingServices", "anomalies"})
            QVERIFY2(report.contains(QLatin1String(key)), key);
        bool slowPod = false;
        for (const QJsonValue host : report[QStringLiteral("clockSkew")].toArray())
            if (host[QStringLiteral("host")].toString() == QStringLiteral("inventory-service-900b5-1")) {
                slowPod = true;
                QVERIFY(std::abs(host[QStringLiteral("offsetNs")].toDouble() + 42e6) <= 1e6);
                QVERIFY(host[QStringLiteral("flagged")].toBool());
                QCOMPARE(host[QStringLiteral("service")].toString(), QStringLiteral("inventory-service"));
                QVERIFY(host[QStringLiteral("pairs")].toInt() > 0);
            }
        QVERIFY(slowPod);
        QVERIFY(report[QStringLiteral("orphanSpans")].toInt() >= 14); // at least one per orphan trace
        const QJsonArray anomalies = report[QStringLiteral("anomalies")].toArray();
        QVERIFY(!anomalies.isEmpty() && anomalies.size() <= 50);
        for (const char* key : {"traceId", "spanId", "service", "operation", "reason"})
            QVERIFY2(anomalies[0].toObject().contains(QLatin1String(key)), key);
    }

    void exitCodes()
    {
        QCOMPARE(
            Spanwise::Test::runProgram(QStringLiteral(SPANWISE_EXECUTABLE), {QStringLiteral("diagnose")}).exitCode, 2);
        QCOMPARE(Spanwise::Test::runProgram(QStringLiteral(SPANWISE_EXECUTABLE),
                     {QStringLiteral("diagnose"), QStringLiteral("/nonexistent/trace.json")})
                     .exitCode,
            3);
    }
};

QTEST_GUILESS_MAIN(TestDiagnoseCommand)
#include "tst_diagnosecommand.moc"
