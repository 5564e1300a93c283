#include "sessionfile.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

using namespace Spanwise;

namespace {

bool writeText(const QString& path, const QByteArray& bytes)
{
    QFile file(path);
    return file.open(QIODevice::WriteOnly) && file.write(bytes) == bytes.size();
}

} // namespace

// Session files: what File ▸ Save Session writes and `spanwise FILE.spanwise` reads.
class TestSessionFile : public QObject
{
    Q_OBJECT

private slots:
    void roundTripsEveryField()
    {
        QTemporaryDir dir;
        QVERIFY(writeText(dir.filePath(QStringLiteral("a.json")), "{}"));
        SessionState saved = SessionState::forFiles({dir.filePath(QStringLiteral("a.json"))});
        saved.traceId = QStringLiteral("4bf92f3577b34da6a3ce929d0e0e4736");
        saved.spanId = QStringLiteral("00f067aa0ba902b7");
        saved.tab = QStringLiteral("spans");
        saved.traceFilter = QStringLiteral("service=\"check out\" duration>1s");
        saved.spanFilter = QStringLiteral("error=true");
        saved.statisticsFilter = QStringLiteral("p99>250ms");
        saved.compareA = QStringLiteral("file=before.json");
        saved.compareB = QStringLiteral("file=after.json");
        saved.service = QStringLiteral("payments");
        saved.mapDiffBefore = QStringLiteral("service.version=\"1.4\"");
        saved.mapDiffAfter = QStringLiteral("start>=5m");
        // Past 2^53: a double would round it.
        saved.zoom = SessionState::Zoom {9'007'199'254'740'993, 9'007'199'254'740'999};
        const QString path = dir.filePath(QStringLiteral("s.spanwise"));
        QCOMPARE(writeSessionFile(saved, path), QString());

        QString error;
        const std::optional<SessionState> read = readSessionFile(path, &error);
        QVERIFY2(read, qPrintable(error));
        QCOMPARE(read->paths(), saved.paths());
        QCOMPARE(read->files.front().size, 2);
        QCOMPARE(read->files.front().modified, saved.files.front().modified);
        QCOMPARE(read->traceId, saved.traceId);
        QCOMPARE(read->spanId, saved.spanId);
        QCOMPARE(read->tab, saved.tab);
        QCOMPARE(read->traceFilter, saved.traceFilter);
        QCOMPARE(read->spanFilter, saved.spanFilter);
        QCOMPARE(read->statisticsFilter, saved.statisticsFilter);
        QCOMPARE(read->compareA, saved.compareA);
        QCOMPARE(read->compareB, saved.compareB);
        QCOMPARE(read->service, saved.service);
        QCOMPARE(read->mapDiffBefore, saved.mapDiffBefore);
        QCOMPARE(read->mapDiffAfter, saved.mapDiffAfter);
        QVERIFY(read->zoom);
        QCOMPARE(read->zoom->fromNs, saved.zoom->fromNs);
        QCOMPARE(read->zoom->toNs, saved.zoom->toNs);
        QVERIFY(changedSinceSaved(*read).isEmpty());
    }

    // Beside the session (or below it) paths are relative, so the folder can move as a whole;
    // elsewhere they stay absolute.
    void filesBesideTheSessionAreRelative()
    {
        QTemporaryDir dir, elsewhere;
        QVERIFY(QDir(dir.path()).mkpath(QStringLiteral("traces")));
        const QString beside = dir.filePath(QStringLiteral("traces/a.json"));
        const QString outside = elsewhere.filePath(QStringLiteral("b.json"));
        QVERIFY(writeText(beside, "{}"));
        QVERIFY(writeText(outside, "{}"));
        const QString path = dir.filePath(QStringLiteral("s.spanwise"));
        const QJsonObject json =
            QJsonDocument::fromJson(sessionToJson(SessionState::forFiles({beside, outside}), path)).object();
        const QJsonArray files = json.value(QStringLiteral("files")).toArray();
        QCOMPARE(files.at(0).toObject().value(QStringLiteral("path")).toString(), QStringLiteral("traces/a.json"));
        QCOMPARE(
            files.at(1).toObject().value(QStringLiteral("path")).toString(), QFileInfo(outside).absoluteFilePath());

        // Moved with its folder, the session still finds its file.
        QTemporaryDir moved;
        QVERIFY(QDir(moved.path()).mkpath(QStringLiteral("traces")));
        QVERIFY(QFile::copy(beside, moved.filePath(QStringLiteral("traces/a.json"))));
        QString error;
        const auto read =
            sessionFromJson(QJsonDocument(json).toJson(), moved.filePath(QStringLiteral("s.spanwise")), &error);
        QVERIFY2(read, qPrintable(error));
        QCOMPARE(
            read->files.front().path, QFileInfo(moved.filePath(QStringLiteral("traces/a.json"))).absoluteFilePath());
    }

    void aChangedOrMissingFileIsNamed()
    {
        QTemporaryDir dir;
        const QString a = dir.filePath(QStringLiteral("a.json")), b = dir.filePath(QStringLiteral("b.json"));
        QVERIFY(writeText(a, "{}"));
        QVERIFY(writeText(b, "{}"));
        const SessionState saved = SessionState::forFiles({a, b});
        QVERIFY(writeText(a, "{ }")); // one byte longer
        QVERIFY(QFile::remove(b));
        const QStringList changes = changedSinceSaved(saved);
        QCOMPARE(changes.size(), 2);
        QVERIFY2(changes[0].contains(QStringLiteral("a.json")) && changes[0].contains(QStringLiteral("changed")),
            qPrintable(changes[0]));
        QVERIFY2(changes[1].contains(QStringLiteral("b.json")) && changes[1].contains(QStringLiteral("missing")),
            qPrintable(changes[1]));
    }

    void badSessionsAreRefusedWithTheReason_data()
    {
        QTest::addColumn<QByteArray>("json");
        QTest::addColumn<QString>("expected");
        QTest::newRow("not JSON") << QByteArray("{\"format\": ") << QStringLiteral("at byte");
        QTest::newRow("another format") << QByteArray("{\"format\": \"jaeger\"}")
                                        << QStringLiteral("not a Spanwise session");
        QTest::newRow("newer version") << QByteArray("{\"format\": \"spanwise-session\", \"version\": 2}")
                                       << QStringLiteral("version 2");
        QTest::newRow("file without path")
            << QByteArray("{\"format\": \"spanwise-session\", \"version\": 1, \"files\": [{}]}")
            << QStringLiteral("files[0]");
        QTest::newRow("zoom backwards")
            << QByteArray(
                   "{\"format\": \"spanwise-session\", \"version\": 1, \"zoom\": {\"fromNs\": \"9\", \"toNs\": \"3\"}}")
            << QStringLiteral("zoom");
    }

    void badSessionsAreRefusedWithTheReason()
    {
        QFETCH(QByteArray, json);
        QFETCH(QString, expected);
        QString error;
        QVERIFY(!sessionFromJson(json, QStringLiteral("/tmp/bad.spanwise"), &error));
        QVERIFY2(error.contains(QStringLiteral("bad.spanwise")), qPrintable(error));
        QVERIFY2(error.contains(expected), qPrintable(error));
    }
};

QTEST_GUILESS_MAIN(TestSessionFile)
#include "tst_sessionfile.moc"
