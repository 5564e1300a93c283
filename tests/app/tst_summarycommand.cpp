#include "corpus.h"
#include "processes.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

namespace {

Spanwise::Test::ProcessRun spanwise(const QStringList& arguments)
{
    return Spanwise::Test::runProgram(QStringLiteral(SPANWISE_EXECUTABLE), arguments);
}

QString corpus(const QString& path)
{
    return QString::fromStdString(Spanwise::Test::corpusFile(path));
}

} // namespace

class TestSummaryCommand : public QObject
{
    Q_OBJECT

private slots:
    void hotrodJson()
    {
        const QString file = corpus(QStringLiteral("public/jaeger/stalk-hotrod-18231c31.json"));
        const Spanwise::Test::ProcessRun run = spanwise({QStringLiteral("summary"), QStringLiteral("--json"), file});
        QCOMPARE(run.exitCode, 0);
        QJsonParseError error;
        const QJsonObject summary = QJsonDocument::fromJson(run.out, &error).object();
        QCOMPARE(error.error, QJsonParseError::NoError);

        const QJsonArray files = summary[QStringLiteral("files")].toArray();
        QCOMPARE(files.size(), 1);
        const QJsonObject entry = files[0].toObject();
        QCOMPARE(entry[QStringLiteral("path")].toString(), file);
        QCOMPARE(entry[QStringLiteral("format")].toString(), QStringLiteral("jaeger-json"));
        QCOMPARE(entry[QStringLiteral("spans")].toInt(), 51);
        QCOMPARE(entry[QStringLiteral("warnings")].toInt(), 0);
        QCOMPARE(entry[QStringLiteral("errors")].toInt(), 0);

        QCOMPARE(summary[QStringLiteral("traces")].toInt(), 1);
        QCOMPARE(summary[QStringLiteral("spans")].toInt(), 51);
        QCOMPARE(summary[QStringLiteral("errorSpans")].toInt(), 3);
        QCOMPARE(summary[QStringLiteral("services")].toArray().toVariantList(),
            (QVariantList {"customer", "driver", "frontend", "mysql", "redis", "route"}));

        QStringList edges;
        for (const QJsonValue& value : summary[QStringLiteral("edges")].toArray()) {
            const QJsonObject e = value.toObject();
            QCOMPARE(e[QStringLiteral("virtual")].toBool(true), false);
            edges << QStringLiteral("%1>%2 %3/%4")
                         .arg(e[QStringLiteral("from")].toString(), e[QStringLiteral("to")].toString())
                         .arg(e[QStringLiteral("calls")].toInt())
                         .arg(e[QStringLiteral("errors")].toInt());
        }
        QCOMPARE(edges,
            (QStringList {"customer>mysql 1/0", "driver>redis 14/3", "frontend>customer 1/0", "frontend>driver 1/0",
                "frontend>route 10/0"}));
    }

    void severalFilesMerge()
    {
        const Spanwise::Test::ProcessRun run = spanwise({QStringLiteral("summary"), QStringLiteral("--json"),
            corpus(QStringLiteral("public/jaeger/stalk-hotrod-18231c31.json")),
            corpus(QStringLiteral("public/jaeger/stalk-publish-cv5.json"))});
        QCOMPARE(run.exitCode, 0);
        const QJsonObject summary = QJsonDocument::fromJson(run.out).object();
        QCOMPARE(summary[QStringLiteral("files")].toArray().size(), 2);
        QCOMPARE(summary[QStringLiteral("traces")].toInt(), 2);
        QCOMPARE(summary[QStringLiteral("spans")].toInt(), 51 + 40);
        QCOMPARE(summary[QStringLiteral("services")].toArray().size(), 6 + 3);
    }

    void textOutput()
    {
        const Spanwise::Test::ProcessRun run =
            spanwise({QStringLiteral("summary"), corpus(QStringLiteral("public/jaeger/stalk-hotrod-18231c31.json"))});
        QCOMPARE(run.exitCode, 0);
        const QString text = QString::fromUtf8(run.out);
        QVERIFY2(text.contains(QStringLiteral("1 traces, 51 spans, 6 services, 3 error spans")), qPrintable(text));
        QVERIFY(text.contains(QStringLiteral("driver -> redis: 14 calls, 3 errors")));
    }

    void exitCodes()
    {
        QTemporaryDir dir;
        const QString notJson = dir.filePath(QStringLiteral("notes.txt"));
        QVERIFY(Spanwise::Test::writeFile(notJson, "just some notes\n"));

        QCOMPARE(spanwise({QStringLiteral("summary")}).exitCode, 2);
        QCOMPARE(spanwise({QStringLiteral("summary"), QStringLiteral("--bogus"), notJson}).exitCode, 2);

        const Spanwise::Test::ProcessRun failed = spanwise({QStringLiteral("summary"), QStringLiteral("--json"),
            notJson, corpus(QStringLiteral("public/jaeger/stalk-search-410a8604.json"))});
        QCOMPARE(failed.exitCode, 1);
        QVERIFY2(failed.err.contains("notes.txt: byte 0: not JSON"), failed.err.constData());
        // The file that loaded is still summarised.
        QCOMPARE(QJsonDocument::fromJson(failed.out).object()[QStringLiteral("spans")].toInt(), 8);

        // A truncated file loads what it can: warnings, exit code 0.
        bool read = false;
        const QByteArray whole =
            Spanwise::Test::corpusBytes(QStringLiteral("public/jaeger/stalk-hotrod-18231c31.json"), &read);
        QVERIFY(read);
        const QString cutPath = dir.filePath(QStringLiteral("cut.json"));
        QVERIFY(Spanwise::Test::writeFile(cutPath, whole.left(50'000)));
        const Spanwise::Test::ProcessRun truncated =
            spanwise({QStringLiteral("summary"), QStringLiteral("--json"), cutPath});
        QCOMPARE(truncated.exitCode, 0);
        const QJsonObject file =
            QJsonDocument::fromJson(truncated.out).object()[QStringLiteral("files")].toArray()[0].toObject();
        QVERIFY(file[QStringLiteral("warnings")].toInt() >= 1);
        QVERIFY(file[QStringLiteral("spans")].toInt() > 0);
        QVERIFY(truncated.err.contains("cut.json: line "));
    }
};

QTEST_GUILESS_MAIN(TestSummaryCommand)
#include "tst_summarycommand.moc"
